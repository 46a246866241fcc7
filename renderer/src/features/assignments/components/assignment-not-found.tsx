import { Anchor, Card, Stack, Text } from '@mantine/core';
import { PageHeader } from '../../../components/page-header';
import { hrefOf } from '../../../stores/route-store';

export interface AssignmentNotFoundProps {
  /** Whose list the way back leads to. */
  workspace: 'teacher' | 'student';
  /** Why it may be missing, as this reader would understand it. */
  reason: string;
}

/** An assignment page whose id names nothing this reader may see, with the way back to their list. */
export function AssignmentNotFound({ workspace, reason }: AssignmentNotFoundProps) {
  return (
    <Stack gap="lg">
      <PageHeader title="Assignment not found" />
      <Card withBorder radius="md" padding="xl">
        <Text size="sm">{reason}</Text>
        <Anchor href={hrefOf({ workspace, page: 'assignments' })} size="sm">
          Back to your assignments
        </Anchor>
      </Card>
    </Stack>
  );
}
