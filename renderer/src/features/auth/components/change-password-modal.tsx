import { Modal, Stack, Text } from '@mantine/core';
import { ChangePasswordFields } from '../../../components/change-password-fields';
import { FormActions } from '../../../components/form-actions';
import { useChangePasswordForm } from '../../../hooks/use-change-password-form';

export interface ChangePasswordModalProps {
  opened: boolean;
  onClose: () => void;
  /** Why the app asks (a password older than today's rules); absent when the user chose to change it. */
  reason?: string;
}

/** Any signed-in user changes their own password; their other sessions end, this one goes on. */
export function ChangePasswordModal({ opened, onClose, reason }: ChangePasswordModalProps) {
  const { form, submit } = useChangePasswordForm(onClose);

  // Closed without saving, the dialog forgets what was typed.
  function close(): void {
    form.reset();
    onClose();
  }

  return (
    <Modal opened={opened} onClose={close} title="Change password" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {reason ? (
            <Text size="sm" fw={500}>
              {reason}
            </Text>
          ) : null}
          <Text size="sm" c="dimmed">
            After the change, you stay signed in here and every other session of yours ends.
          </Text>
          <ChangePasswordFields form={form} autoFocus />
          <FormActions
            onCancel={close}
            {...(reason ? { cancelLabel: 'Later' } : {})}
            submitLabel="Change password"
            loading={form.submitting}
          />
        </Stack>
      </form>
    </Modal>
  );
}
