import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface AdminConfirmDeleteModalProps<T extends { name: string }> {
  /** What would be deleted; the dialog is open while it is set. Its name titles the dialog and the button. */
  item: T | null;
  onClose: () => void;
  /** What deleting the item does, in a sentence or two (a string becomes a paragraph). */
  children: (item: T) => ReactNode;
  onConfirm: (item: T) => void | Promise<unknown>;
  loading?: boolean;
}

/**
 * The admin workspace's "are you sure" before something is deleted: "Delete Asha Rao?" names what goes, the body
 * says what follows, and the safe choice (Cancel) has the focus, so a stray Enter deletes nothing.
 */
export function AdminConfirmDeleteModal<T extends { name: string }>({
  item,
  onClose,
  children,
  onConfirm,
  loading = false,
}: AdminConfirmDeleteModalProps<T>) {
  const body = item ? children(item) : null;
  return (
    <Modal opened={item !== null} onClose={onClose} title={item ? `Delete ${item.name}?` : 'Delete'} centered>
      <Stack gap="md">
        {typeof body === 'string' ? <Text size="sm">{body}</Text> : body}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="red" loading={loading} onClick={() => item && void onConfirm(item)}>
            {item ? `Delete ${item.name}` : 'Delete'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
