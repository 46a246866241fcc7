/**
 * A number per tenant database that changes whenever a class's name or students may have changed: the class
 * model's hooks bump it around every such write (db/write-generation.ts), so which class each student is in can
 * be kept in the process (the station is the one writer of its databases; a restore writes a new database).
 */
import type { Schema } from 'mongoose';
import { followWrites } from '../write-generation';

const generations = new Map<string, number>();

export function rosterGeneration(databaseName: string): number {
  return generations.get(databaseName) ?? 0;
}

/** The class model's hooks: inserts, deletions and updates of its name or students. */
export function followRosterWrites(schema: Schema): void {
  followWrites(schema, ['name', 'students'], (conn) =>
    generations.set(conn.name, rosterGeneration(conn.name) + 1),
  );
}
