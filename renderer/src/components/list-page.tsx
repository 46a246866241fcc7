import { Card, Group, Table, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ListPageState } from '../hooks/use-list-page';
import { AdminListFooter } from './admin-list-footer';
import { EmptyState } from './empty-state';
import { ManageMenu } from './manage-menu';
import { QueryError } from './query-error';
import { TableHead } from './table-head';

export interface EmptyText {
  title: string;
  hint: string;
}

export interface ListPageProps<T extends { id: string }> {
  /** From `useListPage`. */
  list: ListPageState<T>;
  searchPlaceholder: string;
  /** Controls beside the search (selects), each changing through `list.setFilter` or `list.setPageSize`. */
  filters?: ReactNode;
  /** The empty state: `none` before anything exists, `noMatch` when a search or filter finds nothing. */
  empty: { none: EmptyText; noMatch: EmptyText; testId?: string };
  /** The table's accessible name. */
  tableLabel: string;
  /** Below this width the table scrolls sideways. */
  minWidth: number;
  /** The visible column headers; a last, visually hidden "Actions" column holds each row's menu. */
  columns: readonly string[];
  /** One row's cells (`Table.Td`), one per column; the row and its actions cell are the page's. */
  cells: (item: T) => ReactNode;
  /** The row's "Manage" button's accessible name, naming the row: "Manage Asha Rao". */
  menuLabel: (item: T) => string;
  /** The row's actions: `Menu.Item`s (and dividers). */
  menu: (item: T) => ReactNode;
  /** The rows, plural and one ("people", "person"), for the footer and the error's title ("the people"). */
  noun: string;
  nounOne: string;
}

/**
 * The body of an admin list page, under its PageHeader: the search and filters, then the query's error, the
 * empty state or the server-paged table (its rows dimmed while the next answer loads), and the footer.
 */
export function ListPage<T extends { id: string }>({
  list,
  searchPlaceholder,
  filters,
  empty,
  tableLabel,
  minWidth,
  columns,
  cells,
  menuLabel,
  menu,
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
        <QueryError error={list.error} onRetry={list.refetch} what={`the ${noun}`} />
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
              {list.items.map((item) => (
                <Table.Tr key={item.id}>
                  {cells(item)}
                  <Table.Td ta="right">
                    <ManageMenu label={menuLabel(item)}>{menu(item)}</ManageMenu>
                  </Table.Td>
                </Table.Tr>
              ))}
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

/** A row's name, bold, in its first column. */
export function NameCell({ children }: { children: ReactNode }) {
  return (
    <Table.Td>
      <Text size="sm" fw={500}>
        {children}
      </Text>
    </Table.Td>
  );
}

/** A code or username, in monospace. */
export function CodeCell({ children }: { children: ReactNode }) {
  return (
    <Table.Td>
      <Text size="sm" ff="monospace">
        {children}
      </Text>
    </Table.Td>
  );
}
