/**
 * What the excluded operators were for, done the supported way: read the document, change it in code,
 * save() with optimistic concurrency, and retry when someone else saved in between.
 */
import mongoose, { type HydratedDocument, type Model, type Types } from 'mongoose';
import { createKeyedQueue } from './keyed-queue';

export interface RetryOptions {
  /** Attempts before the VersionError is passed on (default 5). */
  maxAttempts?: number;
}

type ElementMatch<E> = Types.ObjectId | string | ((element: E) => boolean);

function matches<E>(element: E, match: ElementMatch<E>): boolean {
  if (typeof match === 'function') return match(element);
  const id = (element as { _id?: { toString(): string } })._id;
  return id !== undefined && id.toString() === match.toString();
}

function requireOptimisticConcurrency(model: { modelName: string; schema: mongoose.Schema }): void {
  if (!model.schema.get('optimisticConcurrency')) {
    throw new Error(
      `${model.modelName}: its schema needs { optimisticConcurrency: true } so that a concurrent save is detected, not overwritten.`,
    );
  }
}

/** Read-change-save cycles on one document run one after another within this process. */
const perDocument = createKeyedQueue();
const oneAtATime = <R>(key: string, work: () => Promise<R>): Promise<R> => perDocument.run(key, work);

/**
 * Loads the document, lets `change` edit it, saves; on a VersionError (someone saved in between) starts again
 * from a fresh copy. Resolves to the saved document, or null when it does not exist or `change` returns false.
 * Within this process the cycles on one document run one at a time (thirty pupils handing in at once would
 * otherwise retry each other in circles); the version check covers other processes.
 */
export async function mutateDocument<T>(
  model: Model<T>,
  id: Types.ObjectId | string,
  change: (doc: HydratedDocument<T>) => boolean | void | Promise<boolean | void>,
  options: RetryOptions = {},
): Promise<HydratedDocument<T> | null> {
  await Promise.resolve(); // a refusal below rejects rather than throws
  requireOptimisticConcurrency(model);
  const key = `${model.db.name}.${model.collection.collectionName}.${id.toString()}`;
  return oneAtATime(key, () => mutateWithRetry(model, id, change, options));
}

async function mutateWithRetry<T>(
  model: Model<T>,
  id: Types.ObjectId | string,
  change: (doc: HydratedDocument<T>) => boolean | void | Promise<boolean | void>,
  options: RetryOptions,
): Promise<HydratedDocument<T> | null> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt += 1) {
    const doc = await model.findById(id);
    if (!doc) return null;
    if ((await change(doc)) === false) return null;
    try {
      await doc.save();
      return doc;
    } catch (err) {
      if (!(err instanceof mongoose.Error.VersionError) || attempt >= maxAttempts) throw err;
    }
  }
}

/**
 * Changes one element of an embedded array, found by its _id or a predicate — instead of the positional
 * `'arr.$.field'` update, which the embedded engine acknowledges and ignores. Resolves to the saved element, or
 * null when the document or the element is missing.
 */
export async function updateArrayElement<T, E = unknown>(
  model: Model<T>,
  id: Types.ObjectId | string,
  arrayPath: string,
  match: ElementMatch<E>,
  change: (element: E, doc: HydratedDocument<T>) => void | Promise<void>,
  options: RetryOptions = {},
): Promise<E | null> {
  let updated: E | null = null;
  const saved = await mutateDocument(
    model,
    id,
    async (doc) => {
      const array = doc.get(arrayPath) as E[] | undefined;
      const element = array?.find((candidate) => matches(candidate, match));
      if (element === undefined) return false;
      await change(element, doc);
      updated = element;
      return true;
    },
    options,
  );
  return saved ? updated : null;
}

/**
 * Removes the elements of an embedded array that match, by assigning the filtered array (a $set of the whole
 * array) — instead of `subdocs.pull()`, whose $pull with a document condition removes nothing on the embedded
 * engine. Returns how many were removed; the caller saves.
 */
export function removeArrayElements<E>(
  doc: { get(path: string): unknown; set(path: string, value: unknown): unknown },
  arrayPath: string,
  match: ElementMatch<E>,
): number {
  const array = (doc.get(arrayPath) as E[] | undefined) ?? [];
  const kept = array.filter((element) => !matches(element, match));
  const removed = array.length - kept.length;
  if (removed > 0) doc.set(arrayPath, kept);
  return removed;
}

/** removeArrayElements on a stored document, saved with optimistic concurrency and retried. */
export async function removeArrayElementsById<T, E = unknown>(
  model: Model<T>,
  id: Types.ObjectId | string,
  arrayPath: string,
  match: ElementMatch<E>,
  options: RetryOptions = {},
): Promise<number> {
  let removed = 0;
  await mutateDocument(
    model,
    id,
    (doc) => {
      removed = removeArrayElements(doc, arrayPath, match);
      return removed > 0;
    },
    options,
  );
  return removed;
}
