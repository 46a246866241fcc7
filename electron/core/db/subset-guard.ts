/**
 * Refuses, before anything reaches an engine, the MongoDB operations outside the subset the app may use
 * (docs/architecture.md, "What the data layer may ask of any engine"). Some of them report success on the embedded engine and change
 * nothing — a grade never saved, a withdrawn submission still there — so they are refused everywhere, Atlas
 * included: nothing may pass on one deployment that would corrupt data on another.
 */
import { ObjectId } from 'bson';

/** A programming error: the code asked for an operation outside the supported subset. */
export class UnsupportedOperationError extends Error {
  override readonly name = 'UnsupportedOperationError';
  constructor(
    readonly operator: string,
    detail: string,
    readonly alternative: string,
  ) {
    super(`${operator} is outside the MongoDB subset this app uses: ${detail} Use ${alternative} instead.`);
  }
}

const HELPER_UPDATE_ELEMENT = 'updateArrayElement() from electron/core/db/array-helpers';
const HELPER_REMOVE_ELEMENTS =
  'removeArrayElements() (assign the filtered array) from electron/core/db/array-helpers';
const HELPER_AGGREGATE =
  'a narrowed, projected query and the helpers in electron/core/db/aggregate-in-service';

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$rename',
  '$min',
  '$max',
  '$currentDate',
  '$pop',
  '$push',
  '$addToSet',
  '$pull',
  '$pullAll',
  '$setOnInsert',
]);

const QUERY_OPERATORS = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
  '$regex',
  '$options',
  '$size',
  '$all',
  '$type',
  '$not',
  '$elemMatch',
]);
const LOGICAL_OPERATORS = new Set(['$and', '$or', '$nor']);

const PIPELINE_STAGES = new Set([
  '$match',
  '$project',
  '$addFields',
  '$set',
  '$unset',
  '$sort',
  '$skip',
  '$limit',
  '$count',
  '$unwind',
  '$group',
]);
const GROUP_ACCUMULATORS = new Set(['$sum', '$count']);

type Doc = Record<string, unknown>;

/** A plain document (not an ObjectId, Date, Buffer, RegExp or array): what a "document condition" is. */
export function isPlainDocument(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (
    value instanceof Date ||
    value instanceof RegExp ||
    value instanceof ObjectId ||
    Buffer.isBuffer(value)
  ) {
    return false;
  }
  if ('_bsontype' in value) return false; // any BSON value type (Decimal128, Long, a driver's own ObjectId…)
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || typeof (value as Doc).toObject === 'function';
}

function toPlain(value: unknown): unknown {
  // mongoose subdocuments carry their data behind toObject().
  if (value && typeof value === 'object' && typeof (value as Doc).toObject === 'function') {
    return ((value as Doc).toObject as () => unknown)();
  }
  return value;
}

function checkPath(operator: string, path: string): void {
  for (const segment of path.split('.')) {
    if (segment === '$') {
      throw new UnsupportedOperationError(
        `the positional update "${path}"`,
        'on the embedded engine it reports success and changes nothing.',
        HELPER_UPDATE_ELEMENT,
      );
    }
    if (segment.startsWith('$[')) {
      throw new UnsupportedOperationError(
        `the all-positional update "${path}" (${operator})`,
        'the embedded engine does not support $[] or $[name] paths.',
        HELPER_UPDATE_ELEMENT,
      );
    }
  }
}

/** Throws when an update document (or pipeline update) uses anything outside the subset. */
export function assertSupportedUpdate(update: unknown, options?: { arrayFilters?: unknown } | null): void {
  if (options?.arrayFilters !== undefined) {
    throw new UnsupportedOperationError(
      'arrayFilters',
      'the embedded engine refuses them.',
      HELPER_UPDATE_ELEMENT,
    );
  }
  if (update === null || update === undefined) return;
  if (Array.isArray(update)) {
    throw new UnsupportedOperationError(
      'an aggregation-pipeline update',
      'the embedded engine does not run pipeline updates.',
      'plain update operators ($set, $inc…)',
    );
  }
  if (typeof update !== 'object') return;
  for (const [key, value] of Object.entries(update as Doc)) {
    if (!key.startsWith('$')) {
      // A replacement document, or mongoose's implicit $set: its keys are paths.
      checkPath('$set', key);
      continue;
    }
    if (!UPDATE_OPERATORS.has(key)) {
      throw new UnsupportedOperationError(
        key,
        'the embedded engine does not implement it.',
        'the supported update operators',
      );
    }
    if (!isPlainDocument(value)) continue;
    for (const [path, operand] of Object.entries(value)) {
      checkPath(key, path);
      if (key === '$pull') checkPull(path, operand);
      if (key === '$pullAll') checkPullAll(path, operand);
      if (key === '$push') checkPush(path, operand);
    }
  }
}

function checkPull(path: string, operand: unknown): void {
  if (isPlainDocument(toPlain(operand))) {
    throw new UnsupportedOperationError(
      `$pull with a document condition on "${path}"`,
      'on the embedded engine it reports success and removes nothing (mongoose sends it for subdocs.pull()).',
      HELPER_REMOVE_ELEMENTS,
    );
  }
}

function checkPullAll(path: string, operand: unknown): void {
  const values = Array.isArray(operand) ? operand : [operand];
  if (values.some((v) => isPlainDocument(toPlain(v)))) {
    throw new UnsupportedOperationError(
      `$pullAll of documents on "${path}"`,
      'the embedded engine does not match documents for removal reliably.',
      HELPER_REMOVE_ELEMENTS,
    );
  }
}

function checkPush(path: string, operand: unknown): void {
  if (!isPlainDocument(operand) || !('$each' in operand)) return;
  for (const modifier of ['$slice', '$sort', '$position']) {
    if (modifier in operand) {
      throw new UnsupportedOperationError(
        `$push with ${modifier} on "${path}"`,
        modifier === '$slice'
          ? 'on the embedded engine the slice is ignored and the array keeps growing.'
          : 'the embedded engine ignores or refuses it.',
        'reading the document, changing the array in code and saving it (optimistic concurrency)',
      );
    }
  }
}

/** Throws when a query filter uses an operator outside the subset (e.g. $where, $expr, $text). */
export function assertSupportedFilter(filter: unknown): void {
  if (!isPlainDocument(filter)) return;
  for (const [key, value] of Object.entries(filter)) {
    if (LOGICAL_OPERATORS.has(key)) {
      if (Array.isArray(value)) value.forEach((clause) => assertSupportedFilter(clause));
      continue;
    }
    if (key === '$comment') continue;
    if (key.startsWith('$')) {
      throw new UnsupportedOperationError(
        `the query operator ${key}`,
        'the embedded engine does not support it.',
        'the supported query operators',
      );
    }
    assertSupportedCondition(key, value);
  }
}

function assertSupportedCondition(path: string, condition: unknown): void {
  if (!isPlainDocument(condition)) return;
  const keys = Object.keys(condition);
  if (!keys.some((k) => k.startsWith('$'))) return; // an exact sub-document match
  for (const key of keys) {
    if (!QUERY_OPERATORS.has(key)) {
      throw new UnsupportedOperationError(
        `the query operator ${key} on "${path}"`,
        'the embedded engine does not support it.',
        'the supported query operators',
      );
    }
    const operand = condition[key];
    if (key === '$not') assertSupportedCondition(path, operand);
    if (key === '$elemMatch' && isPlainDocument(operand)) {
      for (const inner of Object.keys(operand)) {
        if (!inner.startsWith('$')) {
          throw new UnsupportedOperationError(
            `$elemMatch with a field condition on "${path}.${inner}"`,
            'the embedded engine supports $elemMatch with operators only.',
            `a dotted-path filter ("${path}.${inner}") or filtering in code`,
          );
        }
      }
      if (Object.keys(operand).length > 1) {
        throw new UnsupportedOperationError(
          `$elemMatch with several conditions on "${path}"`,
          'the embedded engine applies them to the whole array, not to one element.',
          'one operator per $elemMatch, or filtering in code',
        );
      }
      assertSupportedCondition(path, operand);
    }
  }
}

/**
 * A positional projection ('submissions.$') is served by the embedded engine, as by MongoDB, when the filter's
 * top level names the array itself ({ tags: 'maths' }) or holds exactly one condition on a field of its
 * elements ({ 'submissions.studentId': id }). Otherwise (two such conditions, or one inside $and/$or) the
 * embedded engine fails the whole find (FerretDB's error 51246).
 */
export function assertSupportedProjection(projection: unknown, filter: unknown): void {
  if (!isPlainDocument(projection)) return;
  for (const key of Object.keys(projection)) {
    if (!key.endsWith('.$')) continue;
    const array = key.slice(0, -2);
    const keys = isPlainDocument(filter) ? Object.keys(filter) : [];
    const onElements = keys.filter(
      (k) =>
        k.startsWith(`${array}.`) &&
        !k
          .slice(array.length + 1)
          .split('.')
          .some(isIndexOrOperator),
    );
    if (keys.includes(array) || onElements.length === 1) continue;
    throw new UnsupportedOperationError(
      `the positional projection "${key}" without one top-level condition on "${array}" or on one field of its elements`,
      'the embedded engine fails the find.',
      `a filter { "${array}.<field>": value } beside the projection, or projecting "${array}" whole and picking the element in code`,
    );
  }
}

function isIndexOrOperator(segment: string): boolean {
  return segment === '' || segment.startsWith('$') || /^[+-]?\d+$/.test(segment);
}

/** Throws when an aggregation pipeline uses a stage, accumulator or expression outside the subset. */
export function assertSupportedPipeline(pipeline: unknown): void {
  if (!Array.isArray(pipeline)) return;
  for (const [index, stage] of pipeline.entries()) {
    if (!isPlainDocument(stage)) continue;
    for (const [name, spec] of Object.entries(stage)) {
      if (!PIPELINE_STAGES.has(name)) {
        throw new UnsupportedOperationError(
          `the aggregation stage ${name}`,
          name === '$lookup' ? 'the embedded engine has no joins.' : 'the embedded engine does not run it.',
          name === '$lookup' ? 'populate() or a second query' : HELPER_AGGREGATE,
        );
      }
      if (name === '$match') assertSupportedFilter(spec);
      if (name === '$group') checkGroup(spec);
      if (name === '$unwind') checkUnwind(spec, pipeline[index + 1]);
      if (name === '$project' || name === '$addFields' || name === '$set') checkProjection(name, spec);
    }
  }
}

/**
 * The embedded engine's $unwind keeps only _id and the unwound field, so it is allowed only to count or sum per
 * element: the string form, directly followed by a $group on the unwound path.
 */
function checkUnwind(spec: unknown, next: unknown): void {
  if (typeof spec !== 'string') {
    throw new UnsupportedOperationError(
      '$unwind with options',
      'the embedded engine supports only the plain form $unwind: "$path".',
      HELPER_AGGREGATE,
    );
  }
  const group = isPlainDocument(next) && isPlainDocument(next.$group) ? next.$group : undefined;
  const groupsOnPath = group !== undefined && JSON.stringify(group._id ?? null).includes(`"${spec}`);
  if (!groupsOnPath) {
    throw new UnsupportedOperationError(
      `$unwind "${spec}" not followed by a $group on it`,
      'the embedded engine drops every other field of the unwound documents.',
      `$unwind directly followed by { $group: { _id: "${spec}", … } }, or ${HELPER_AGGREGATE}`,
    );
  }
}

function checkGroup(spec: unknown): void {
  if (!isPlainDocument(spec)) return;
  const accumulators = Object.keys(spec).filter((field) => field !== '_id');
  if (accumulators.length > 1) {
    throw new UnsupportedOperationError(
      `$group with ${accumulators.length} accumulators (${accumulators.join(', ')})`,
      'the embedded engine computes only the first; the others come back as 0.',
      `one accumulator per $group (run one query per figure), or ${HELPER_AGGREGATE}`,
    );
  }
  for (const [field, value] of Object.entries(spec)) {
    if (field === '_id') {
      checkExpression('$group _id', value);
      continue;
    }
    const accumulator = isPlainDocument(value) ? Object.keys(value)[0] : undefined;
    if (!accumulator || !GROUP_ACCUMULATORS.has(accumulator)) {
      throw new UnsupportedOperationError(
        `the accumulator ${accumulator ?? JSON.stringify(value)} in $group`,
        'the embedded engine supports $sum and $count only.',
        HELPER_AGGREGATE,
      );
    }
    checkExpression(`${accumulator} in $group`, (value as Doc)[accumulator]);
  }
}

/** Field references ('$a') in $project/$addFields/$set come back as the literal string on the embedded engine. */
function checkProjection(stage: string, spec: unknown): void {
  if (!isPlainDocument(spec)) return;
  for (const [field, value] of Object.entries(spec)) {
    checkExpression(stage, value);
    if (containsFieldReference(value)) {
      throw new UnsupportedOperationError(
        `the field reference ${JSON.stringify(value)} for "${field}" in ${stage}`,
        'the embedded engine stores the string itself instead of the referenced value.',
        `inclusion (1) or exclusion (0) only, and renaming fields in code`,
      );
    }
  }
}

function containsFieldReference(value: unknown): boolean {
  if (typeof value === 'string') return value.startsWith('$');
  if (Array.isArray(value)) return value.some(containsFieldReference);
  return isPlainDocument(value) && Object.values(value).some(containsFieldReference);
}

/** Literals and documents of literals pass; any operator expression ({$avg: …}) is refused. */
function checkExpression(where: string, value: unknown): void {
  if (!isPlainDocument(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if (key.startsWith('$')) {
      throw new UnsupportedOperationError(
        `the expression ${key} in ${where}`,
        'the embedded engine computes no expressions besides $sum.',
        HELPER_AGGREGATE,
      );
    }
    checkExpression(where, inner);
  }
}

export const supportedSubset = {
  updateOperators: [...UPDATE_OPERATORS],
  queryOperators: [...QUERY_OPERATORS, ...LOGICAL_OPERATORS],
  pipelineStages: [...PIPELINE_STAGES],
  groupAccumulators: [...GROUP_ACCUMULATORS],
} as const;
