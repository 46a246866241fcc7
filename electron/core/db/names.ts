/**
 * Names the data layer derives from what people type: admin usernames (which also name the institution and its
 * database) and tenant usernames. Uniqueness is case-insensitive through a stored lower-case key, since
 * collations are not available on every engine.
 */
import { AppError } from '../errors/app-error';

export const MASTER_DATABASE = 'smart_crm_master';
const ADMIN_USERNAME = /^[A-Za-z0-9_]{3,32}$/;
const TENANT_DATABASE = /^smart_crm_[a-z0-9_]{3,32}_\d{13}$/;
// Control characters (C0, DEL, C1) and the Unicode line/paragraph separators.
const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]/u;

/** Validates an admin username and returns its case-insensitive key (`Viva_admin` → `viva_admin`). */
export function adminUsernameKey(username: string): string {
  if (!ADMIN_USERNAME.test(username)) {
    throw new AppError('VALIDATION', 'An admin username is 3–32 letters, digits or underscores.', {
      username: 'Use 3–32 letters, digits or underscores.',
    });
  }
  return username.toLowerCase();
}

/** `smart_crm_<username>_<Date.now()>`, from the lower-case key: short (≤ 56), legal on every engine and file system. */
export function tenantDatabaseName(adminKey: string, now = Date.now()): string {
  return `smart_crm_${adminKey}_${now}`;
}

export function isTenantDatabaseName(name: string): boolean {
  return TENANT_DATABASE.test(name);
}

/** A tenant username as schools write them (`Pratik sir`): trimmed, 1–64 characters, no control characters. */
export function normalizeTenantUsername(raw: string): { username: string; usernameKey: string } {
  const username = raw.normalize('NFC').trim();
  if (username.length < 1 || username.length > 64 || CONTROL_CHARACTERS.test(username)) {
    throw new AppError('VALIDATION', 'A username is 1–64 characters without control characters.', {
      username: 'Use 1–64 characters (letters, digits, spaces and punctuation).',
    });
  }
  return { username, usernameKey: username.toLowerCase() };
}
