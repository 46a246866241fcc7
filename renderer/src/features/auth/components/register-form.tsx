import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ADMIN_USERNAME_MESSAGE, PASSWORD_RULES } from '../../../../../shared/domain';
import { toApiClientError, type ApiClientError } from '../../../lib/api-reply';
import { applyFieldErrors } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';
import { checkNewPassword } from '../../../lib/form-rules';
import { useEngineStore } from '../../../stores/engine-store';
import { useSessionStore } from '../../../stores/session-store';
import { checkAdminUsername, checkInstitutionName, checkPersonName } from '../utils/rules';
import { SignInError } from './sign-in-error';

interface RegisterValues {
  username: string;
  password: string;
  name: string;
  institutionName: string;
}

/** A new school: its office admin's account and its own database; the admin is signed in afterwards. */
export function RegisterForm() {
  const register = useSessionStore((s) => s.register);
  const [failure, setFailure] = useState<ApiClientError | null>(null);

  const form = useForm<RegisterValues>({
    mode: 'controlled',
    initialValues: { username: '', password: '', name: '', institutionName: '' },
    validate: {
      username: checkAdminUsername,
      password: checkNewPassword,
      name: checkPersonName,
      institutionName: checkInstitutionName,
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      const input = {
        username: values.username.trim(),
        password: values.password,
        name: values.name.trim(),
        institutionName: values.institutionName.trim(),
      };
      await register(input);
      notifySuccess(
        `Teachers and students sign in with the institution name "${input.username}".`,
        `${input.institutionName} is registered`,
      );
    } catch (err) {
      const error = toApiClientError(err);
      if (error.code === 'UNAVAILABLE') void useEngineStore.getState().refresh();
      if (!applyFieldErrors(form, error)) setFailure(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Register a school">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Creates your school with its own database on this computer and you as its office admin.
        </Text>
        <TextInput
          label="Admin username"
          description={`${ADMIN_USERNAME_MESSAGE} Teachers and students type it to find your school.`}
          autoComplete="username"
          spellCheck={false}
          {...form.getInputProps('username')}
        />
        <PasswordInput
          label="Password"
          description={PASSWORD_RULES.message}
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
        <TextInput label="Your name" autoComplete="name" {...form.getInputProps('name')} />
        <TextInput
          label="Institution name"
          description="As it appears on notices, e.g. Green Valley High School."
          autoComplete="organization"
          {...form.getInputProps('institutionName')}
        />
        {failure && <SignInError error={failure} />}
        <Button type="submit" fullWidth loading={form.submitting}>
          Register and sign in
        </Button>
      </Stack>
    </form>
  );
}
