import { Card, Grid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import type { AllChannelInput, ProfileDto } from '../../../../../shared/contract';
import { TEXT_LIMITS } from '../../../../../shared/domain';
import { ContactFields, type ContactValues } from '../../../components/contact-fields';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useMutation } from '../../../hooks/use-mutation';
import { useQuery } from '../../../hooks/use-query';
import { checkOptionalEmail, checkOptionalPhone } from '../../../lib/admin-rules';
import { optionalText, requiredText } from '../../../lib/form-rules';
import { ROLE_LABELS } from '../../../lib/routes';
import { useSessionStore } from '../../../stores/session-store';
import { FormActions } from '../../../components/form-actions';

interface ProfileValues extends ContactValues {
  name: string;
}

function valuesOf(p: ProfileDto): ProfileValues {
  return {
    name: p.name,
    email: p.email ?? '',
    phone: p.phone ?? '',
    address: p.address ?? '',
    dateOfBirth: p.dateOfBirth ? p.dateOfBirth.toISOString().slice(0, 10) : null,
    department: p.department ?? '',
    employeeNumber: p.employeeNumber ?? '',
  };
}

/** Only what changed; an emptied field is sent as null (cleared). */
function changesOf(p: ProfileDto, values: ProfileValues): AllChannelInput<'profile.update'> {
  const before = valuesOf(p);
  const input: AllChannelInput<'profile.update'> = {};
  if (values.name.trim() !== before.name) input.name = values.name.trim();
  const keys = ['email', 'phone', 'address', 'department', 'employeeNumber'] as const;
  for (const key of keys) {
    if (p.role !== 'teacher' && (key === 'department' || key === 'employeeNumber')) continue;
    const now = values[key].trim();
    if (now !== before[key]) input[key] = now === '' ? null : now;
  }
  if (values.dateOfBirth !== before.dateOfBirth) input.dateOfBirth = values.dateOfBirth;
  return input;
}

/** Everyone's own page: their name, contact details and date of birth, saved on the server. */
export function ProfilePage() {
  const profile = useQuery('profile.get', {}, [], { keepPrevious: false });
  return (
    <Stack gap="lg">
      <PageHeader
        title="My profile"
        description="Your details as the school keeps them. Only you and the office see them."
      />
      {profile.error ? (
        <QueryError error={profile.error} onRetry={profile.refetch} what="your profile" />
      ) : !profile.data ? (
        <Skeleton h={420} radius="md" />
      ) : (
        <ProfileForm profile={profile.data} />
      )}
    </Stack>
  );
}

function ProfileForm({ profile }: { profile: ProfileDto }) {
  const form = useForm<ProfileValues>({
    mode: 'controlled',
    initialValues: valuesOf(profile),
    validate: {
      name: requiredText(TEXT_LIMITS.personName, 'Enter your name.'),
      email: checkOptionalEmail,
      phone: checkOptionalPhone,
      address: optionalText(TEXT_LIMITS.address, true),
      department: optionalText(TEXT_LIMITS.department),
      employeeNumber: optionalText(TEXT_LIMITS.employeeNumber),
    },
  });
  // A saved profile comes back from the server: the form starts again from it.
  useEffect(() => {
    form.setValues(valuesOf(profile));
    form.resetDirty(valuesOf(profile));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the server's answer changes
  }, [profile]);

  const save = useMutation('profile.update', {
    form,
    success: 'Your profile was saved.',
    invalidates: ['profile.get'],
    onSuccess: (saved) => {
      // The header shows the name: keep it in step without asking the server again.
      useSessionStore.setState((s) => (s.user ? { user: { ...s.user, name: saved.name } } : {}));
    },
  });
  const submit = form.onSubmit(async (values) => {
    await save.mutate(changesOf(profile, values));
  });

  return (
    <Grid gap="lg" align="flex-start">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Card withBorder radius="md" padding="lg">
          <form onSubmit={submit} noValidate aria-label="Your profile">
            <Stack gap="md">
              <TextInput
                label="Full name"
                withAsterisk
                maxLength={TEXT_LIMITS.personName}
                {...form.getInputProps('name')}
              />
              <ContactFields form={form} own teacher={profile.role === 'teacher'} />
              <FormActions submitLabel="Save profile" loading={save.loading} />
            </Stack>
          </form>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Card withBorder radius="md" padding="lg" data-testid="profile-facts">
          <Stack gap="sm">
            <Fact label="Role" value={ROLE_LABELS[profile.role]} />
            <Fact label="Username" value={profile.username} />
            <Fact label="School" value={profile.institutionName} />
            {profile.role === 'student' && (
              <>
                <Fact label="Class" value={profile.className ?? 'Not in a class yet'} />
                <Fact
                  label="Roll number"
                  value={profile.rollNumber !== undefined ? String(profile.rollNumber) : 'Not given yet'}
                />
                <Text size="xs" c="dimmed">
                  The office sets your class and roll number.
                </Text>
              </>
            )}
          </Stack>
        </Card>
      </Grid.Col>
    </Grid>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div data-testid="profile-fact" data-label={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </div>
  );
}
