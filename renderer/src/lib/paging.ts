/** How many pages `total` rows fill, `pageSize` a page; an empty list still shows as one page. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** Where a page is read from: an offset (its number), or beside a row of the page shown. */
export type PageAnchor<C> = { after: C } | { before: C } | null;

/**
 * How to read page `target` while `shown` is on screen: the next page after its last row, the previous one
 * before its first row (a range from a row costs the same at any depth; an offset passes over every row
 * before it), anything else (a jump, page 1, nothing shown yet) by its number.
 */
export function anchorFor<T, C>(
  target: number,
  shown: { page: number; items: readonly T[] } | undefined,
  cursorOf: (row: T) => C,
): PageAnchor<C> {
  if (!shown || target <= 1) return null;
  const first = shown.items[0];
  const last = shown.items[shown.items.length - 1];
  if (target === shown.page + 1 && last !== undefined) return { after: cursorOf(last) };
  if (target === shown.page - 1 && first !== undefined) return { before: cursorOf(first) };
  return null;
}
