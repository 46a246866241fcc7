/** How many pages `total` rows fill, `pageSize` a page; an empty list still shows as one page. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
