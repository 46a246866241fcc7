/**
 * FerretDB v1 applies an update by reading the matching documents, computing the new ones in Go and writing
 * them back by _id, with nothing tying the write to what was read. Two updates of one document that overlap
 * in time can therefore lose one of them — a submission, an enrolment, an `$inc` — and mongoose's version check
 * (`optimisticConcurrency`) is not atomic either. Measured here: two overlapping enrolments into a class with
 * one seat both succeeded.
 *
 * The embedded engine serves exactly one app process (mutual TLS, one lock on its data directory), so this
 * process can make updates atomic by running the update commands of one collection one at a time. Reads,
 * inserts and deletes stay concurrent. Enabled per client, for the embedded engine only: MongoDB applies each
 * update atomically itself.
 */
import { Collection, type MongoClient } from 'mongodb';
import { createKeyedQueue, type KeyedQueue } from './keyed-queue';

const UPDATE_METHODS = [
  'updateOne',
  'updateMany',
  'replaceOne',
  'findOneAndUpdate',
  'findOneAndReplace',
  'bulkWrite',
] as const;

type AsyncMethod = (this: Collection, ...args: unknown[]) => Promise<unknown>;

/** Per client whose updates are serialised: its queue of updates per collection. */
const queues = new WeakMap<MongoClient, KeyedQueue>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const proto = Collection.prototype as unknown as Record<string, AsyncMethod>;
  for (const method of UPDATE_METHODS) {
    const original = proto[method];
    if (!original) continue;
    proto[method] = function (this: Collection, ...args: unknown[]) {
      const client = (this as unknown as { client?: MongoClient }).client;
      const queue = client ? queues.get(client) : undefined;
      if (!queue) return original.apply(this, args);
      return queue.run(`${this.dbName}.${this.collectionName}`, () => original.apply(this, args));
    };
  }
}

/** From now on, updates made through `client` run one at a time per collection. */
export function serializeUpdates(client: MongoClient): void {
  install();
  if (!queues.has(client)) queues.set(client, createKeyedQueue());
}
