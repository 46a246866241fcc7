import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface AdminConfirmDeleteModalProps {
  opened: boolean;
  onClose: () => void;
  /** The dialog's title: "Delete Asha Rao?". */
  title: string;
  /** What deleting does, in a sentence or two. */
  children: ReactNode;
  /** The confirming button: "Delete Asha Rao". */
  confirmLabel: string;
  onConfirm: () => void | Promise<unknown>;
  loading?: boolean;
}

/**
 * The admin workspace's "are you sure" before something is deleted: it names what goes and what follows, and
 * the safe choice (Cancel) has the focus, so a stray Enter deletes nothing.
 */
export function AdminConfirmDeleteModal({
  opened,
  onClose,
  title,
  children,
  confirmLabel,
  onConfirm,
  loading = false,
}: AdminConfirmDeleteModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack gap="md">
        {typeof children === 'string' ? <Text size="sm">{children}</Text> : children}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button color="red" loading={loading} onClick={() => void onConfirm()}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
