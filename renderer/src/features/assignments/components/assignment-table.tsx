import { Card, Group, Pagination, Skeleton, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AllChannelOutput, AssignmentDto } from '../../../../../shared/contract';
import { QueryError } from '../../../components/query-error';
import type { QueryResult } from '../../../hooks/use-query';
import { pageCount } from '../../../lib/paging';

export interface AssignmentTableProps {
  /** The `assignments.list` query of the page. */
  list: QueryResult<AllChannelOutput<'assignments.list'>>;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  /** What an empty answer says: "No assignments yet", or why a filter found nothing. */
  empty: { title: string; hint: string };
  /** Below this width the table scrolls sideways. */
  minWidth: number;
  columns: readonly string[];
  /** One row: a `<Table.Tr key=…>` with a cell per column. */
  row: (assignment: AssignmentDto) => ReactNode;
}

/**
 * The body of a workspace's assignment list (teacher or student): the query's error, a placeholder until the
 * first answer, the empty card, or the table "Your assignments" with its pages.
 */
export function AssignmentTable({
  list,
  page,
  pageSize,
  onPage,
  empty,
  minWidth,
  columns,
  row,
}: AssignmentTableProps) {
  if (list.error) return <QueryError error={list.error} onRetry={list.refetch} what="your assignments" />;
  if (!list.data) return <Skeleton h={200} />;
  if (list.data.items.length === 0) {
    return (
      <Card withBorder radius="md" padding="xl" data-testid="assignments-empty">
        <Text fw={600}>{empty.title}</Text>
        <Text size="sm" c="dimmed">
          {empty.hint}
        </Text>
      </Card>
    );
  }
  const pages = pageCount(list.data.total, pageSize);
  return (
    <Card withBorder radius="md" padding={0}>
      <Table.ScrollContainer minWidth={minWidth}>
        <Table highlightOnHover verticalSpacing="sm" aria-label="Your assignments">
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column}>{column}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{list.data.items.map((a) => row(a))}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 && (
        <Group justify="center" p="md">
          <Pagination
            total={pages}
            value={page}
            onChange={onPage}
            getControlProps={(control) => ({
              'aria-label':
                control === 'previous' ? 'Previous page' : control === 'next' ? 'Next page' : control,
            })}
          />
        </Group>
      )}
    </Card>
  );
}
