import { Anchor, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AllChannelOutput, AssignmentDto } from '../../../../../shared/contract';
import { QueryError } from '../../../components/query-error';
import type { QueryResult } from '../../../hooks/use-query';
import { hrefOf } from '../../../stores/route-store';

export interface AssignmentsCardProps {
  /** "Due next", "Waiting for review". */
  title: string;
  workspace: 'teacher' | 'student';
  /** The `assignments.list` query the items come from (its error and loading show here). */
  query: QueryResult<AllChannelOutput<'assignments.list'>>;
  /** The assignments to list, in order. */
  items: readonly AssignmentDto[];
  /** What the error names: "your assignments". */
  what: string;
  /** What an empty list says. */
  empty: string;
  /** A line above the list (the student's overdue count). */
  notice?: ReactNode;
  /** What stands right of each title: a due date or a count. */
  trailing: (assignment: AssignmentDto) => ReactNode;
}

/** A home card of a few assignments, each a link to its page, with a link to all of them. */
export function AssignmentsCard({
  title,
  workspace,
  query,
  items,
  what,
  empty,
  notice,
  trailing,
}: AssignmentsCardProps) {
  return (
    <Card withBorder radius="md" padding="lg" h="100%">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Anchor href={hrefOf({ workspace, page: 'assignments' })} size="sm">
          All assignments
        </Anchor>
      </Group>
      {notice}
      {query.error ? (
        <QueryError error={query.error} onRetry={query.refetch} what={what} />
      ) : !query.data ? (
        <Skeleton h={80} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((a) => (
            <Group key={a.id} component="li" justify="space-between" wrap="nowrap" gap="sm">
              <Anchor href={hrefOf({ workspace, page: 'assignments', rest: [a.id] })} size="sm" truncate>
                {a.title}
              </Anchor>
              {trailing(a)}
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
