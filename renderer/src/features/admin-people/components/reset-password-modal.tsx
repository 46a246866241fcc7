import { Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import type { UserDto } from '../../../../../shared/contract';
import { FormActions } from '../../../components/form-actions';
import { FormModal } from '../../../components/form-modal';
import { NewPasswordInputs } from '../../../components/new-password-inputs';
import { useMutation } from '../../../hooks/use-mutation';
import { checkNewPassword } from '../../../lib/form-rules';

interface ResetValues {
  password: string;
  repeat: string;
}

export interface ResetPasswordModalProps {
  person: UserDto | null;
  onClose: () => void;
}

/** Sets a new password for a teacher or student; their sessions end (the server raises their token version). */
export function ResetPasswordModal({ person, onClose }: ResetPasswordModalProps) {
  const form = useForm<ResetValues>({
    mode: 'controlled',
    initialValues: { password: '', repeat: '' },
    validate: {
      password: checkNewPassword,
      repeat: (value, values) => (value === values.password ? null : 'The two passwords are not the same.'),
    },
  });

  useEffect(() => {
    if (person) form.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when opened for someone
  }, [person?.id]);

  const update = useMutation('users.update', {
    form,
    success: (user) => `${user.name} has a new password; they were signed out everywhere.`,
  });

  const submit = form.onSubmit(async (values) => {
    if (!person) return;
    const saved = await update.mutate({ id: person.id, password: values.password });
    if (saved) onClose();
  });

  const title = person ? `Reset the password of ${person.name}` : 'Reset password';
  return (
    <FormModal opened={person !== null} onClose={onClose} title={title} onSubmit={submit}>
      <Text size="sm" c="dimmed">
        They are signed out everywhere and sign in again with the new password.
      </Text>
      <NewPasswordInputs
        password={form.getInputProps('password')}
        repeat={form.getInputProps('repeat')}
        autoFocus
      />
      <FormActions onCancel={onClose} submitLabel="Set password" loading={update.loading} />
    </FormModal>
  );
}
