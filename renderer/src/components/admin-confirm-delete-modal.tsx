import type { ReactNode } from 'react';
import type { DeleteDialog } from '../hooks/use-delete-dialog';
import { ConfirmDeleteModal } from './confirm-delete-modal';

export interface AdminConfirmDeleteModalProps<T extends { name: string }> {
  /** From `useDeleteDialog`: open while it has an item, whose name titles the dialog and the button. */
  dialog: DeleteDialog<T>;
  /** What deleting the item does, in a sentence or two (a string becomes a paragraph). */
  children: (item: T) => ReactNode;
}

/** The admin lists' "are you sure" (people, classes, subjects): "Delete Asha Rao?", then "Delete Asha Rao". */
export function AdminConfirmDeleteModal<T extends { name: string }>({
  dialog,
  children,
}: AdminConfirmDeleteModalProps<T>) {
  const { item } = dialog;
  return (
    <ConfirmDeleteModal
      opened={item !== null}
      onClose={dialog.close}
      title={item ? `Delete ${item.name}?` : 'Delete'}
      confirmLabel={item ? `Delete ${item.name}` : 'Delete'}
      loading={dialog.loading}
      onConfirm={() => item && void dialog.confirm(item)}
    >
      {item ? children(item) : null}
    </ConfirmDeleteModal>
  );
}
