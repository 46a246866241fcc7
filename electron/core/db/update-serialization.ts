/**
 * FerretDB v1 applies an update by reading the matching documents, computing the new ones in Go and writing
 * them back by _id, with nothing tying the write to what was read. Two updates of one document that overlap
 * in time can therefore lose one of them — a submission, an enrolment, an `$inc` — and mongoose's version check
 * (`optimisticConcurrency`) is not atomic either. Measured here: two overlapping enrolments into a class with
 * one seat both succeeded.
 *
 * The embedded engine serves exactly one app process (mutual TLS, one lock on its data directory), so this
 * process can make updates atomic by never letting two updates of one document overlap. An update whose filter
 * names one document by equality on its identity (`_id`, or a collection's declared unique key) waits only for
 * the updates of that document; any other update (several documents, a bulk write) waits for every update of
 * the collection before it, and they for it. Reads, inserts and deletes stay concurrent. Enabled per client,
 * for the embedded engine only: MongoDB applies each update atomically itself.
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

/** The field that names one document, per collection name, where it is not `_id` (a unique index on it). */
export type UpdateIdentities = Readonly<Record<string, string>>;

interface CollectionUpdates {
  /** The last update of the whole collection, settled. */
  wholeTail: Promise<unknown>;
  /** Updates of one document begun since that one, settled when they end. */
  oneInFlight: Set<Promise<unknown>>;
}

/** When each update may run: `run` starts `work` once no update it may overlap with is running. */
export interface UpdateScheduler {
  run<T>(
    update: { namespace: string; collection: string; method: string; filter: unknown },
    work: () => Promise<T>,
  ): Promise<T>;
}

/** The document an update filter names by equality on `field`, as a queue key; undefined if none. */
function documentNamed(filter: unknown, field: string): string | undefined {
  if (!filter || typeof filter !== 'object') return undefined;
  const value: unknown = (filter as Record<string, unknown>)[field];
  if (typeof value === 'string') return `s:${value}`;
  if (typeof value === 'number') return `n:${value}`;
  if (
    value !== null &&
    typeof value === 'object' &&
    (value as { _bsontype?: unknown })._bsontype === 'ObjectId' &&
    typeof (value as { toHexString?: unknown }).toHexString === 'function'
  ) {
    return `o:${(value as { toHexString(): string }).toHexString()}`;
  }
  return undefined;
}

const settled = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    () => undefined,
  );

export function createUpdateScheduler(identities: UpdateIdentities = {}): UpdateScheduler {
  const documents: KeyedQueue = createKeyedQueue();
  // A few collections per tenant, kept while the client lives.
  const collections = new Map<string, CollectionUpdates>();
  return {
    run(update, work) {
      let state = collections.get(update.namespace);
      if (!state) {
        state = { wholeTail: Promise.resolve(), oneInFlight: new Set() };
        collections.set(update.namespace, state);
      }
      const field = identities[update.collection] ?? '_id';
      const document = update.method === 'bulkWrite' ? undefined : documentNamed(update.filter, field);
      if (document === undefined) {
        const before = [state.wholeTail, ...state.oneInFlight];
        state.oneInFlight = new Set();
        const result = Promise.all(before).then(work);
        state.wholeTail = settled(result);
        return result;
      }
      // After the whole-collection update before it; beside other documents' updates; after this one's.
      const result = state.wholeTail.then(() => documents.run(`${update.namespace}\u0000${document}`, work));
      const running = state.oneInFlight;
      const done = settled(result);
      running.add(done);
      void done.then(() => running.delete(done));
      return result;
    },
  };
}

/** Per client whose updates are serialised. */
const schedulers = new WeakMap<MongoClient, UpdateScheduler>();
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
      const scheduler = client ? schedulers.get(client) : undefined;
      if (!scheduler) return original.apply(this, args);
      const update = {
        namespace: `${this.dbName}.${this.collectionName}`,
        collection: this.collectionName,
        method,
        filter: args[0],
      };
      return scheduler.run(update, () => original.apply(this, args));
    };
  }
}

/** From now on, updates made through `client` never overlap another update of the same document. */
export function serializeUpdates(client: MongoClient, identities: UpdateIdentities = {}): void {
  install();
  if (!schedulers.has(client)) schedulers.set(client, createUpdateScheduler(identities));
}
