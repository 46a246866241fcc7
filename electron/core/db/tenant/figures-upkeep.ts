/**
 * Keeps the assignment figures (assignment-figures.ts) true to the assignments and class lists: the models'
 * hooks (assignment.ts, class.ts) refresh the figures of every assignment a write touched, so every way of
 * writing (the services, an import, a restore through the models) keeps them. A refresh recomputes the
 * assignment's figures from its stored form and adds the difference to the school's sum; the work runs one
 * piece at a time per database (the station is the one writer), so two refreshes never add the same change.
 * The sum is rebuilt from scratch when it is missing, of another version or time zone, or was left half-updated
 * (`inFlight`) or counts another number of assignments (checked when the tenant is opened).
 */
import type { Connection, Model, Schema, Types } from 'mongoose';
import { scoreBucketIndex, SCORE_BUCKET_COUNT } from '../../../../shared/domain';
import { dayKey } from '../aggregate-in-service';
import { createKeyedQueue } from '../keyed-queue';
import { SCHOOL_FIGURES_ID, type AssignmentFiguresDoc } from './assignment-figures';
import { WRITE_QUERIES } from './common';

/** Bump when the figures' meaning changes: every institution's figures are rebuilt on next use. */
export const FIGURES_VERSION = 1;

/**
 * Counts of one assignment's rows (an enrolled student each): `rows`, handed in as `submitted` or `graded`,
 * `gradeCount` and `gradeSum` of the graded rows with a grade, and `g0`…`g9` the grades per 10-point bucket.
 * Rows neither submitted nor graded are pending, or overdue once the due date has passed.
 */
export type Figures = Record<string, number>;

export interface StoredSubmission {
  studentId: Types.ObjectId;
  status?: string | null;
  grade?: number | null;
  submittedAt?: Date | null;
}

export interface FiguresSource {
  _id: Types.ObjectId;
  dueDate: Date;
  classIds: Types.ObjectId[];
  submissions?: StoredSubmission[];
}

/** What a refresh reads of an assignment. */
const SOURCE_FIELDS = {
  dueDate: 1,
  classIds: 1,
  'submissions.studentId': 1,
  'submissions.status': 1,
  'submissions.grade': 1,
  'submissions.submittedAt': 1,
} as const;

/** The station's time zone: hand-ins are counted per day of the school's calendar. */
export function stationTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function addRow(into: Figures, sub: StoredSubmission | undefined): void {
  into.rows = (into.rows ?? 0) + 1;
  if (sub?.status !== 'submitted' && sub?.status !== 'graded') return;
  into[sub.status] = (into[sub.status] ?? 0) + 1;
  if (sub.status === 'graded' && typeof sub.grade === 'number') {
    into.gradeCount = (into.gradeCount ?? 0) + 1;
    into.gradeSum = (into.gradeSum ?? 0) + sub.grade;
    const bucket = `g${scoreBucketIndex(sub.grade)}`;
    into[bucket] = (into[bucket] ?? 0) + 1;
  }
}

/**
 * One assignment's figures from its stored form and the students of its classes: a student in two of its
 * classes is a row in each class and one row of the school's.
 */
export function figuresOf(
  a: FiguresSource,
  studentsOfClass: ReadonlyMap<string, readonly Types.ObjectId[]>,
  timeZone: string,
): AssignmentFiguresDoc {
  const subs = new Map((a.submissions ?? []).map((s) => [s.studentId.toString(), s]));
  const all: Figures = {};
  const classes: Record<string, Figures> = {};
  const seen = new Set<string>();
  for (const classId of a.classIds.map(String)) {
    const figures: Figures = (classes[classId] ??= {});
    for (const student of studentsOfClass.get(classId) ?? []) {
      const id = student.toString();
      addRow(figures, subs.get(id));
      if (!seen.has(id)) {
        seen.add(id);
        addRow(all, subs.get(id));
      }
    }
  }
  const handIns: Record<string, number> = {};
  for (const s of a.submissions ?? []) {
    if (!s.submittedAt) continue;
    const day = dayKey(s.submittedAt, timeZone);
    handIns[day] = (handIns[day] ?? 0) + 1;
  }
  return { _id: a._id.toString(), dueDate: a.dueDate, all, classes, handIns };
}

/** The figures as dotted paths to numbers, the form `$inc` takes. */
function flatten(doc: AssignmentFiguresDoc | null | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (!doc) return out;
  for (const [key, value] of Object.entries(doc.all ?? {})) out.set(`all.${key}`, value);
  for (const [classId, figures] of Object.entries(doc.classes ?? {})) {
    for (const [key, value] of Object.entries(figures)) out.set(`classes.${classId}.${key}`, value);
  }
  for (const [day, count] of Object.entries(doc.handIns ?? {})) out.set(`handIns.${day}`, count);
  return out;
}

/** What to add to the school's sum when `before` becomes `after` (either may be absent). */
export function figuresDelta(
  before: AssignmentFiguresDoc | null | undefined,
  after: AssignmentFiguresDoc | null | undefined,
): Record<string, number> {
  const a = flatten(before);
  const b = flatten(after);
  const delta: Record<string, number> = {};
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const d = (b.get(key) ?? 0) - (a.get(key) ?? 0);
    if (d !== 0) delta[key] = d;
  }
  const count = (after ? 1 : 0) - (before ? 1 : 0);
  if (count !== 0) delta.assignments = count;
  return delta;
}

/** The school's sum of many assignments' figures. */
export function schoolFiguresOf(
  docs: readonly AssignmentFiguresDoc[],
  timeZone: string,
): AssignmentFiguresDoc {
  const school: AssignmentFiguresDoc = {
    _id: SCHOOL_FIGURES_ID,
    all: {},
    classes: {},
    handIns: {},
    assignments: 0,
    version: FIGURES_VERSION,
    timeZone,
    inFlight: 0,
  };
  const all = school.all!;
  const classes = school.classes!;
  const handIns = school.handIns!;
  for (const doc of docs) {
    school.assignments! += 1;
    for (const [key, value] of Object.entries(doc.all ?? {})) all[key] = (all[key] ?? 0) + value;
    for (const [classId, figures] of Object.entries(doc.classes ?? {})) {
      const into = (classes[classId] ??= {});
      for (const [key, value] of Object.entries(figures)) into[key] = (into[key] ?? 0) + value;
    }
    for (const [day, count] of Object.entries(doc.handIns ?? {})) handIns[day] = (handIns[day] ?? 0) + count;
  }
  return school;
}

// ── Keeping them ────────────────────────────────────────────────────────────────────────────────────────────

const queue = createKeyedQueue();

interface StoredClass {
  students?: Types.ObjectId[];
}

interface UpkeepModels {
  Assignment: Model<FiguresSource>;
  Class: Model<StoredClass>;
  Figures: Model<AssignmentFiguresDoc>;
}

function modelsOf(conn: Connection): UpkeepModels {
  return {
    Assignment: conn.model<FiguresSource>('Assignment'),
    Class: conn.model<StoredClass>('Class'),
    Figures: conn.model<AssignmentFiguresDoc>('AssignmentFigures'),
  };
}

async function studentsOfClasses(
  Class: Model<StoredClass>,
  classIds: readonly Types.ObjectId[] | undefined,
): Promise<Map<string, Types.ObjectId[]>> {
  const classes = await Class.find(classIds ? { _id: { $in: [...classIds] } } : {}, { students: 1 }).lean<
    Array<{ _id: Types.ObjectId; students?: Types.ObjectId[] }>
  >();
  return new Map(classes.map((c) => [c._id.toString(), c.students ?? []]));
}

/** Assignments refreshed together: an import's or a class's batch costs a few reads and writes, not each. */
const REFRESH_BATCH = 200;

/** Recomputes these assignments' figures (gone ones are removed) and adds the changes to the school's sum. */
async function refresh(conn: Connection, ids: readonly Types.ObjectId[]): Promise<void> {
  const { Assignment, Class, Figures } = modelsOf(conn);
  const timeZone = stationTimeZone();
  for (let i = 0; i < ids.length; i += REFRESH_BATCH) {
    const batch = ids.slice(i, i + REFRESH_BATCH);
    const keys = [...new Set(batch.map(String))];
    // The sum is read with the first batch's figures: one round trip tells whether there is a sum to keep.
    const [sources, stored] = await Promise.all([
      Assignment.find({ _id: { $in: batch } }, SOURCE_FIELDS).lean<FiguresSource[]>(),
      Figures.find({ _id: { $in: i === 0 ? [SCHOOL_FIGURES_ID, ...keys] : keys } }).lean<
        AssignmentFiguresDoc[]
      >(),
    ]);
    // Not built yet (or being rebuilt after a failure): the next use builds it from the assignments.
    if (i === 0 && !stored.some((d) => d._id === SCHOOL_FIGURES_ID)) return;
    const students = await studentsOfClasses(
      Class,
      sources.flatMap((a) => a.classIds),
    );
    const after = sources.map((a) => figuresOf(a, students, timeZone));
    const beforeById = new Map(stored.map((d) => [d._id, d]));
    const afterById = new Map(after.map((d) => [d._id, d]));
    const delta: Record<string, number> = {};
    for (const key of keys) {
      for (const [path, d] of Object.entries(figuresDelta(beforeById.get(key), afterById.get(key)))) {
        delta[path] = (delta[path] ?? 0) + d;
      }
    }
    const gone = keys.filter((key) => !afterById.has(key));
    // inFlight says "the sum may lack a change" until the change is added: a crash in between is rebuilt.
    await Figures.updateOne({ _id: SCHOOL_FIGURES_ID }, { $inc: { inFlight: 1 } });
    if (after.length > 0) {
      await Figures.bulkWrite(
        after.map((doc) => ({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } })),
      );
    }
    if (gone.length > 0) await Figures.deleteMany({ _id: { $in: gone } });
    await Figures.updateOne({ _id: SCHOOL_FIGURES_ID }, { $inc: { ...delta, inFlight: -1 } });
  }
}

/** Reads of assignments at a time while rebuilding: bounded memory on a year of hand-ins. */
const REBUILD_BATCH = 200;

/** The figures of every assignment and their sum, computed from the assignments and class lists. */
export async function computeAllFigures(
  conn: Connection,
): Promise<{ assignments: AssignmentFiguresDoc[]; school: AssignmentFiguresDoc }> {
  const { Assignment, Class } = modelsOf(conn);
  const timeZone = stationTimeZone();
  const students = await studentsOfClasses(Class, undefined);
  const assignments: AssignmentFiguresDoc[] = [];
  let after: Types.ObjectId | undefined;
  for (;;) {
    const batch = await Assignment.find(after ? { _id: { $gt: after } } : {}, SOURCE_FIELDS)
      .sort({ _id: 1 })
      .limit(REBUILD_BATCH)
      .lean<FiguresSource[]>();
    for (const a of batch) assignments.push(figuresOf(a, students, timeZone));
    if (batch.length < REBUILD_BATCH) break;
    after = batch[batch.length - 1]!._id;
  }
  return { assignments, school: schoolFiguresOf(assignments, timeZone) };
}

async function rebuild(conn: Connection): Promise<void> {
  const { Figures } = modelsOf(conn);
  const { assignments, school } = await computeAllFigures(conn);
  // The sum goes last: until it exists, refreshes leave the figures alone and readers rebuild.
  await Figures.deleteMany({});
  for (let i = 0; i < assignments.length; i += REBUILD_BATCH) {
    await Figures.insertMany(assignments.slice(i, i + REBUILD_BATCH));
  }
  await Figures.create(school);
}

/** Builds the figures anew from the assignments: after a restore, which writes around the models. */
export async function rebuildAssignmentFigures(conn: Connection): Promise<void> {
  await queue.run(conn.name, () => rebuild(conn));
}

function isCurrent(school: AssignmentFiguresDoc | null): school is AssignmentFiguresDoc {
  return (
    school !== null &&
    school.version === FIGURES_VERSION &&
    school.timeZone === stationTimeZone() &&
    school.inFlight === 0
  );
}

/** The school's figures, rebuilt first when they cannot be trusted (call on the queue). */
async function trustedSchool(conn: Connection, checkCount: boolean): Promise<AssignmentFiguresDoc> {
  const { Assignment, Figures } = modelsOf(conn);
  let school = await Figures.findById(SCHOOL_FIGURES_ID).lean();
  const stale =
    !isCurrent(school) || (checkCount && school.assignments !== (await Assignment.countDocuments({})));
  if (stale) {
    await rebuild(conn);
    school = await Figures.findById(SCHOOL_FIGURES_ID).lean();
  }
  if (!school) throw new Error('The assignment figures could not be built.');
  return school;
}

/**
 * Checks the school's figures and rebuilds them when they cannot be trusted. `checkCount` also compares the
 * number of assignments (the tenant's first use in a process: writes that bypassed the models).
 */
export async function ensureAssignmentFigures(conn: Connection, checkCount = false): Promise<void> {
  await queue.run(conn.name, () => trustedSchool(conn, checkCount));
}

/**
 * The school's figures and those of the assignments due in `dueDate` (a range), read between refreshes so
 * the two agree.
 */
export async function readAssignmentFigures(
  conn: Connection,
  dueDate: { $gte?: Date; $lte?: Date },
): Promise<{ school: AssignmentFiguresDoc; assignments: AssignmentFiguresDoc[] }> {
  return await queue.run(conn.name, async () => {
    const school = await trustedSchool(conn, false);
    const assignments = await modelsOf(conn)
      .Figures.find({ dueDate }, { dueDate: 1, all: 1, classes: 1 })
      .lean<AssignmentFiguresDoc[]>();
    return { school, assignments };
  });
}

/**
 * Refreshes the figures of these assignments after a write. A failure drops the school's sum (the data written
 * is not undone), so the next reader rebuilds it rather than trusting figures that missed a change.
 */
export async function refreshAssignmentFigures(
  conn: Connection,
  ids: readonly Types.ObjectId[],
): Promise<void> {
  if (ids.length === 0) return;
  await queue.run(conn.name, async () => {
    try {
      await refresh(conn, ids);
    } catch {
      await modelsOf(conn)
        .Figures.deleteOne({ _id: SCHOOL_FIGURES_ID })
        .catch(() => undefined);
    }
  });
}

/** Refreshes the figures of the assignments set to these classes (their class lists changed). */
export async function refreshFiguresOfClasses(
  conn: Connection,
  classIds: readonly Types.ObjectId[],
): Promise<void> {
  if (classIds.length === 0) return;
  const assignments = await modelsOf(conn)
    .Assignment.find({ classIds: { $in: [...classIds] } }, { _id: 1 })
    .lean<Array<{ _id: Types.ObjectId }>>();
  await refreshAssignmentFigures(
    conn,
    assignments.map((a) => a._id),
  );
}

/** The figures' bucket keys in order (`g0`…`g9`), for the grade distribution. */
export const GRADE_BUCKET_KEYS = Array.from({ length: SCORE_BUCKET_COUNT }, (_, i) => `g${i}`);

// ── The models' hooks ───────────────────────────────────────────────────────────────────────────────────────

/** The ids a query write is about to touch, found before it runs (a deletion leaves nothing to find after). */
const touched = new WeakMap<object, Types.ObjectId[]>();

interface WriteQuery {
  model: Model<{ _id: Types.ObjectId }>;
  getFilter(): Record<string, unknown>;
}

/**
 * Follows every write of the schema's documents: `after` gets the connection and the ids written (the saved or
 * inserted documents, or those a query's filter matched).
 */
function followWrites(
  schema: Schema,
  after: (conn: Connection, ids: Types.ObjectId[]) => Promise<void>,
): void {
  schema.post('save', async function (this: { db: Connection; _id: Types.ObjectId }) {
    await after(this.db, [this._id]);
  });
  schema.post('insertMany', async function (docs: unknown) {
    await after(
      this.db,
      (docs as Array<{ _id: Types.ObjectId }>).map((d) => d._id),
    );
  });
  schema.pre(WRITE_QUERIES, async function (this: WriteQuery) {
    const found = await this.model.find(this.getFilter(), { _id: 1 }).lean<Array<{ _id: Types.ObjectId }>>();
    touched.set(
      this,
      found.map((d) => d._id),
    );
  });
  schema.post(WRITE_QUERIES, async function (this: WriteQuery) {
    const ids = touched.get(this) ?? [];
    touched.delete(this);
    await after(this.model.db, ids);
  });
}

/** The assignment model's hooks: each assignment written gets its figures refreshed. */
export function followAssignmentWrites(schema: Schema): void {
  followWrites(schema, refreshAssignmentFigures);
}

/** The class model's hooks: a class written (its students, above all) refreshes its assignments' figures. */
export function followClassWrites(schema: Schema): void {
  followWrites(schema, refreshFiguresOfClasses);
}
