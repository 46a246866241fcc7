import { ChangePasswordFields } from '../../../components/change-password-fields';
import { FormActions } from '../../../components/form-actions';
import { useChangePasswordForm } from '../../../hooks/use-change-password-form';
import { SettingsFormCard } from './settings-form-card';

/**
 * Changes the admin's password. The session store keeps the answer's new token, so this session goes on while
 * every other session of the admin ends.
 */
export function PasswordCard() {
  const { form, submit } = useChangePasswordForm();

  return (
    <SettingsFormCard
      headingId="settings-password"
      title="Password"
      description="After the change you stay signed in here; your other sessions end."
      formLabel="Change password"
      onSubmit={submit}
    >
      <ChangePasswordFields form={form} />
      <FormActions submitLabel="Change password" loading={form.submitting} />
    </SettingsFormCard>
  );
}
