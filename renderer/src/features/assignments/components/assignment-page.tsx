import { Anchor, Card, Skeleton, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AssignmentDto } from '../../../../../shared/contract';
import { PageHeader } from '../../../components/page-header';
import { LastSeenNotice } from '../../../components/last-seen-notice';
import { QueryError } from '../../../components/query-error';
import { useQuery } from '../../../hooks/use-query';
import { hrefOf } from '../../../stores/route-store';
import { isObjectId } from '../utils/assignment-rules';

export interface AssignmentPageProps {
  /** The id from the route; one that cannot be an id is "not found" without asking the server. */
  id: string;
  /** Whose list "All assignments" leads back to. */
  workspace: 'teacher' | 'student';
  /** Why the assignment may be missing, as this reader would understand it. */
  notFound: string;
  /** The page below the way back, once the assignment is read. */
  children: (assignment: AssignmentDto) => ReactNode;
}

/**
 * The frame of one assignment's page, teacher's or student's: it reads the assignment and shows "not found",
 * the error or a placeholder until it can, then the way back to the list above the page itself.
 */
export function AssignmentPage({ id, workspace, notFound, children }: AssignmentPageProps) {
  const valid = isObjectId(id);
  // An old assignment's page must not show while the next one loads.
  const query = useQuery('assignments.get', valid ? { id } : null, [], { keepPrevious: false });
  const back = hrefOf({ workspace, page: 'assignments' });

  if (!valid || query.error?.code === 'NOT_FOUND') {
    return (
      <Stack gap="lg">
        <PageHeader title="Assignment not found" />
        <Card withBorder radius="md" padding="xl">
          <Text size="sm">{notFound}</Text>
          <Anchor href={back} size="sm">
            Back to your assignments
          </Anchor>
        </Card>
      </Stack>
    );
  }
  if (query.error) return <QueryError error={query.error} onRetry={query.refetch} what="the assignment" />;
  if (!query.data) return <Skeleton h={320} />;
  return (
    <Stack gap="lg">
      <Anchor href={back} size="sm">
        ← All assignments
      </Anchor>
      <LastSeenNotice channels={['assignments.get']} />
      {children(query.data)}
    </Stack>
  );
}
