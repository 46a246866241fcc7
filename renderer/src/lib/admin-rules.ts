/**
 * Form checks of the admin workspace that mirror the contract (shared/contract, shared/domain), so people see
 * the message before anything is sent. The server checks again; its field messages replace these.
 */
import {
  CLASS_CAPACITY_MAX,
  CLASS_CAPACITY_MIN,
  CONTROL_CHARACTERS,
  CONTROL_CHARACTERS_EXCEPT_NEWLINES,
  GRADE_MAX,
  GRADE_MIN,
  PASSWORD_RULES,
  TENANT_USERNAME_RULES,
  TIME_SLOT_MESSAGE,
  isStrongEnoughPassword,
  isValidTimeSlot,
} from '../../../shared/domain';

export type AdminCheck<T = string> = (value: T) => string | null;

/** Required one-line text of at most `max` characters. */
export function requiredText(max: number, emptyMessage = 'Required.'): AdminCheck {
  return (value) => {
    const v = value.trim();
    if (v === '') return emptyMessage;
    if (v.length > max) return `At most ${max} characters.`;
    return CONTROL_CHARACTERS.test(v) ? 'Contains control characters.' : null;
  };
}

/** Optional text of at most `max` characters (multi-line allows line breaks and tabs). */
export function optionalText(max: number, multiline = false): AdminCheck {
  const forbidden = multiline ? CONTROL_CHARACTERS_EXCEPT_NEWLINES : CONTROL_CHARACTERS;
  return (value) => {
    const v = value.trim();
    if (v.length > max) return `At most ${max} characters.`;
    return forbidden.test(v) ? 'Contains control characters.' : null;
  };
}

export const checkTenantUsername: AdminCheck = (value) => {
  const v = value.normalize('NFC').trim();
  return v.length >= TENANT_USERNAME_RULES.minLength &&
    v.length <= TENANT_USERNAME_RULES.maxLength &&
    !CONTROL_CHARACTERS.test(v)
    ? null
    : TENANT_USERNAME_RULES.message;
};

export const checkNewPassword: AdminCheck = (value) =>
  isStrongEnoughPassword(value) ? null : PASSWORD_RULES.message;

/** The contract's email rule, roughly: the server has the last word. */
export const checkOptionalEmail: AdminCheck = (value) => {
  const v = value.trim();
  if (v === '') return null;
  if (v.length > 254) return 'At most 254 characters.';
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? null : 'Enter an email address such as name@school.org.';
};

export const checkOptionalPhone: AdminCheck = (value) => {
  const v = value.trim();
  if (v === '') return null;
  if (v.length > 32) return 'At most 32 characters.';
  return /^[+0-9 ()\-./]{3,}$/.test(v) ? null : 'Use digits, spaces and + ( ) - . / only.';
};

export const checkGrade: AdminCheck<number | string> = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= GRADE_MIN && value <= GRADE_MAX
    ? null
    : `Grades are ${GRADE_MIN}–${GRADE_MAX}.`;

export const checkCapacity: AdminCheck<number | string> = (value) =>
  typeof value === 'number' &&
  Number.isInteger(value) &&
  value >= CLASS_CAPACITY_MIN &&
  value <= CLASS_CAPACITY_MAX
    ? null
    : `A class holds ${CLASS_CAPACITY_MIN}–${CLASS_CAPACITY_MAX} students.`;

export const SUBJECT_CODE_MESSAGE = 'Use 1–20 letters, digits, - or _ (e.g. MATH101).';
export const checkSubjectCode: AdminCheck = (value) =>
  /^[A-Z0-9_-]{1,20}$/.test(value.trim().toUpperCase()) ? null : SUBJECT_CODE_MESSAGE;

export const checkTimeSlot: AdminCheck = (value) =>
  isValidTimeSlot(value.trim()) ? null : TIME_SLOT_MESSAGE;

/** A select that must have a choice. */
export function requiredChoice(message: string): AdminCheck<string | null> {
  return (value) => (value ? null : message);
}
