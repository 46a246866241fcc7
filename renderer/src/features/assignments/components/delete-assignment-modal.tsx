import { Text } from '@mantine/core';
import type { AssignmentDto } from '../../../../../shared/contract';
import { ConfirmDeleteModal } from '../../../components/confirm-delete-modal';
import { useMutation } from '../../../hooks/use-mutation';

export interface DeleteAssignmentModalProps {
  assignment: AssignmentDto | null;
  onClose: () => void;
  /** After the delete (the assignment's readers are already told: `assignments.` is invalidated). */
  onDeleted?: (id: string) => void;
}

/** Asks before deleting: the submissions and every file go with the assignment. */
export function DeleteAssignmentModal({ assignment, onClose, onDeleted }: DeleteAssignmentModalProps) {
  const remove = useMutation('assignments.delete', {
    success: () => `“${assignment?.title ?? 'The assignment'}” was deleted.`,
    invalidates: ['assignments.'],
    onSuccess: (d) => {
      onDeleted?.(d.id);
      onClose();
    },
  });
  const handedIn = assignment?.counts ? assignment.counts.submitted + assignment.counts.graded : 0;

  return (
    <ConfirmDeleteModal
      opened={assignment !== null}
      onClose={onClose}
      title="Delete assignment?"
      confirmLabel="Delete assignment"
      cancelLabel="Keep it"
      loading={remove.loading}
      cancelDisabled={remove.loading}
      onConfirm={() => assignment && void remove.mutate({ id: assignment.id })}
    >
      <Text size="sm">
        “{assignment?.title}” will be deleted for every student, with its attachments
        {handedIn > 0
          ? `, and the ${handedIn} pieces of work handed in for it`
          : ' and any work handed in for it'}
        . This cannot be undone.
      </Text>
    </ConfirmDeleteModal>
  );
}
