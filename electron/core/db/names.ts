/**
 * Names the data layer derives from what people type: admin usernames (which also name the institution and its
 * database) and tenant usernames. Uniqueness is case-insensitive through a stored lower-case key, since
 * collations are not available on every engine.
 */
import {
  ADMIN_USERNAME_MESSAGE,
  ADMIN_USERNAME_PATTERN,
  CONTROL_CHARACTERS,
  DECEPTIVE_MESSAGE,
  TENANT_USERNAME_RULES,
  USERNAME_KEY_MAX,
  adminUsernameKey as adminKeyOf,
  isDeceptive,
  tenantUsernameKey,
} from '../../../shared/domain';
import { AppError } from '../errors/app-error';

export const MASTER_DATABASE = 'smart_crm_master';
const TENANT_DATABASE = /^smart_crm_[a-z0-9_]{3,32}_\d{13}$/;

/** Validates an admin username and returns its case-insensitive key (`Viva_admin` → `viva_admin`). */
export function adminUsernameKey(username: string): string {
  if (!ADMIN_USERNAME_PATTERN.test(username)) {
    throw new AppError('VALIDATION', ADMIN_USERNAME_MESSAGE, {
      username: ADMIN_USERNAME_MESSAGE,
    });
  }
  return adminKeyOf(username);
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
  if (
    username.length < TENANT_USERNAME_RULES.minLength ||
    username.length > TENANT_USERNAME_RULES.maxLength ||
    CONTROL_CHARACTERS.test(username)
  ) {
    throw new AppError('VALIDATION', TENANT_USERNAME_RULES.message, {
      username: TENANT_USERNAME_RULES.message,
    });
  }
  if (tenantUsernameKey(username).length > USERNAME_KEY_MAX) {
    throw new AppError('VALIDATION', TENANT_USERNAME_RULES.message, {
      username: TENANT_USERNAME_RULES.message,
    });
  }
  if (isDeceptive(username, { identifier: true })) {
    throw new AppError('VALIDATION', DECEPTIVE_MESSAGE, {
      username: DECEPTIVE_MESSAGE,
    });
  }
  return { username, usernameKey: tenantUsernameKey(username) };
}
