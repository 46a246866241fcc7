import { PasswordInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { PASSWORD_RULES } from '../../../shared/domain';

export interface NewPasswordInputsProps {
  /** `form.getInputProps(…)` of the new password and of its repetition. */
  password: GetInputPropsReturnType;
  repeat: GetInputPropsReturnType;
  /** The new password takes the focus when a dialog opens. */
  autoFocus?: boolean;
}

/** A new password (with the rule under it) and the same again: a password change, or one the office sets. */
export function NewPasswordInputs({ password, repeat, autoFocus = false }: NewPasswordInputsProps) {
  return (
    <>
      <PasswordInput
        label="New password"
        description={PASSWORD_RULES.message}
        autoComplete="new-password"
        data-autofocus={autoFocus || undefined}
        {...password}
      />
      <PasswordInput label="Repeat the new password" autoComplete="new-password" {...repeat} />
    </>
  );
}
