import { Modal, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { SubmissionDto } from '../../../../../shared/contract';
import { SCORE_MAX, SCORE_MIN, TEXT_LIMITS } from '../../../../../shared/domain';
import { FormActions } from '../../../components/form-actions';
import { FileLinkList } from '../../../components/file-link';
import { useMutation } from '../../../hooks/use-mutation';

export interface GradeModalProps {
  assignmentId: string;
  row: SubmissionDto | null;
  onClose: () => void;
}

/** A grade out of 100 with feedback; grading work not yet reviewed accepts it. */
export function GradeModal({ assignmentId, row, onClose }: GradeModalProps) {
  const name = row?.studentName ?? 'the student';
  return (
    <Modal opened={row !== null} onClose={onClose} title={`Grade ${name}’s work`} centered>
      {row && <GradeForm key={row.studentId} assignmentId={assignmentId} row={row} onClose={onClose} />}
    </Modal>
  );
}

function GradeForm({ assignmentId, row, onClose }: GradeModalProps & { row: SubmissionDto }) {
  const form = useForm<{ grade: number | string; feedback: string }>({
    mode: 'controlled',
    initialValues: { grade: row.grade ?? '', feedback: row.feedback ?? '' },
    validate: {
      grade: (v) =>
        typeof v !== 'number' || Number.isNaN(v)
          ? 'Enter a grade from 0 to 100.'
          : v < SCORE_MIN || v > SCORE_MAX
            ? `Grades are ${SCORE_MIN}–${SCORE_MAX}.`
            : null,
      feedback: (v) =>
        v.trim().length > TEXT_LIMITS.feedback ? `At most ${TEXT_LIMITS.feedback} characters.` : null,
    },
  });
  const grade = useMutation('assignments.grade', {
    success: (d) => `Graded ${d.submission.grade ?? ''} / 100.`,
    form,
    invalidates: ['assignments.'],
    onSuccess: onClose,
  });

  const submit = form.onSubmit(async (values) => {
    if (typeof values.grade !== 'number') return;
    await grade.mutate({
      assignmentId,
      studentId: row.studentId,
      grade: values.grade,
      feedback: values.feedback,
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FileLinkList files={row.files} empty="No files." />
        {!row.outcome && (
          <Text size="xs" c="dimmed">
            Grading work you have not reviewed yet also accepts it.
          </Text>
        )}
        <NumberInput
          label="Grade"
          description={`Out of ${SCORE_MAX}.`}
          min={SCORE_MIN}
          max={SCORE_MAX}
          step={1}
          decimalScale={1}
          clampBehavior="strict"
          withAsterisk
          data-autofocus
          {...form.getInputProps('grade')}
        />
        <Textarea
          label="Feedback"
          description="The student sees it with the grade."
          autosize
          minRows={3}
          maxRows={8}
          maxLength={TEXT_LIMITS.feedback}
          {...form.getInputProps('feedback')}
        />
        <FormActions
          onCancel={onClose}
          submitLabel="Save grade"
          loading={grade.loading}
          cancelDisabled={grade.loading}
        />
      </Stack>
    </form>
  );
}
