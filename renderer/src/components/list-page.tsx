import { Card, Group, Table, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ListPageState } from '../hooks/use-list-page';
import { AdminListFooter } from './admin-list-footer';
import { EmptyState } from './empty-state';
import { QueryError } from './query-error';
import { TableHead } from './table-head';

export interface EmptyText {
  title: string;
  hint: string;
}

export interface ListPageProps<T> {
  /** From `useListPage`. */
  list: ListPageState<T>;
  searchPlaceholder: string;
  /** Controls beside the search (selects), each changing through `list.setFilter` or `list.setPageSize`. */
  filters?: ReactNode;
  /** What failed to load, for the error's title: "the people". */
  what: string;
  /** The empty state: `none` before anything exists, `noMatch` when a search or filter finds nothing. */
  empty: { none: EmptyText; noMatch: EmptyText; testId?: string };
  /** The table's accessible name. */
  tableLabel: string;
  /** Below this width the table scrolls sideways. */
  minWidth: number;
  /** The visible column headers; a last, visually hidden "Actions" column holds each row's menu. */
  columns: readonly string[];
  /** One row: a `<Table.Tr key=…>` with a cell per column and the actions cell last. */
  row: (item: T) => ReactNode;
  /** The rows, plural and one ("people", "person"), for the footer. */
  noun: string;
  nounOne: string;
}

/**
 * The body of an admin list page, under its PageHeader: the search and filters, then the query's error, the
 * empty state or the server-paged table (its rows dimmed while the next answer loads), and the footer.
 */
export function ListPage<T>({
  list,
  searchPlaceholder,
  filters,
  what,
  empty,
  tableLabel,
  minWidth,
  columns,
  row,
  noun,
  nounOne,
}: ListPageProps<T>) {
  const answered = list.total !== null;
  const shown = list.filtering ? empty.noMatch : empty.none;
  return (
    <Card withBorder radius="md" padding="md">
      <Group gap="md" align="flex-end" wrap="wrap" mb="md">
        <TextInput
          label="Search"
          placeholder={searchPlaceholder}
          type="search"
          value={list.search}
          onChange={(e) => list.setSearch(e.currentTarget.value)}
          style={{ flex: '1 1 240px' }}
        />
        {filters}
      </Group>

      {list.error ? (
        <QueryError error={list.error} onRetry={list.refetch} what={what} />
      ) : answered && list.items.length === 0 ? (
        <EmptyState title={shown.title} hint={shown.hint} testId={empty.testId} />
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table
            highlightOnHover
            verticalSpacing="sm"
            aria-label={tableLabel}
            aria-busy={list.loading}
            style={{ opacity: list.loading && answered ? 0.6 : 1 }}
          >
            <TableHead columns={columns} actions />
            <Table.Tbody>
              {!answered && (
                <Table.Tr>
                  <Table.Td colSpan={columns.length + 1}>
                    <Text size="sm" c="dimmed" py="md" ta="center">
                      Loading…
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {list.items.map((item) => row(item))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.total !== null && list.total > 0 && (
        <AdminListFooter
          page={list.page}
          pageSize={list.pageSize}
          total={list.total}
          onPage={list.setPage}
          noun={noun}
          nounOne={nounOne}
        />
      )}
    </Card>
  );
}
