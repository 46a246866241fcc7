import { PasswordInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ChangePasswordValues } from '../hooks/use-change-password-form';
import { NewPasswordInputs } from './new-password-inputs';

export interface ChangePasswordFieldsProps {
  /** From `useChangePasswordForm`. */
  form: UseFormReturnType<ChangePasswordValues>;
  /** The current password takes the focus when a dialog opens. */
  autoFocus?: boolean;
}

/** The three password fields of a password change: current, new (with the rule) and the new one again. */
export function ChangePasswordFields({ form, autoFocus = false }: ChangePasswordFieldsProps) {
  return (
    <>
      <PasswordInput
        label="Current password"
        autoComplete="current-password"
        data-autofocus={autoFocus || undefined}
        {...form.getInputProps('currentPassword')}
      />
      <NewPasswordInputs
        password={form.getInputProps('newPassword')}
        repeat={form.getInputProps('repeatPassword')}
      />
    </>
  );
}
