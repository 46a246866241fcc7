/**
 * Form checks every workspace uses, mirroring the contract (shared/domain.ts, shared/contract/common.ts), so
 * people see the message before anything is sent. The server checks again; its field messages replace these.
 */
import {
  CONTROL_CHARACTERS,
  CONTROL_CHARACTERS_EXCEPT_NEWLINES,
  PASSWORD_RULES,
  isStrongEnoughPassword,
} from '../../../shared/domain';

/** A Mantine `validate` rule: the message, or null when the value is fine. */
export type FormCheck<T = string> = (value: T) => string | null;

/** Required text, trimmed, of at most `max` characters; multi-line text may hold tabs and line breaks. */
export function requiredText(max: number, emptyMessage = 'Required.', multiline = false): FormCheck {
  const forbidden = multiline ? CONTROL_CHARACTERS_EXCEPT_NEWLINES : CONTROL_CHARACTERS;
  return (value) => {
    const v = value.trim();
    if (v === '') return emptyMessage;
    if (v.length > max) return `At most ${max} characters.`;
    return forbidden.test(v) ? 'Contains control characters.' : null;
  };
}

/** Optional text of at most `max` characters (multi-line allows line breaks and tabs). */
export function optionalText(max: number, multiline = false): FormCheck {
  const forbidden = multiline ? CONTROL_CHARACTERS_EXCEPT_NEWLINES : CONTROL_CHARACTERS;
  return (value) => {
    const v = value.trim();
    if (v.length > max) return `At most ${max} characters.`;
    return forbidden.test(v) ? 'Contains control characters.' : null;
  };
}

/** A password being checked (sign-in, confirmations): any 1–72 characters. */
export const checkCurrentPassword: FormCheck = (value) =>
  value === ''
    ? 'Enter the password.'
    : value.length > PASSWORD_RULES.maxLength
      ? `At most ${PASSWORD_RULES.maxLength} characters.`
      : null;

/** A password being set. */
export const checkNewPassword: FormCheck = (value) =>
  isStrongEnoughPassword(value) ? null : PASSWORD_RULES.message;
