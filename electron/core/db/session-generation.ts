/**
 * One number in the process that changes around every write that may end or change a session: a sign-out (a
 * revoked token), any write to the institutions' registry (archived, deleted, restored, the admin's password or
 * name), and a person's name, username, role, activity, token version or must-change-password flag (or the
 * person added or removed). The session check keeps what it read under the number it began with
 * (services/session-cache.ts), so an ended session is refused from its next call.
 */
import type { Schema } from 'mongoose';
import { followWrites } from './write-generation';

let generation = 0;

export function sessionGeneration(): number {
  return generation;
}

/** The model's hooks: see followWrites; `fields` omitted, every write counts. */
export function followSessionWrites(schema: Schema, fields?: readonly string[]): void {
  followWrites(schema, fields, () => {
    generation += 1;
  });
}
