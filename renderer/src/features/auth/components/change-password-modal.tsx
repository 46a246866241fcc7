import { Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { PASSWORD_RULES } from '../../../../../shared/domain';
import { FormActions } from '../../../components/form-actions';
import { toApiClientError } from '../../../lib/api-reply';
import { applyFieldErrors } from '../../../lib/form-errors';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useSessionStore } from '../../../stores/session-store';
import { checkCurrentPassword, checkNewPassword } from '../../../lib/form-rules';

interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  repeatPassword: string;
}

export interface ChangePasswordModalProps {
  opened: boolean;
  onClose: () => void;
}

/** Any signed-in user changes their own password; their other sessions end, this one goes on. */
export function ChangePasswordModal({ opened, onClose }: ChangePasswordModalProps) {
  const changePassword = useSessionStore((s) => s.changePassword);
  const form = useForm<ChangePasswordValues>({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', repeatPassword: '' },
    validate: {
      currentPassword: checkCurrentPassword,
      newPassword: (value, values) =>
        checkNewPassword(value) ??
        (value === values.currentPassword ? 'Choose a password different from the current one.' : null),
      repeatPassword: (value, values) =>
        value === values.newPassword ? null : 'The two new passwords are not the same.',
    },
  });

  function close(): void {
    form.reset();
    onClose();
  }

  const submit = form.onSubmit(async (values) => {
    try {
      await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      notifySuccess('Your other sessions have ended; this one goes on.', 'Password changed');
      close();
    } catch (err) {
      const error = toApiClientError(err);
      if (!applyFieldErrors(form, error)) notifyError(error, 'The password was not changed');
    }
  });

  return (
    <Modal opened={opened} onClose={close} title="Change password" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            After the change, you stay signed in here and every other session of yours ends.
          </Text>
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            data-autofocus
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label="New password"
            description={PASSWORD_RULES.message}
            autoComplete="new-password"
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label="Repeat the new password"
            autoComplete="new-password"
            {...form.getInputProps('repeatPassword')}
          />
          <FormActions onCancel={close} submitLabel="Change password" loading={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}
