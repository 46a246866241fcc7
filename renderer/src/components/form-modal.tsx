import { Modal, Stack, type ModalProps } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

export interface FormModalProps {
  opened: boolean;
  onClose: () => void;
  /** The dialog's title, which also names its form for screen readers and tests. */
  title: string;
  size?: ModalProps['size'];
  /** The form's onSubmit (Mantine's `form.onSubmit(…)`); the browser's own checks are off, the form's rules speak. */
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  /** The fields, then `<FormActions>`. */
  children: ReactNode;
}

/** A dialog that is one form: centred, the form named by the title, its fields stacked. */
export function FormModal({ opened, onClose, title, size, onSubmit, children }: FormModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} centered>
      <form onSubmit={onSubmit} noValidate aria-label={title}>
        <Stack gap="md">{children}</Stack>
      </form>
    </Modal>
  );
}
