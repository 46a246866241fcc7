/**
 * Form checks that mirror the contract's rules (shared/domain.ts), so people see a message before sending.
 * The server checks again and its field messages replace these (applyFieldErrors). The password and text
 * checks every workspace uses are in lib/form-rules.ts.
 */
import {
  ADMIN_USERNAME_MESSAGE,
  ADMIN_USERNAME_PATTERN,
  CONTROL_CHARACTERS,
  TENANT_USERNAME_RULES,
  TEXT_LIMITS,
} from '../../../../../shared/domain';
import { requiredText, type FormCheck } from '../../../lib/form-rules';

export const checkAdminUsername: FormCheck = (value) =>
  ADMIN_USERNAME_PATTERN.test(value.trim()) ? null : ADMIN_USERNAME_MESSAGE;

export const checkInstitution: FormCheck = (value) =>
  value.trim() === ''
    ? "Enter your school's sign-in name (its office admin's username)."
    : ADMIN_USERNAME_PATTERN.test(value.trim())
      ? null
      : `A school's sign-in name: ${ADMIN_USERNAME_MESSAGE.toLowerCase()}`;

export const checkTenantUsername: FormCheck = (value) => {
  const v = value.normalize('NFC').trim();
  if (v === '') return 'Enter your username.';
  return v.length <= TENANT_USERNAME_RULES.maxLength && !CONTROL_CHARACTERS.test(v)
    ? null
    : TENANT_USERNAME_RULES.message;
};

export const checkPersonName = requiredText(TEXT_LIMITS.personName, 'Enter your name.');
export const checkInstitutionName = requiredText(
  TEXT_LIMITS.institutionName,
  "Enter the institution's name.",
);
