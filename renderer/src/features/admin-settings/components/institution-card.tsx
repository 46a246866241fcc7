import { Code, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import type { AdminDto } from '../../../../../shared/contract';
import { TEXT_LIMITS } from '../../../../../shared/domain';
import { useMutation } from '../../../hooks/use-mutation';
import { requiredText } from '../../../lib/form-rules';
import { useSessionStore } from '../../../stores/session-store';
import { SettingsFormCard } from './settings-form-card';
import { FormActions } from '../../../components/form-actions';

interface InstitutionValues {
  institutionName: string;
  name: string;
}

export interface InstitutionCardProps {
  institution: AdminDto;
}

/** The institution's name and the admin's display name; the admin username (its sign-in name) stays. */
export function InstitutionCard({ institution }: InstitutionCardProps) {
  const form = useForm<InstitutionValues>({
    mode: 'controlled',
    initialValues: { institutionName: institution.institutionName, name: institution.name },
    validate: {
      institutionName: requiredText(TEXT_LIMITS.institutionName, "Enter the institution's name."),
      name: requiredText(TEXT_LIMITS.personName, 'Enter your name.'),
    },
  });

  // A fresh answer from the server (after saving) becomes the form's new starting point.
  useEffect(() => {
    const values = { institutionName: institution.institutionName, name: institution.name };
    form.setValues(values);
    form.resetDirty(values);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the form object is stable
  }, [institution.institutionName, institution.name]);

  const update = useMutation('institution.update', {
    form,
    success: 'The institution was saved.',
    // The page reads the institution again, and that answer resets the form (above).
    invalidates: ['institution.'],
    onSuccess: (saved) => {
      // The header and the window title show these names: the session follows.
      useSessionStore.setState((s) =>
        s.user ? { user: { ...s.user, institutionName: saved.institutionName, name: saved.name } } : {},
      );
    },
  });

  const submit = form.onSubmit(async (values) => {
    const changes: { institutionName?: string; name?: string } = {};
    if (values.institutionName.trim() !== institution.institutionName) {
      changes.institutionName = values.institutionName;
    }
    if (values.name.trim() !== institution.name) changes.name = values.name;
    if (Object.keys(changes).length === 0) return;
    await update.mutate(changes);
  });

  return (
    <SettingsFormCard
      headingId="settings-institution"
      title="Institution"
      description="How the app names your school and you."
      formLabel="Institution"
      onSubmit={submit}
    >
      <TextInput
        label="Institution name"
        withAsterisk
        maxLength={TEXT_LIMITS.institutionName}
        {...form.getInputProps('institutionName')}
      />
      <TextInput
        label="Your name"
        description="How the app shows you, in the header and to the people you chat with."
        withAsterisk
        maxLength={TEXT_LIMITS.personName}
        {...form.getInputProps('name')}
      />
      <Stack gap={4}>
        <Text size="sm">
          Sign-in name: <Code>{institution.username}</Code>
        </Text>
        <Text size="xs" c="dimmed">
          Teachers and students give it as their institution when they sign in. It cannot change.
        </Text>
        <Text size="sm">
          Database: <Code>{institution.databaseName}</Code>
        </Text>
        <Text size="sm">
          Registered on {institution.createdAt.toLocaleDateString(undefined, { dateStyle: 'long' })}
        </Text>
      </Stack>
      <FormActions submitLabel="Save changes" loading={update.loading} submitDisabled={!form.isDirty()} />
    </SettingsFormCard>
  );
}
