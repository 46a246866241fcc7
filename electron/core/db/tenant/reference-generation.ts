/**
 * A number per tenant connection that changes whenever the small reference facts a list adds to what it read
 * may have changed: a person's name, a class's name, teacher or students, a room's name, a timetable entry's
 * teacher or class (or any of those added or removed). The models' hooks bump it around every such write
 * (db/write-generation.ts), so services/kept-references.ts can keep those facts in the process and read them
 * again once it moved.
 *
 * Only on a client marked as the one writer of its data (the embedded engine: one app process, no
 * multi-document transactions whose commit could come after the hooks); elsewhere there is no generation and
 * every call reads. Keyed by the connection, not its name: a dropped tenant's handle is evicted, so a database
 * made again under the same name (a restore) starts with nothing kept.
 */
import type { MongoClient } from 'mongodb';
import type { Connection, Schema } from 'mongoose';
import { followWrites } from '../write-generation';

const oneWriter = new WeakSet<MongoClient>();
const generations = new WeakMap<Connection, number>();

/** Marks `client` as the one writer of its databases (DatabaseManager.open, for the embedded engine). */
export function keepReferencesOn(client: MongoClient): void {
  oneWriter.add(client);
}

/** The tenant connection's generation, or undefined where nothing may be kept. */
export function referenceGeneration(conn: Connection): number | undefined {
  return oneWriter.has(conn.getClient()) ? (generations.get(conn) ?? 0) : undefined;
}

function bump(conn: Connection): void {
  generations.set(conn, (generations.get(conn) ?? 0) + 1);
}

/** The model's hooks: inserts and deletions always bump; updates when they write one of `fields`. */
export function followReferenceWrites(schema: Schema, fields: readonly string[]): void {
  followWrites(schema, fields, bump);
}
