/** The original system's export files of tests/fixtures/original-export/viva, as the import channel takes them. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const VIVA_EXPORT_DIR = path.resolve(import.meta.dirname, '../fixtures/original-export/viva');
export const VIVA_DATABASE = 'smart_crm_Viva_admin_1767083931641';

/** The passwords the fixture's bcrypt hashes were made from (generate.mjs). */
export const VIVA_PASSWORDS = {
  admin: 'viva2025',
  pratik: 'pratik@123',
  shubhamSir: 'sir1',
  raju: 'raju1234',
  shubham: '12345',
} as const;

export function vivaExportFiles(only?: (name: string) => boolean): { name: string; text: string }[] {
  return readdirSync(VIVA_EXPORT_DIR)
    .filter((name) => name.endsWith('.json') && (only?.(name) ?? true))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(VIVA_EXPORT_DIR, name), 'utf8') }));
}

const VIVA_ADMIN_ID = '69538f9b73f6be27fd1bbc42';

/**
 * The Viva export with the admin renamed and re-numbered, so tests sharing one engine can each move "the same"
 * school in: `"Viva_admin"` (the JSON string, not the database name) and the admin's id are replaced everywhere.
 */
export function vivaExportAs(
  adminUsername: string,
  adminId: string,
  only?: (name: string) => boolean,
): { name: string; text: string }[] {
  return vivaExportFiles(only).map(({ name, text }) => ({
    name,
    text: text.replaceAll('"Viva_admin"', JSON.stringify(adminUsername)).replaceAll(VIVA_ADMIN_ID, adminId),
  }));
}
