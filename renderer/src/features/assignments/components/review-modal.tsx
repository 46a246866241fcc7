import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { SubmissionDto } from '../../../../../shared/contract';
import { REVIEW_DECISIONS, TEXT_LIMITS, type ReviewDecision } from '../../../../../shared/domain';
import { FileLinkList } from '../../../components/file-link';
import { useMutation } from '../../../hooks/use-mutation';
import { DECISION_LABELS, DECISION_SUCCESS, formatDateTime } from '../utils/assignment-rules';

export interface ReviewModalProps {
  assignmentId: string;
  /** The row under review; null closes the dialog. */
  row: SubmissionDto | null;
  onClose: () => void;
}

const DECISION_COLORS: Readonly<Record<ReviewDecision, string>> = {
  accept: 'teal.9',
  reject: 'red',
  reassign: 'grape',
};

/** Accept, reject or reassign a student's work, with feedback (needed when it goes back to them). */
export function ReviewModal({ assignmentId, row, onClose }: ReviewModalProps) {
  const name = row?.studentName ?? 'the student';
  return (
    <Modal opened={row !== null} onClose={onClose} title={`Review ${name}’s work`} size="lg" centered>
      {row && <ReviewForm key={row.studentId} assignmentId={assignmentId} row={row} onClose={onClose} />}
    </Modal>
  );
}

function ReviewForm({ assignmentId, row, onClose }: ReviewModalProps & { row: SubmissionDto }) {
  const [decision, setDecision] = useState<ReviewDecision | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { feedback: row.feedback ?? '' },
    validate: {
      feedback: (v) =>
        v.trim().length > TEXT_LIMITS.feedback ? `At most ${TEXT_LIMITS.feedback} characters.` : null,
    },
  });
  const review = useMutation('assignments.review', {
    success: (_d, input) => DECISION_SUCCESS[input.decision],
    form,
    invalidates: ['assignments.'],
    onSuccess: onClose,
  });

  async function decide(d: ReviewDecision): Promise<void> {
    if (form.validate().hasErrors) return;
    if (d !== 'accept' && form.values.feedback.trim() === '') {
      form.setFieldError('feedback', 'Tell the student what to change before sending the work back.');
      form.getInputNode('feedback')?.focus();
      return;
    }
    setDecision(d);
    await review.mutate({
      assignmentId,
      studentId: row.studentId,
      decision: d,
      feedback: form.values.feedback,
    });
    setDecision(null);
  }

  return (
    <form onSubmit={(e) => e.preventDefault()} noValidate>
      <Stack gap="md">
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            Handed in {row.submittedAt ? formatDateTime(row.submittedAt) : '—'}
          </Text>
          <FileLinkList files={row.files} empty="No files." />
          {row.note && (
            <Alert variant="light" color="gray" title="Note from the student" p="xs">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {row.note}
              </Text>
            </Alert>
          )}
        </Stack>
        <Textarea
          label="Feedback"
          description="Accept: optional. Reject or reassign: say what to change; the student sees it."
          autosize
          minRows={3}
          maxRows={8}
          maxLength={TEXT_LIMITS.feedback}
          data-autofocus
          {...form.getInputProps('feedback')}
        />
        <Text size="xs" c="dimmed">
          Reject sends the work back to be corrected; reassign asks for it to be done again. Either way the
          student can hand in again.
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={review.loading}>
            Cancel
          </Button>
          {REVIEW_DECISIONS.map((d) => (
            <Button
              key={d}
              color={DECISION_COLORS[d]}
              variant={d === 'accept' ? 'filled' : 'light'}
              c={d === 'accept' ? undefined : `${DECISION_COLORS[d]}.9`}
              loading={decision === d && review.loading}
              disabled={review.loading && decision !== d}
              onClick={() => void decide(d)}
            >
              {DECISION_LABELS[d]}
            </Button>
          ))}
        </Group>
      </Stack>
    </form>
  );
}
