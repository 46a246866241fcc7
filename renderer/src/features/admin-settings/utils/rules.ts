/**
 * Form checks mirroring the contract (shared/domain.ts, shared/contract/common.ts), so people see a message
 * before anything is sent. The server checks again; its field messages replace these.
 */
import { CONTROL_CHARACTERS, PASSWORD_RULES, isStrongEnoughPassword } from '../../../../../shared/domain';

type Check = (value: string) => string | null;

export function checkText(max: number, emptyMessage: string): Check {
  return (value) => {
    const v = value.trim();
    if (v === '') return emptyMessage;
    if (v.length > max) return `At most ${max} characters.`;
    return CONTROL_CHARACTERS.test(v) ? 'Contains control characters.' : null;
  };
}

/** A password being checked: any 1–72 characters. */
export const checkCurrentPassword: Check = (value) =>
  value === ''
    ? 'Enter the password.'
    : value.length > PASSWORD_RULES.maxLength
      ? `At most ${PASSWORD_RULES.maxLength} characters.`
      : null;

/** A password being set. */
export const checkNewPassword: Check = (value) =>
  isStrongEnoughPassword(value) ? null : PASSWORD_RULES.message;

/** The typed confirmation must be the institution's name exactly (case and spaces included). */
export function namesMatch(typed: string, name: string): boolean {
  return typed === name;
}
