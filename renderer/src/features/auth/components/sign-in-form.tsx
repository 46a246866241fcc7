import { Button, PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useId, useState } from 'react';
import { toApiClientError, type ApiClientError } from '../../../lib/api-reply';
import { applyFieldErrors } from '../../../lib/form-errors';
import { checkCurrentPassword } from '../../../lib/form-rules';
import { useEngineStore } from '../../../stores/engine-store';
import { useSessionStore, type SignInMode } from '../../../stores/session-store';
import { checkAdminUsername, checkInstitution, checkTenantUsername } from '../utils/rules';
import { SignInError } from './sign-in-error';

interface SignInValues {
  mode: SignInMode;
  institution: string;
  username: string;
  password: string;
}

const MODES: { value: SignInMode; label: string }[] = [
  { value: 'admin', label: 'Office admin' },
  { value: 'member', label: 'Teacher or student' },
];

/** Office admins sign in with their username; teachers and students also name their institution. */
export function SignInForm() {
  const login = useSessionStore((s) => s.login);
  const lastSignIn = useSessionStore((s) => s.lastSignIn);
  const [failure, setFailure] = useState<ApiClientError | null>(null);
  /** Finished attempts that failed: lets tests (and assistive tech, via the alert) tell one answer from the next. */
  const [attempts, setAttempts] = useState(0);
  const modeLabelId = useId();

  const form = useForm<SignInValues>({
    mode: 'controlled',
    initialValues: {
      mode: lastSignIn.mode,
      institution: lastSignIn.institution,
      username: '',
      password: '',
    },
    validate: {
      institution: (value, values) => (values.mode === 'member' ? checkInstitution(value) : null),
      username: (value, values) =>
        values.mode === 'admin' ? checkAdminUsername(value) : checkTenantUsername(value),
      password: checkCurrentPassword,
    },
  });
  const member = form.values.mode === 'member';

  const submit = form.onSubmit(
    async (values) => {
      setFailure(null);
      try {
        await login(
          values.mode === 'admin'
            ? { username: values.username.trim(), password: values.password }
            : {
                institution: values.institution.trim(),
                username: values.username.trim(),
                password: values.password,
              },
        );
      } catch (err) {
        const error = toApiClientError(err);
        if (error.code === 'UNAVAILABLE') void useEngineStore.getState().refresh();
        if (!applyFieldErrors(form, error)) setFailure(error);
        setAttempts((n) => n + 1);
      }
    },
    () => setAttempts((n) => n + 1),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Sign in" data-attempts={attempts}>
      <Stack gap="md">
        <Stack gap={6}>
          <Text id={modeLabelId} size="sm" fw={500}>
            Sign in as
          </Text>
          <SegmentedControl
            aria-labelledby={modeLabelId}
            fullWidth
            data={MODES}
            value={form.values.mode}
            onChange={(value) => {
              form.setFieldValue('mode', value === 'member' ? 'member' : 'admin');
              form.clearErrors();
              setFailure(null);
            }}
          />
        </Stack>
        {member && (
          <TextInput
            label="Institution"
            description="Your school's sign-in name: its office admin's username."
            autoComplete="organization"
            spellCheck={false}
            {...form.getInputProps('institution')}
          />
        )}
        <TextInput
          label="Username"
          description={member ? undefined : 'The admin username you registered the school with.'}
          autoComplete="username"
          spellCheck={false}
          {...form.getInputProps('username')}
        />
        <PasswordInput label="Password" autoComplete="current-password" {...form.getInputProps('password')} />
        {failure && <SignInError error={failure} />}
        <Button type="submit" fullWidth loading={form.submitting}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
