import type { ReactNode } from 'react';
import { ConfirmDeleteModal } from './confirm-delete-modal';

export interface AdminConfirmDeleteModalProps<T extends { name: string }> {
  /** What would be deleted; the dialog is open while it is set. Its name titles the dialog and the button. */
  item: T | null;
  onClose: () => void;
  /** What deleting the item does, in a sentence or two (a string becomes a paragraph). */
  children: (item: T) => ReactNode;
  onConfirm: (item: T) => void | Promise<unknown>;
  loading?: boolean;
}

/** The admin lists' "are you sure" (people, classes, subjects): "Delete Asha Rao?", then "Delete Asha Rao". */
export function AdminConfirmDeleteModal<T extends { name: string }>({
  item,
  onClose,
  children,
  onConfirm,
  loading = false,
}: AdminConfirmDeleteModalProps<T>) {
  return (
    <ConfirmDeleteModal
      opened={item !== null}
      onClose={onClose}
      title={item ? `Delete ${item.name}?` : 'Delete'}
      confirmLabel={item ? `Delete ${item.name}` : 'Delete'}
      loading={loading}
      onConfirm={() => item && void onConfirm(item)}
    >
      {item ? children(item) : null}
    </ConfirmDeleteModal>
  );
}
