/** Who a notice is for, as the admin chooses and everyone sees it. */
import type { Role } from '../../../../../shared/roles';

/** The admin reads every notice anyway; notices are written to teachers, students or both. */
export const AUDIENCES = ['teacher', 'student'] as const satisfies readonly Role[];
export type Audience = (typeof AUDIENCES)[number];

export const AUDIENCE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Office',
  teacher: 'Teachers',
  student: 'Students',
};

/** "Teachers and students", "Students". */
export function audienceText(audience: readonly Role[]): string {
  const names = audience.map((r) => AUDIENCE_LABELS[r].toLowerCase());
  const text =
    names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}` : (names[0] ?? '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "3 Sept 2025, 14:05" in the reader's locale. */
export function formatWhen(date: Date): string {
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
