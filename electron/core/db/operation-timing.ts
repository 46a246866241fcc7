/**
 * How long the app's database operations take, for the health page's slow operations: timed around each model
 * operation (queries, aggregations, document saves) by a plugin on every schema, and reported to the manager
 * that owns the connection's client. A duration is the caller's wait: mongoose's own work and, for an update,
 * its turn in the per-document update queue (update-serialization.ts) count with the engine's.
 *
 * Not timed: a model's insertMany and bulkWrite (their hooks run with the model as `this`, shared by concurrent
 * calls), raw driver calls (file entries and chunks, backups) and transactions' commits.
 *
 * Not by the driver's command monitoring: with it on, the driver copies every command for an event and decodes
 * every reply a second time for another, whether anyone listens or not, about 0.3 ms of a 3 ms list call
 * through the station (docs/architecture.md, "No command monitoring").
 */
import { performance } from 'node:perf_hooks';
import type { MongoClient } from 'mongodb';
import type {
  Aggregate,
  Connection,
  Document,
  MongooseDocumentMiddleware,
  MongooseQueryMiddleware,
  Schema,
} from 'mongoose';
import { FILTER_OPERATIONS, UPDATE_OPERATIONS } from './subset-plugin';

export interface TimedOperation {
  /** The model operation: `find`, `countDocuments`, `aggregate`, `save`… */
  command: string;
  database: string;
  collection: string;
  durationMs: number;
}

export type OperationListener = (operation: TimedOperation) => void;

/** Who hears the operations of each client: the DatabaseManager that opened it. */
const listeners = new WeakMap<MongoClient, OperationListener>();

export function timeOperationsOn(client: MongoClient, listener: OperationListener): void {
  listeners.set(client, listener);
}

/** When each running query, aggregation or save began (the same object reaches its post hook). */
const startedAt = new WeakMap<object, number>();

const QUERIES: MongooseQueryMiddleware[] = [
  ...FILTER_OPERATIONS,
  ...UPDATE_OPERATIONS,
  'distinct',
  'estimatedDocumentCount',
];
const QUERY_ONLY = { document: false, query: true } as const;
const SAVE: MongooseDocumentMiddleware = 'save';

interface TimedQuery {
  op?: string;
  model: { db: Connection; collection: { collectionName: string } };
}

function finish(started: object, command: string, db: Connection, collection: string): void {
  const began = startedAt.get(started);
  if (began === undefined) return;
  startedAt.delete(started);
  listeners.get(db.getClient())?.({
    command,
    database: db.name,
    collection,
    durationMs: performance.now() - began,
  });
}

function begin(this: object): void {
  startedAt.set(this, performance.now());
}

export function operationTimingPlugin(schema: Schema): void {
  const afterQuery = function (this: TimedQuery): void {
    finish(this, this.op ?? 'query', this.model.db, this.model.collection.collectionName);
  };
  const afterAggregate = function (this: Aggregate<unknown>): void {
    const model = this.model();
    finish(this, 'aggregate', model.db, model.collection.collectionName);
  };
  const afterSave = function (this: Document): void {
    finish(this, 'save', this.db, this.collection.collectionName);
  };
  schema.pre(QUERIES, QUERY_ONLY, begin);
  schema.pre('aggregate', begin);
  schema.pre(SAVE, begin);
  // A failed operation is timed too (a time-out is the slowest of all); the error goes on as it was.
  schema.post(QUERIES, QUERY_ONLY, afterQuery);
  schema.post(QUERIES, { ...QUERY_ONLY, errorHandler: true }, afterQuery);
  schema.post('aggregate', afterAggregate);
  schema.post('aggregate', { errorHandler: true }, afterAggregate);
  schema.post(SAVE, afterSave);
  schema.post(SAVE, { errorHandler: true }, afterSave);
}
