import { Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { PASSWORD_RULES } from '../../../../../shared/domain';
import { toApiClientError } from '../../../lib/api-reply';
import { applyFieldErrors } from '../../../lib/form-errors';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { useSessionStore } from '../../../stores/session-store';
import { checkCurrentPassword, checkNewPassword } from '../../../lib/form-rules';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  repeatPassword: string;
}

/**
 * Changes the admin's password. The session store keeps the answer's new token, so this session goes on while
 * every other session of the admin ends.
 */
export function PasswordCard() {
  const changePassword = useSessionStore((s) => s.changePassword);
  const form = useForm<PasswordValues>({
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

  const submit = form.onSubmit(async (values) => {
    try {
      await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      notifySuccess('Your other sessions have ended; this one goes on.', 'Password changed');
      form.reset();
    } catch (err) {
      const error = toApiClientError(err);
      if (!applyFieldErrors(form, error)) notifyError(error, 'The password was not changed');
    }
  });

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="settings-password">
      <form onSubmit={submit} noValidate aria-label="Change password">
        <Stack gap="md">
          <div>
            <Title order={2} size="h4" id="settings-password">
              Password
            </Title>
            <Text size="sm" c="dimmed">
              After the change you stay signed in here; your other sessions end.
            </Text>
          </div>
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
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
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
