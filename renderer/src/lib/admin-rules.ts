/**
 * Form checks of the admin workspace that mirror the contract (shared/contract, shared/domain), so people see
 * the message before anything is sent. The server checks again; its field messages replace these. The text
 * and password checks every workspace uses are in form-rules.ts.
 */
import {
  CLASS_CAPACITY_MAX,
  CLASS_CAPACITY_MIN,
  CONTROL_CHARACTERS,
  GRADE_MAX,
  GRADE_MIN,
  TENANT_USERNAME_RULES,
  TIME_SLOT_MESSAGE,
  isValidTimeSlot,
} from '../../../shared/domain';
import type { FormCheck } from './form-rules';

export const checkTenantUsername: FormCheck = (value) => {
  const v = value.normalize('NFC').trim();
  return v.length >= TENANT_USERNAME_RULES.minLength &&
    v.length <= TENANT_USERNAME_RULES.maxLength &&
    !CONTROL_CHARACTERS.test(v)
    ? null
    : TENANT_USERNAME_RULES.message;
};

/** The contract's email rule, roughly: the server has the last word. */
export const checkOptionalEmail: FormCheck = (value) => {
  const v = value.trim();
  if (v === '') return null;
  if (v.length > 254) return 'At most 254 characters.';
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? null : 'Enter an email address such as name@school.org.';
};

export const checkOptionalPhone: FormCheck = (value) => {
  const v = value.trim();
  if (v === '') return null;
  if (v.length > 32) return 'At most 32 characters.';
  return /^[+0-9 ()\-./]{3,}$/.test(v) ? null : 'Use digits, spaces and + ( ) - . / only.';
};

export const checkGrade: FormCheck<number | string> = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= GRADE_MIN && value <= GRADE_MAX
    ? null
    : `Grades are ${GRADE_MIN}–${GRADE_MAX}.`;

export const checkCapacity: FormCheck<number | string> = (value) =>
  typeof value === 'number' &&
  Number.isInteger(value) &&
  value >= CLASS_CAPACITY_MIN &&
  value <= CLASS_CAPACITY_MAX
    ? null
    : `A class holds ${CLASS_CAPACITY_MIN}–${CLASS_CAPACITY_MAX} students.`;

export const SUBJECT_CODE_MESSAGE = 'Use 1–20 letters, digits, - or _ (e.g. MATH101).';
export const checkSubjectCode: FormCheck = (value) =>
  /^[A-Z0-9_-]{1,20}$/.test(value.trim().toUpperCase()) ? null : SUBJECT_CODE_MESSAGE;

export const checkTimeSlot: FormCheck = (value) => (isValidTimeSlot(value.trim()) ? null : TIME_SLOT_MESSAGE);

/** A select that must have a choice. */
export function requiredChoice(message: string): FormCheck<string | null> {
  return (value) => (value ? null : message);
}
