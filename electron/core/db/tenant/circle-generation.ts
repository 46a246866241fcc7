/**
 * A number per tenant database that changes whenever who may chat with whom may have changed: a person added,
 * removed, renamed, given another role or (de)activated, a class's teacher or students, a timetable entry.
 * The models' hooks bump it around every such write (db/write-generation.ts), so what is computed from those
 * facts can be kept in the process (the station is the one writer of its databases) and recomputed when the
 * number moved.
 */
import type { Connection, Schema } from 'mongoose';
import { followWrites } from '../write-generation';

const generations = new Map<string, number>();

export function circleGeneration(databaseName: string): number {
  return generations.get(databaseName) ?? 0;
}

function bump(conn: Connection): void {
  generations.set(conn.name, circleGeneration(conn.name) + 1);
}

/**
 * The model's hooks: every insert and deletion bumps the generation, and every update that writes one of
 * `fields` (all updates when `fields` is omitted).
 */
export function followCircleWrites(schema: Schema, fields?: readonly string[]): void {
  followWrites(schema, fields, bump);
}
