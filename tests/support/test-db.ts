import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, inject } from 'vitest';
import { UPDATE_IDENTITIES } from '../../electron/core/db/tenant';
import { serializeUpdates } from '../../electron/core/db/update-serialization';
import { tlsOptions } from '../../electron/core/engine/hello';

/** The engine the global setup started (or MONGODB_URI): 'embedded' or 'external'. */
export function engineKind(): 'embedded' | 'external' {
  return inject('engine').kind;
}

/**
 * A mongoose connection to a database of its own (dropped by `drop()`), on the shared test engine.
 */
export async function openTestDb(
  prefix: string,
): Promise<{ db: mongoose.Connection; drop: () => Promise<void> }> {
  const engine = inject('engine');
  const name = `test_${prefix}_${randomBytes(4).toString('hex')}`;
  const db = mongoose.createConnection(engine.uri, {
    ...tlsOptions(engine),
    dbName: name,
    serverSelectionTimeoutMS: 20_000,
  });
  await db.asPromise();
  // As the app's DatabaseManager does: on the embedded engine one document's updates run one at a time.
  if (engine.kind === 'embedded') serializeUpdates(db.getClient(), UPDATE_IDENTITIES);
  return {
    db,
    drop: async () => {
      await db.dropDatabase().catch(() => undefined);
      await db.close();
    },
  };
}

/**
 * The suite's own test database: opened by a `beforeAll` registered here (so before the file's own) and dropped
 * after its tests. Read `.db` inside hooks and tests only.
 */
export function useTestDb(prefix: string): { readonly db: mongoose.Connection } {
  let opened: Awaited<ReturnType<typeof openTestDb>> | undefined;
  beforeAll(async () => {
    opened = await openTestDb(prefix);
  });
  afterAll(() => opened?.drop());
  return {
    get db() {
      if (!opened) throw new Error('the test database is opened in beforeAll');
      return opened.db;
    },
  };
}

/** ObjectId as a value and as a type, as the conformance suites use it. */
export const { ObjectId } = mongoose.Types;
export type ObjectId = mongoose.Types.ObjectId;
