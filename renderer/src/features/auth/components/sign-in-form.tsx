import {
  Alert,
  Button,
  PasswordInput,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useEffect, useId, useState } from 'react';
import type { InstitutionListing } from '../../../../../shared/contract';
import { useQuery } from '../../../hooks/use-query';
import { toApiClientError, type ApiClientError } from '../../../lib/api-reply';
import { applyFieldErrors } from '../../../lib/form-errors';
import { checkCurrentPassword } from '../../../lib/form-rules';
import { useEngineStore } from '../../../stores/engine-store';
import { useSessionStore, type LoginInput, type SignInMode } from '../../../stores/session-store';
import { checkAdminUsername, checkInstitution, checkTenantUsername } from '../utils/rules';
import { SignInError } from './sign-in-error';

interface SignInValues {
  mode: SignInMode;
  /** The institution's admin username, typed where the station's list cannot be read. */
  institution: string;
  /** The institution chosen from the list (its key). */
  institutionKey: string | null;
  username: string;
  password: string;
}

/** The three ways in, as the original's role selection offered them. */
const MODES: { value: SignInMode; label: string }[] = [
  { value: 'admin', label: 'Office' },
  { value: 'teacher', label: 'Teacher' },
  { value: 'student', label: 'Student' },
];

/**
 * How a teacher or student names their school: nothing on a station with one institution, a searchable list of
 * names on one with several, and the admin username (the old way) only when the list cannot be read.
 */
type InstitutionChoice =
  | { kind: 'loading' }
  | { kind: 'none' }
  | { kind: 'one'; school: InstitutionListing }
  | { kind: 'list'; schools: InstitutionListing[] }
  | { kind: 'typed' };

function choiceOf(list: InstitutionListing[] | undefined, failed: boolean): InstitutionChoice {
  if (failed) return { kind: 'typed' };
  if (!list) return { kind: 'loading' };
  const [first] = list;
  if (!first) return { kind: 'none' };
  return list.length === 1 ? { kind: 'one', school: first } : { kind: 'list', schools: list };
}

/** Office admins sign in with their username; teachers and students with their school, username and password. */
export function SignInForm() {
  const login = useSessionStore((s) => s.login);
  const lastSignIn = useSessionStore((s) => s.lastSignIn);
  const [failure, setFailure] = useState<ApiClientError | null>(null);
  /** Finished attempts that failed: lets tests (and assistive tech, via the alert) tell one answer from the next. */
  const [attempts, setAttempts] = useState(0);
  const modeLabelId = useId();
  const listing = useQuery('auth.institutions', {});
  // Right after the engine starts the services may still be opening (UNAVAILABLE): ask again shortly rather
  // than falling back to typing the institution's code.
  const { error: listError, refetch } = listing;
  const starting = listError?.code === 'UNAVAILABLE';
  useEffect(() => {
    if (listError?.code !== 'UNAVAILABLE') return;
    const timer = setTimeout(refetch, 1000);
    return () => clearTimeout(timer);
  }, [listError, refetch]);
  const choice = choiceOf(listing.data?.institutions, listing.error !== null && !starting);

  const form = useForm<SignInValues>({
    mode: 'controlled',
    initialValues: {
      mode: lastSignIn.mode,
      institution: lastSignIn.institution,
      institutionKey: lastSignIn.institutionKey || null,
      username: '',
      password: '',
    },
    validate: {
      institution: (value, values) =>
        values.mode !== 'admin' && choice.kind === 'typed' ? checkInstitution(value) : null,
      institutionKey: (value, values) =>
        values.mode !== 'admin' && choice.kind === 'list' && !choice.schools.some((s) => s.key === value)
          ? 'Choose your school.'
          : null,
      username: (value, values) =>
        values.mode === 'admin' ? checkAdminUsername(value) : checkTenantUsername(value),
      password: checkCurrentPassword,
    },
  });
  const member = form.values.mode !== 'admin';

  function loginInput(values: SignInValues): LoginInput {
    const who = { username: values.username.trim(), password: values.password };
    if (values.mode === 'admin') return who;
    if (choice.kind === 'one') return { ...who, institutionKey: choice.school.key };
    if (choice.kind === 'list' && values.institutionKey)
      return { ...who, institutionKey: values.institutionKey };
    return { ...who, institution: values.institution.trim() };
  }

  const submit = form.onSubmit(
    async (values) => {
      setFailure(null);
      try {
        await login(loginInput(values));
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
              form.setFieldValue('mode', MODES.find((m) => m.value === value)?.value ?? 'admin');
              form.clearErrors();
              setFailure(null);
            }}
          />
        </Stack>
        {member && <InstitutionField choice={choice} form={form} />}
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

function InstitutionField({
  choice,
  form,
}: {
  choice: InstitutionChoice;
  form: Pick<UseFormReturnType<SignInValues>, 'getInputProps'>;
}) {
  switch (choice.kind) {
    case 'loading':
      return <Skeleton h={36} aria-hidden />;
    case 'none':
      return (
        <Alert color="gray" variant="light" data-testid="no-institutions">
          No school is registered on this computer yet. The office registers it first (“Register a school”).
        </Alert>
      );
    case 'one':
      return (
        <Text size="sm" data-testid="institution-single">
          School: <strong>{choice.school.name}</strong>
        </Text>
      );
    case 'list':
      return (
        <Select
          label="School"
          placeholder="Type to find your school"
          data={choice.schools.map((s) => ({ value: s.key, label: s.name }))}
          searchable
          allowDeselect={false}
          nothingFoundMessage="No school by that name"
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('institutionKey')}
        />
      );
    case 'typed':
      return (
        <TextInput
          label="Institution"
          description="Your school's sign-in name: its office admin's username."
          autoComplete="organization"
          spellCheck={false}
          {...form.getInputProps('institution')}
        />
      );
  }
}
