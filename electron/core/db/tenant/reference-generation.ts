/**
 * A number per tenant database that changes whenever the small reference facts a list adds to what it read
 * may have changed: a person's name, a class's name, teacher or students, a room's name, a timetable entry's
 * teacher or class (or any of those added or removed). The models' hooks bump it around every such write
 * (db/write-generation.ts), so services/kept-references.ts can keep those facts in the process and read them
 * again once it moved.
 *
 * Only on a client marked as the one writer of its data (the embedded engine: one app process, no
 * multi-document transactions whose commit could come after the hooks); elsewhere there is no generation and
 * every call reads. What is kept is kept per tenant connection (services/kept-references.ts): a dropped tenant's
 * handle is evicted, so a database made again under the same name starts with nothing kept.
 */
import type { MongoClient } from 'mongodb';
import type { Connection } from 'mongoose';
import { createDatabaseGenerations } from '../write-generation';

const oneWriter = new WeakSet<MongoClient>();
const references = createDatabaseGenerations();

/** Marks `client` as the one writer of its databases (DatabaseManager.open, for the embedded engine). */
export function keepReferencesOn(client: MongoClient): void {
  oneWriter.add(client);
}

/** The tenant database's generation, or undefined where nothing may be kept. */
export function referenceGeneration(conn: Connection): number | undefined {
  return oneWriter.has(conn.getClient()) ? references.of(conn.name) : undefined;
}

/** The model's hooks: inserts and deletions always bump; updates when they write one of `fields`. */
export const followReferenceWrites = references.follow;
