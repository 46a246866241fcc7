/** The roles of a signed-in user. An admin runs an institution; teachers and students belong to one. */
export const ROLES = ['admin', 'teacher', 'student'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
