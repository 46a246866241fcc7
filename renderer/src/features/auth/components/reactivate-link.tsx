import { Anchor, Group, PasswordInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormActions } from '../../../components/form-actions';
import { FormModal } from '../../../components/form-modal';
import { useMutation } from '../../../hooks/use-mutation';

interface ReactivateValues {
  username: string;
  password: string;
}

/** Under the sign-in form: an archived institution's admin reactivates it with their username and password. */
export function ReactivateLink() {
  const [opened, setOpened] = useState(false);
  const form = useForm<ReactivateValues>({
    mode: 'controlled',
    initialValues: { username: '', password: '' },
    validate: {
      username: (v) => (v.trim().length >= 3 ? null : 'Enter the admin username.'),
      password: (v) => (v.length > 0 ? null : 'Enter the password.'),
    },
  });
  const close = () => {
    form.reset();
    setOpened(false);
  };
  const reactivate = useMutation('institution.reactivate', {
    form,
    success: (r) => `${r.institutionName} is active again: sign in as usual.`,
    onSuccess: close,
  });
  return (
    <>
      <Group justify="center" mt="sm">
        <Text size="xs" c="dimmed">
          Institution archived?{' '}
          <Anchor component="button" type="button" size="xs" onClick={() => setOpened(true)}>
            Reactivate it
          </Anchor>
        </Text>
      </Group>
      <FormModal
        opened={opened}
        onClose={close}
        title="Reactivate an institution"
        onSubmit={form.onSubmit(
          (v) => void reactivate.mutate({ username: v.username.trim(), password: v.password }),
        )}
      >
        <Text size="sm">Its admin&apos;s username and password bring it back, with all its data.</Text>
        <TextInput label="Admin username" autoComplete="username" {...form.getInputProps('username')} />
        <PasswordInput label="Password" autoComplete="current-password" {...form.getInputProps('password')} />
        <FormActions onCancel={close} submitLabel="Reactivate" loading={reactivate.loading} />
      </FormModal>
    </>
  );
}
