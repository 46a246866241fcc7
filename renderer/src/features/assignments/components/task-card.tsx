import { Card, Stack, Text, Title } from '@mantine/core';
import type { AssignmentDto } from '../../../../../shared/contract';
import { FileLinkList } from '../../../components/file-link';

/** "The task" on an assignment's page, for teacher and student alike: its description and attachments. */
export function TaskCard({ assignment }: { assignment: AssignmentDto }) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          The task
        </Title>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={assignment.description ? undefined : 'dimmed'}>
          {assignment.description || 'No description.'}
        </Text>
        <Text size="sm" fw={600}>
          Attachments
        </Text>
        <FileLinkList files={assignment.attachments} empty="No attachments." />
      </Stack>
    </Card>
  );
}
