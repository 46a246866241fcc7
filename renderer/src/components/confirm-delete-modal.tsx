import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface ConfirmDeleteModalProps {
  opened: boolean;
  onClose: () => void;
  /** The dialog's title and accessible name: "Delete this notice?". */
  title: string;
  /** What deleting does, in a sentence or two (a string becomes a paragraph). */
  children: ReactNode;
  /** The red button: "Delete" unless told. */
  confirmLabel?: string;
  /** The safe button: "Cancel" unless told. */
  cancelLabel?: string;
  onConfirm: () => void;
  loading?: boolean;
  /** The safe button waits too while the delete runs (closing then would hide its outcome). */
  cancelDisabled?: boolean;
}

/**
 * The "are you sure" before something is deleted: it says what goes and what follows, and the safe choice has
 * the focus, so a stray Enter deletes nothing.
 */
export function ConfirmDeleteModal({
  opened,
  onClose,
  title,
  children,
  confirmLabel = 'Delete',
  cancelLabel = 'Cancel',
  onConfirm,
  loading = false,
  cancelDisabled = false,
}: ConfirmDeleteModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack gap="md">
        {typeof children === 'string' ? <Text size="sm">{children}</Text> : children}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={cancelDisabled} data-autofocus>
            {cancelLabel}
          </Button>
          <Button color="red" loading={loading} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
