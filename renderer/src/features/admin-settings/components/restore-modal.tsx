import { Alert, PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { BackupInfo } from '../../../../../shared/contract';
import { FormActions } from '../../../components/form-actions';
import { FormModal } from '../../../components/form-modal';
import { useMutation } from '../../../hooks/use-mutation';
import { namesMatch } from '../utils/rules';
import { endInstitutionSession } from '../utils/end-session';
import { YourPasswordInput } from './your-password-input';

interface RestoreValues {
  mode: 'replace' | 'new';
  institutionName: string;
  password: string;
  username: string;
}

/**
 * Restores a backup: over this institution (its name typed and the password; everyone signs in again, with the
 * passwords of the backup) or as a new institution with its own admin username. The whole file is checked
 * first; a bad file changes nothing.
 */
export function RestoreModal({
  backup,
  institutionName,
  onClose,
}: {
  backup: BackupInfo | null;
  institutionName: string;
  onClose: () => void;
}) {
  const form = useForm<RestoreValues>({
    mode: 'controlled',
    initialValues: { mode: 'replace', institutionName: '', password: '', username: '' },
    validate: {
      institutionName: (v, values) =>
        values.mode === 'new' || namesMatch(v, institutionName)
          ? null
          : "Type the institution's name exactly.",
      password: (v, values) => (values.mode === 'new' || v.length > 0 ? null : 'Enter your password.'),
      username: (v, values) =>
        values.mode === 'replace' || v.trim().length >= 3 ? null : 'Choose a username.',
    },
  });
  const close = () => {
    form.reset();
    onClose();
  };
  const restore = useMutation('system.restore', {
    form,
    invalidates: ['system.backups'],
    success: (r, input) =>
      input.mode === 'new'
        ? `${r.institutionName} was restored as a new institution: its admin signs in as ${r.username}.`
        : `${r.institutionName} was restored.`,
    onSuccess: (_r, input) => {
      close();
      if (input.mode === 'replace') {
        // The institution's database changed: every session of it ends, this one too.
        endInstitutionSession(
          `${institutionName} was restored from a backup. Sign in again with the backup's passwords.`,
        );
      }
    },
  });
  const submit = form.onSubmit(async (v) => {
    if (!backup) return;
    await restore.mutate(
      v.mode === 'replace'
        ? { backup: backup.name, mode: 'replace', institutionName: v.institutionName, password: v.password }
        : {
            backup: backup.name,
            mode: 'new',
            username: v.username,
            ...(v.password ? { password: v.password } : {}),
          },
    );
  });
  const replacing = form.values.mode === 'replace';
  return (
    <FormModal opened={backup !== null} onClose={close} title="Restore a backup" onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">
          From <b>{backup?.name}</b>. The whole file is checked before anything changes.
        </Text>
        <SegmentedControl
          data={[
            { value: 'replace', label: 'Over this institution' },
            { value: 'new', label: 'As a new institution' },
          ]}
          {...form.getInputProps('mode')}
        />
        {replacing ? (
          <>
            <Alert
              color="orange"
              styles={{ title: { color: 'var(--mantine-color-text)' } }}
              title="Everything since the backup is replaced"
            >
              Everyone signs in again, with the passwords they had when the backup was made.
            </Alert>
            <TextInput
              label={`Type “${institutionName}” to confirm`}
              autoComplete="off"
              {...form.getInputProps('institutionName')}
            />
            <YourPasswordInput {...form.getInputProps('password')} />
          </>
        ) : (
          <>
            <TextInput
              label="Admin username of the new institution"
              description="Letters, digits and _; the backup's own admin username if it is free."
              {...form.getInputProps('username')}
            />
            <PasswordInput
              label="New admin password (optional)"
              description="Leave empty to keep the backed-up admin's password."
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
          </>
        )}
        <FormActions
          onCancel={close}
          submitLabel={replacing ? 'Restore over this institution' : 'Restore as new'}
          loading={restore.loading}
        />
      </Stack>
    </FormModal>
  );
}
