import { TextInput, type TextInputProps } from '@mantine/core';
import { TEXT_LIMITS } from '../../../shared/domain';

/** A required "Title" (assignments, notices, calendar entries), no longer than the contract takes. */
export function TitleInput(props: TextInputProps) {
  return <TextInput label="Title" withAsterisk maxLength={TEXT_LIMITS.title} {...props} />;
}
