import { Alert, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { AssignmentDto, FileRef, SubmissionDto } from '../../../../../shared/contract';
import { LIST_LIMITS, TEXT_LIMITS } from '../../../../../shared/domain';
import { FileDropzone } from '../../../components/file-dropzone';
import { FileLinkList } from '../../../components/file-link';
import { PageHeader } from '../../../components/page-header';
import { useNow } from '../../../hooks/use-now';
import { useMutation } from '../../../hooks/use-mutation';
import { canSubmit, formatDateTime, isLate, isSentBack } from '../utils/assignment-rules';
import { AssignmentPage } from './assignment-page';
import { RowBadges } from './status-badges';
import { TaskCard } from './task-card';

/** One assignment from the student's side: the task, their work and its outcome, and handing in. */
export function StudentAssignmentDetail({ id }: { id: string }) {
  return (
    <AssignmentPage
      id={id}
      workspace="student"
      notFound="This assignment does not exist, or it is not for your class."
    >
      {(a) => <StudentAssignment a={a} />}
    </AssignmentPage>
  );
}

function StudentAssignment({ a }: { a: AssignmentDto }) {
  const now = useNow();
  const row = a.submissions?.[0];
  const state = row?.status ?? 'pending';
  const past = a.dueDate.getTime() < now.getTime();

  return (
    <>
      <PageHeader
        title={a.title}
        description={
          <>
            {a.teacherName ? `Set by ${a.teacherName} · ` : ''}Due{' '}
            <Text
              span
              inherit
              c={state === 'overdue' ? 'red' : undefined}
              fw={state === 'overdue' ? 600 : undefined}
            >
              {formatDateTime(a.dueDate)}
            </Text>
          </>
        }
        actions={<RowBadges state={state} outcome={row?.outcome} />}
      />
      {state === 'overdue' && (
        <Alert color="red" variant="light" title="Overdue" data-testid="overdue-alert">
          The due date has passed and nothing is handed in. You can still hand it in; your teacher will see it
          was late.
        </Alert>
      )}

      <TaskCard assignment={a} />

      {row?.submittedAt && <YourWork row={row} dueDate={a.dueDate} />}

      {canSubmit(row) && <HandIn assignmentId={a.id} again={row?.submittedAt !== undefined} late={past} />}
    </>
  );
}

/** What the student handed in and what became of it: status, outcome, grade and feedback. */
function YourWork({ row, dueDate }: { row: SubmissionDto; dueDate: Date }) {
  const sentBack = isSentBack(row);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="your-work">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Your work
          </Title>
          <RowBadges state={row.status} outcome={row.outcome} />
        </Group>
        {row.grade !== undefined && (
          <Group gap="sm" align="baseline" data-testid="your-grade">
            <Text size="sm" fw={600}>
              Grade
            </Text>
            <Badge size="xl" variant="filled" color="teal.9">
              {row.grade} / 100
            </Badge>
          </Group>
        )}
        {row.outcome === 'accepted' && row.grade === undefined && (
          <Text size="sm">Your teacher accepted this work; the grade comes next.</Text>
        )}
        {row.status === 'submitted' && !row.outcome && (
          <Text size="sm">Handed in; waiting for your teacher to review it.</Text>
        )}
        {row.feedback && (
          <Alert
            variant="light"
            color={sentBack ? 'red' : 'blue'}
            title={
              sentBack
                ? row.outcome === 'rejected'
                  ? 'Sent back: rejected'
                  : 'Sent back: reassigned'
                : 'Feedback from your teacher'
            }
            data-testid="feedback"
          >
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {row.feedback}
            </Text>
          </Alert>
        )}
        {sentBack && !row.feedback && (
          <Alert variant="light" color="red" title="Sent back">
            Your teacher sent this work back. Hand it in again below.
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          {sentBack ? 'Last handed in' : 'Handed in'} {row.submittedAt ? formatDateTime(row.submittedAt) : ''}
          {isLate(row, dueDate) ? ' (late)' : ''}
        </Text>
        <FileLinkList files={row.files} empty="No files." />
        {row.note && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            <Text span fw={600} size="sm">
              Your note:{' '}
            </Text>
            {row.note}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

interface HandInValues {
  files: FileRef[];
  note: string;
}

/** Upload files (with a note) and hand them in; again after the work was sent back. */
function HandIn({ assignmentId, again, late }: { assignmentId: string; again: boolean; late: boolean }) {
  const [uploading, setUploading] = useState(false);
  const form = useForm<HandInValues>({
    mode: 'controlled',
    initialValues: { files: [], note: '' },
    validate: {
      files: (v) => (v.length === 0 ? 'Add at least one file.' : null),
      note: (v) => (v.trim().length > TEXT_LIMITS.note ? `At most ${TEXT_LIMITS.note} characters.` : null),
    },
  });
  const submit = useMutation('assignments.submit', {
    success: again
      ? 'Handed in again. Your teacher will review it.'
      : 'Handed in. Your teacher will review it.',
    form,
    // The page's assignments.get reads it again: the work shows under "Your work".
    invalidates: ['assignments.'],
    onSuccess: () => form.reset(),
  });

  return (
    <Card withBorder radius="md" padding="lg">
      <form
        noValidate
        aria-label={again ? 'Hand in again' : 'Hand in'}
        onSubmit={form.onSubmit(async (values) => {
          await submit.mutate({ assignmentId, files: values.files.map((f) => f.id), note: values.note });
        })}
      >
        <Stack gap="md">
          <Title order={2} size="h4">
            {again ? 'Hand in again' : 'Hand in your work'}
          </Title>
          {late && (
            <Text size="sm" c="red">
              The due date has passed; your work will show as late.
            </Text>
          )}
          <FileDropzone
            purpose="submission"
            label="Your files"
            value={form.values.files}
            onChange={(files) => {
              form.setFieldValue('files', files);
              form.clearFieldError('files');
            }}
            maxFiles={LIST_LIMITS.filesPerSubmission}
            onUploadingChange={setUploading}
            error={form.errors.files}
            disabled={submit.loading}
          />
          <Textarea
            label="Note for your teacher"
            description="Optional."
            autosize
            minRows={2}
            maxRows={6}
            maxLength={TEXT_LIMITS.note}
            {...form.getInputProps('note')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={submit.loading} disabled={uploading}>
              {uploading ? 'Uploading…' : again ? 'Hand in again' : 'Hand in'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
