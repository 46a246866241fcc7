/**
 * The subset guard as a mongoose plugin, applied to every schema: queries, updates, aggregations, bulk writes
 * and document saves are checked before mongoose sends them.
 */
import type {
  Aggregate,
  AnyBulkWriteOperation,
  Document,
  MongooseQueryMiddleware,
  Query,
  Schema,
} from 'mongoose';
import {
  assertSupportedFilter,
  assertSupportedPipeline,
  assertSupportedProjection,
  assertSupportedUpdate,
  isPlainDocument,
  UnsupportedOperationError,
} from './subset-guard';

/** The operations that take an update (after their filter), for mongoose queries and raw collections alike. */
export const UPDATE_OPERATIONS = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'findOneAndReplace',
] as const satisfies readonly MongooseQueryMiddleware[];
/** The operations whose first argument is a filter and that take no update. */
export const FILTER_OPERATIONS = [
  'find',
  'findOne',
  'countDocuments',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
] as const satisfies readonly MongooseQueryMiddleware[];

const UPDATE_QUERIES: MongooseQueryMiddleware[] = [...UPDATE_OPERATIONS];
// A mongoose distinct query holds its filter like the others (the driver's takes it second).
const FILTER_QUERIES: MongooseQueryMiddleware[] = [...FILTER_OPERATIONS, 'distinct'];
/** updateOne and deleteOne exist as document methods too; the guard is for the queries. */
const QUERY_ONLY = { document: false, query: true } as const;

type AnyQuery = Query<unknown, unknown>;

export function subsetGuardPlugin(schema: Schema): void {
  schema.pre(UPDATE_QUERIES, QUERY_ONLY, function (this: AnyQuery) {
    assertSupportedFilter(this.getFilter());
    assertSupportedUpdate(this.getUpdate(), this.getOptions());
    assertNoArrayPathInWriteFilter(schema, this);
    assertNoFindAndModifyProjection(this);
  });
  schema.pre(FILTER_QUERIES, QUERY_ONLY, function (this: AnyQuery) {
    assertSupportedFilter(this.getFilter());
    assertSupportedProjection(this.projection(), this.getFilter());
    assertNoArrayPathInWriteFilter(schema, this);
    assertNoFindAndModifyProjection(this);
  });
  schema.pre('aggregate', function (this: Aggregate<unknown>) {
    assertSupportedPipeline(this.pipeline());
  });
  schema.pre('bulkWrite', function (ops: AnyBulkWriteOperation[]) {
    for (const op of ops) assertSupportedBulkOperation(op);
  });
  schema.pre('save', function (this: Document) {
    assertSupportedArrayChanges(this);
  });
}

const FIND_AND_MODIFY = new Set(['findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete']);
/** Commands whose filter the embedded engine evaluates itself (find and countDocuments go another way). */
const WRITE_OPS = new Set([
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  ...FIND_AND_MODIFY,
]);

/** The dotted filter keys of a filter, also inside $and/$or/$nor. */
function filterPaths(filter: unknown): string[] {
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) return [];
  return Object.entries(filter).flatMap(([key, value]) =>
    key === '$and' || key === '$or' || key === '$nor'
      ? (Array.isArray(value) ? value : []).flatMap(filterPaths)
      : key.includes('.')
        ? [key]
        : [],
  );
}

/**
 * On the embedded engine, updates and deletes whose filter follows a dotted path through a list of subdocuments
 * ('submissions.studentId') miss documents while reporting success; find() matches them correctly.
 */
function assertNoArrayPathInWriteFilter(schema: Schema, query: AnyQuery): void {
  const op = (query as AnyQuery & { op?: string }).op ?? '';
  if (!WRITE_OPS.has(op)) return;
  for (const path of filterPaths(query.getFilter())) {
    const parts = path.split('.');
    for (let i = 1; i < parts.length; i += 1) {
      const prefix = parts.slice(0, i).join('.');
      if (schema.path(prefix)?.instance === 'Array') {
        throw new UnsupportedOperationError(
          `${op} filtered on "${path}" (a path into the list "${prefix}")`,
          'the embedded engine misses matching documents in updates and deletes filtered this way.',
          'find() the matching _ids first, then update or delete by _id',
        );
      }
    }
  }
}

/** The embedded engine refuses findAndModify with a projection ("fields"); read the fields afterwards instead. */
function assertNoFindAndModifyProjection(query: AnyQuery): void {
  // `op` is set on every mongoose query but missing from its type declarations.
  const op = (query as AnyQuery & { op?: string }).op ?? '';
  const projection = query.projection() as Record<string, unknown> | undefined;
  if (FIND_AND_MODIFY.has(op) && projection && Object.keys(projection).length > 0) {
    throw new UnsupportedOperationError(
      `${op} with a projection`,
      'the embedded engine refuses findAndModify with "fields".',
      'the whole document (omit .select()/projection) or a second, projected query',
    );
  }
}

/** One operation of bulkWrite(), in the driver's shape. */
export function assertSupportedBulkOperation(op: unknown): void {
  if (!isPlainDocument(op)) return;
  for (const [kind, spec] of Object.entries(op)) {
    if (!isPlainDocument(spec)) continue;
    if ('filter' in spec) assertSupportedFilter(spec.filter);
    if (kind === 'updateOne' || kind === 'updateMany') {
      assertSupportedUpdate(spec.update, spec);
    }
  }
}

interface AtomicArray {
  $atomics(): Record<string, unknown>;
}

function hasAtomics(value: unknown): value is AtomicArray {
  return Array.isArray(value) && typeof (value as Partial<AtomicArray>).$atomics === 'function';
}

/**
 * save() turns array edits into $push/$pull/$pullAll. `subdocs.pull(id)` becomes a $pull with a document
 * condition, which the embedded engine acknowledges and ignores; refuse it here, where the edit is known.
 */
function assertSupportedArrayChanges(doc: Document): void {
  if (doc.isNew) return;
  for (const path of doc.modifiedPaths({ includeChildren: true })) {
    const value: unknown = doc.get(path);
    if (!hasAtomics(value)) continue;
    const atomics = value.$atomics();
    for (const [operator, operand] of Object.entries(atomics)) {
      if (operator === '$set') continue;
      try {
        assertSupportedUpdate({ [operator]: { [path]: operand } });
      } catch (err) {
        if (err instanceof UnsupportedOperationError) {
          throw new UnsupportedOperationError(
            `${err.operator} (from editing "${path}" and saving)`,
            'mongoose would send an update the embedded engine ignores.',
            err.alternative,
          );
        }
        throw err;
      }
    }
  }
}
