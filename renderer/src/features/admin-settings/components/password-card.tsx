import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { ChangePasswordFields } from '../../../components/change-password-fields';
import { useChangePasswordForm } from '../../../hooks/use-change-password-form';

/**
 * Changes the admin's password. The session store keeps the answer's new token, so this session goes on while
 * every other session of the admin ends.
 */
export function PasswordCard() {
  const { form, submit } = useChangePasswordForm();

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
          <ChangePasswordFields form={form} />
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
