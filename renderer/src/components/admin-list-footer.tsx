import { Group, Pagination, Text } from '@mantine/core';
import { pageCount } from '../lib/paging';

export interface AdminListFooterProps {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  /** What the rows are, plural: "people". */
  noun: string;
  /** One of them: "person" (default: `noun`). */
  nounOne?: string;
}

const CONTROL_LABELS = {
  first: 'First page',
  previous: 'Previous page',
  next: 'Next page',
  last: 'Last page',
} as const;

/** Under a server-paged table: which rows are shown of how many, and the pages. */
export function AdminListFooter({
  page,
  pageSize,
  total,
  onPage,
  noun,
  nounOne = noun,
}: AdminListFooterProps) {
  const pages = pageCount(total, pageSize);
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" gap="sm" mt="md">
      <Text size="sm" c="dimmed" aria-live="polite">
        {total === 0
          ? `No ${noun}`
          : pages === 1
            ? `${total} ${total === 1 ? nounOne : noun}`
            : `${first}–${last} of ${total} ${noun}`}
      </Text>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={onPage}
          size="sm"
          withEdges
          getControlProps={(control) => ({ 'aria-label': CONTROL_LABELS[control] })}
          getItemProps={(item) => ({
            'aria-label': `Page ${item}`,
            'aria-current': item === page ? 'page' : undefined,
          })}
          aria-label={`Pages of ${noun}`}
        />
      )}
    </Group>
  );
}
