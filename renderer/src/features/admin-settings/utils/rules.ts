/** The settings' own form rule; the checks every workspace uses are in lib/form-rules.ts. */

/** The typed confirmation must be the institution's name exactly (case and spaces included). */
export function namesMatch(typed: string, name: string): boolean {
  return typed === name;
}
