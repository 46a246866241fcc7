/**
 * Form checks that mirror the contract's rules (shared/domain.ts), so people see a message before sending.
 * The server checks again and its field messages replace these (applyFieldErrors).
 */
import {
  ADMIN_USERNAME_MESSAGE,
  ADMIN_USERNAME_PATTERN,
  CONTROL_CHARACTERS,
  PASSWORD_RULES,
  TENANT_USERNAME_RULES,
  TEXT_LIMITS,
  isStrongEnoughPassword,
} from '../../../../../shared/domain';

type Check = (value: string) => string | null;

export const checkAdminUsername: Check = (value) =>
  ADMIN_USERNAME_PATTERN.test(value.trim()) ? null : ADMIN_USERNAME_MESSAGE;

export const checkInstitution: Check = (value) =>
  value.trim() === ''
    ? "Enter your school's sign-in name (its office admin's username)."
    : ADMIN_USERNAME_PATTERN.test(value.trim())
      ? null
      : `A school's sign-in name: ${ADMIN_USERNAME_MESSAGE.toLowerCase()}`;

export const checkTenantUsername: Check = (value) => {
  const v = value.normalize('NFC').trim();
  if (v === '') return 'Enter your username.';
  return v.length <= TENANT_USERNAME_RULES.maxLength && !CONTROL_CHARACTERS.test(v)
    ? null
    : TENANT_USERNAME_RULES.message;
};

/** A password being checked (sign-in, confirmations): any 1–72 characters. */
export const checkCurrentPassword: Check = (value) =>
  value === ''
    ? 'Enter the password.'
    : value.length > PASSWORD_RULES.maxLength
      ? `At most ${PASSWORD_RULES.maxLength} characters.`
      : null;

/** A password being set. */
export const checkNewPassword: Check = (value) =>
  isStrongEnoughPassword(value) ? null : PASSWORD_RULES.message;

export function checkText(max: number, emptyMessage = 'Required.'): Check {
  return (value) => {
    const v = value.trim();
    if (v === '') return emptyMessage;
    if (v.length > max) return `At most ${max} characters.`;
    return CONTROL_CHARACTERS.test(v) ? 'Contains control characters.' : null;
  };
}

export const checkPersonName = checkText(TEXT_LIMITS.personName, 'Enter your name.');
export const checkInstitutionName = checkText(TEXT_LIMITS.institutionName, "Enter the institution's name.");
