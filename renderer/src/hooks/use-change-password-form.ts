/**
 * The form that changes the signed-in user's own password (the settings card and the user menu's dialog):
 * current, new and repeated, checked here first; the session store keeps the answer's new token, so this
 * session goes on while every other one ends.
 */
import { useForm, type UseFormReturnType } from '@mantine/form';
import type { FormEvent } from 'react';
import { toApiClientError } from '../lib/api-reply';
import { applyFieldErrors } from '../lib/form-errors';
import { checkCurrentPassword, checkNewPassword } from '../lib/form-rules';
import { notifyError, notifySuccess } from '../lib/notify';
import { useSessionStore } from '../stores/session-store';

export interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  repeatPassword: string;
}

export interface ChangePasswordForm {
  form: UseFormReturnType<ChangePasswordValues>;
  /** The form's onSubmit: checks, sends, and on success empties the form and calls `onChanged`. */
  submit: (event?: FormEvent<HTMLFormElement>) => void;
}

export function useChangePasswordForm(onChanged?: () => void): ChangePasswordForm {
  const changePassword = useSessionStore((s) => s.changePassword);
  const form = useForm<ChangePasswordValues>({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', repeatPassword: '' },
    validate: {
      currentPassword: checkCurrentPassword,
      newPassword: (value, values) =>
        checkNewPassword(value) ??
        (value === values.currentPassword ? 'Choose a password different from the current one.' : null),
      repeatPassword: (value, values) =>
        value === values.newPassword ? null : 'The two new passwords are not the same.',
    },
  });

  const submit = form.onSubmit(async (values) => {
    try {
      await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      notifySuccess('Your other sessions have ended; this one goes on.', 'Password changed');
      form.reset();
      onChanged?.();
    } catch (err) {
      const error = toApiClientError(err);
      if (!applyFieldErrors(form, error)) notifyError(error, 'The password was not changed');
    }
  });

  return { form, submit };
}
