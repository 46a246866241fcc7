import { PasswordInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';

/** The admin's own password, asked again before an action that cannot be taken back (archive, restore, delete). */
export function YourPasswordInput(props: GetInputPropsReturnType) {
  return <PasswordInput label="Your password" autoComplete="current-password" {...props} />;
}
