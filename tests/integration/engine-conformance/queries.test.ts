/**
 * The query shapes of the supported subset (docs/architecture.md, "What the data layer may ask of any engine"), each checked on the
 * documents the engine returns — on the embedded engine, or on MONGODB_URI when it is set. The schemas carry
 * the subset guard, so the suite also shows that normal use passes it.
 */
import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { subsetGuardPlugin } from '../../../electron/core/db/subset-plugin';
import { ObjectId, useTestDb } from '../../support/test-db';

interface Student {
  name: string;
  grade?: number;
  enrolledAt?: Date;
  nickname?: string;
  extra?: unknown;
  classIds: ObjectId[];
  tags: string[];
  scores: number[];
}
interface Assignment {
  title: string;
  submissions: Array<{ studentId: ObjectId; status: string; grade?: number }>;
}
interface Activity {
  action: string;
  timestamp: Date;
}

const handle = useTestDb('queries');
let Student: mongoose.Model<Student>;
let Assignment: mongoose.Model<Assignment>;
let Activity: mongoose.Model<Activity>;

const maths = new ObjectId();
const physics = new ObjectId();
const art = new ObjectId();
const day = (d: number): Date => new Date(Date.UTC(2025, 8, d, 8, 0, 0));

/** name → the other fields; names are the assertion key (every query result is compared by names). */
const students: Student[] = [
  {
    name: 'Alice',
    grade: 9,
    enrolledAt: day(1),
    nickname: 'Ali',
    extra: 'text',
    classIds: [maths, physics],
    tags: ['choir', 'chess'],
    scores: [85, 92],
  },
  {
    name: 'alan',
    grade: 10,
    enrolledAt: day(3),
    extra: 42,
    classIds: [maths],
    tags: ['chess'],
    scores: [70, 95],
  },
  {
    name: 'Bob',
    grade: 9,
    enrolledAt: day(5),
    extra: day(2),
    classIds: [physics],
    tags: ['football', 'chess', 'choir'],
    scores: [60],
  },
  { name: 'Carla', grade: 11, enrolledAt: day(7), classIds: [art], tags: [], scores: [88] },
  { name: 'Dmitri', classIds: [], tags: ['football'], scores: [] },
];

function names(docs: ReadonlyArray<{ name: string }>): string[] {
  return docs.map((d) => d.name).sort();
}

async function find(filter: mongoose.QueryFilter<Student>): Promise<string[]> {
  return names(await Student.find(filter).lean());
}

beforeAll(async () => {
  const studentSchema = new mongoose.Schema<Student>({
    name: { type: String, required: true },
    grade: Number,
    enrolledAt: Date,
    nickname: String,
    extra: mongoose.Schema.Types.Mixed,
    classIds: [mongoose.Schema.Types.ObjectId],
    tags: [String],
    scores: [Number],
  });
  studentSchema.plugin(subsetGuardPlugin);
  Student = handle.db.model<Student>('Student', studentSchema);

  const assignmentSchema = new mongoose.Schema<Assignment>({
    title: String,
    submissions: [{ studentId: mongoose.Schema.Types.ObjectId, status: String, grade: Number }],
  });
  assignmentSchema.plugin(subsetGuardPlugin);
  Assignment = handle.db.model<Assignment>('Assignment', assignmentSchema);

  const activitySchema = new mongoose.Schema<Activity>({ action: String, timestamp: Date });
  activitySchema.plugin(subsetGuardPlugin);
  Activity = handle.db.model<Activity>('Activity', activitySchema);

  await Student.insertMany(students);
});

describe('equality and comparison', () => {
  it('equality on a string, a number and a date', async () => {
    expect(await find({ name: 'Bob' })).toEqual(['Bob']);
    expect(await find({ grade: 9 })).toEqual(['Alice', 'Bob']);
    expect(await find({ enrolledAt: day(3) })).toEqual(['alan']);
  });

  it('$in $nin $ne on numbers', async () => {
    expect(await find({ grade: { $in: [10, 11] } })).toEqual(['Carla', 'alan']);
    // $nin and $ne also match documents without the field (Dmitri has no grade).
    expect(await find({ grade: { $nin: [9, 10] } })).toEqual(['Carla', 'Dmitri']);
    expect(await find({ grade: { $ne: 9 } })).toEqual(['Carla', 'Dmitri', 'alan']);
  });

  it('$gt $gte $lt $lte on numbers', async () => {
    expect(await find({ grade: { $gt: 9 } })).toEqual(['Carla', 'alan']);
    expect(await find({ grade: { $gte: 10 } })).toEqual(['Carla', 'alan']);
    expect(await find({ grade: { $lt: 10 } })).toEqual(['Alice', 'Bob']);
    expect(await find({ grade: { $lte: 10 } })).toEqual(['Alice', 'Bob', 'alan']);
    expect(await find({ grade: { $gt: 9, $lt: 11 } })).toEqual(['alan']);
  });

  it('$in $nin $ne $gt $gte $lt $lte on strings (binary order: upper case first)', async () => {
    expect(await find({ name: { $in: ['Alice', 'Carla', 'Zed'] } })).toEqual(['Alice', 'Carla']);
    expect(await find({ name: { $nin: ['Alice', 'Bob'] } })).toEqual(['Carla', 'Dmitri', 'alan']);
    expect(await find({ name: { $ne: 'Alice' } })).toEqual(['Bob', 'Carla', 'Dmitri', 'alan']);
    expect(await find({ name: { $gt: 'Bob' } })).toEqual(['Carla', 'Dmitri', 'alan']);
    expect(await find({ name: { $gte: 'Bob' } })).toEqual(['Bob', 'Carla', 'Dmitri', 'alan']);
    expect(await find({ name: { $lt: 'Bob' } })).toEqual(['Alice']);
    expect(await find({ name: { $lte: 'Bob' } })).toEqual(['Alice', 'Bob']);
  });

  it('$in $nin $ne $gt $gte $lt $lte on dates', async () => {
    expect(await find({ enrolledAt: { $in: [day(1), day(7)] } })).toEqual(['Alice', 'Carla']);
    expect(await find({ enrolledAt: { $nin: [day(1), day(7)] } })).toEqual(['Bob', 'Dmitri', 'alan']);
    expect(await find({ enrolledAt: { $ne: day(5) } })).toEqual(['Alice', 'Carla', 'Dmitri', 'alan']);
    expect(await find({ enrolledAt: { $gt: day(3) } })).toEqual(['Bob', 'Carla']);
    expect(await find({ enrolledAt: { $gte: day(3) } })).toEqual(['Bob', 'Carla', 'alan']);
    expect(await find({ enrolledAt: { $lt: day(3) } })).toEqual(['Alice']);
    expect(await find({ enrolledAt: { $lte: day(3) } })).toEqual(['Alice', 'alan']);
    expect(await find({ enrolledAt: { $gte: day(2), $lt: day(6) } })).toEqual(['Bob', 'alan']);
  });
});

describe('element, evaluation and array operators', () => {
  it('$exists true and false', async () => {
    expect(await find({ nickname: { $exists: true } })).toEqual(['Alice']);
    expect(await find({ grade: { $exists: false } })).toEqual(['Dmitri']);
  });

  it('$regex with the i option, as an operator and as a RegExp', async () => {
    expect(await find({ name: { $regex: '^al', $options: 'i' } })).toEqual(['Alice', 'alan']);
    expect(await find({ name: { $regex: '^al' } })).toEqual(['alan']);
    expect(await find({ name: /^AL/i })).toEqual(['Alice', 'alan']);
    expect(await find({ name: /ar/ })).toEqual(['Carla']);
  });

  it('$size', async () => {
    expect(await find({ tags: { $size: 2 } })).toEqual(['Alice']);
    expect(await find({ tags: { $size: 0 } })).toEqual(['Carla']);
  });

  it('$all', async () => {
    expect(await find({ tags: { $all: ['chess', 'choir'] } })).toEqual(['Alice', 'Bob']);
    expect(await find({ tags: { $all: ['football'] } })).toEqual(['Bob', 'Dmitri']);
  });

  it('$type', async () => {
    expect(await find({ extra: { $type: 'string' } })).toEqual(['Alice']);
    expect(await find({ extra: { $type: 'number' } })).toEqual(['alan']);
    expect(await find({ extra: { $type: 'date' } })).toEqual(['Bob']);
  });

  it('$not with an operator and with a regular expression', async () => {
    // $not also matches documents without the field.
    expect(await find({ grade: { $not: { $gt: 9 } } })).toEqual(['Alice', 'Bob', 'Dmitri']);
    expect(await find({ name: { $not: /^a/i } })).toEqual(['Bob', 'Carla', 'Dmitri']);
  });

  it('$and $or $nor', async () => {
    expect(await find({ $and: [{ grade: 9 }, { tags: 'choir' }] })).toEqual(['Alice', 'Bob']);
    expect(await find({ $and: [{ grade: { $gte: 9 } }, { grade: { $lte: 9 } }, { name: /^B/ }] })).toEqual([
      'Bob',
    ]);
    expect(await find({ $or: [{ grade: 11 }, { nickname: 'Ali' }] })).toEqual(['Alice', 'Carla']);
    expect(await find({ $nor: [{ grade: 9 }, { tags: 'football' }] })).toEqual(['Carla', 'alan']);
    expect(await find({ $or: [{ name: 'Dmitri' }, { $and: [{ grade: 10 }, { tags: 'chess' }] }] })).toEqual([
      'Dmitri',
      'alan',
    ]);
  });

  it('array membership with ObjectIds and strings', async () => {
    expect(await find({ classIds: maths })).toEqual(['Alice', 'alan']);
    expect(await find({ classIds: physics })).toEqual(['Alice', 'Bob']);
    expect(await find({ classIds: { $in: [art, physics] } })).toEqual(['Alice', 'Bob', 'Carla']);
    expect(await find({ classIds: new ObjectId() })).toEqual([]);
    expect(await find({ tags: 'chess' })).toEqual(['Alice', 'Bob', 'alan']);
  });

  it('$elemMatch with one operator, on a scalar array', async () => {
    expect(await find({ scores: { $elemMatch: { $gt: 90 } } })).toEqual(['Alice', 'alan']);
    expect(await find({ scores: { $elemMatch: { $in: [60, 88] } } })).toEqual(['Bob', 'Carla']);
  });

  it('$elemMatch with several operators is refused (the engine tests the whole array, not one element)', async () => {
    await expect(find({ scores: { $elemMatch: { $gte: 80, $lt: 90 } } })).rejects.toThrow(
      /\$elemMatch with several conditions on "scores"/,
    );
    // One operator per $elemMatch is served correctly; the range is checked in code.
    const candidates = await Student.find({ scores: { $elemMatch: { $gte: 80 } } }).lean();
    expect(
      candidates
        .filter((s) => s.scores.some((x) => x >= 80 && x < 90))
        .map((s) => s.name)
        .sort(),
    ).toEqual(['Alice', 'Carla']);
  });

  it('dotted paths into an array of subdocuments', async () => {
    const a = new ObjectId();
    const b = new ObjectId();
    const c = new ObjectId();
    await Assignment.insertMany([
      {
        title: 'Fractions',
        submissions: [
          { studentId: a, status: 'graded', grade: 80 },
          { studentId: b, status: 'submitted' },
        ],
      },
      { title: 'Poems', submissions: [{ studentId: b, status: 'graded', grade: 65 }] },
      { title: 'Maps', submissions: [] },
    ]);
    const titles = async (filter: mongoose.QueryFilter<Assignment>): Promise<string[]> =>
      (await Assignment.find(filter).lean()).map((d) => d.title).sort();

    expect(await titles({ 'submissions.studentId': a })).toEqual(['Fractions']);
    expect(await titles({ 'submissions.studentId': b })).toEqual(['Fractions', 'Poems']);
    expect(await titles({ 'submissions.studentId': c })).toEqual([]);
    expect(await titles({ 'submissions.status': 'graded' })).toEqual(['Fractions', 'Poems']);
    expect(await titles({ 'submissions.grade': { $gte: 70 } })).toEqual(['Fractions']);
    expect(await titles({ 'submissions.0': { $exists: false } })).toEqual(['Maps']);
    expect(await titles({ 'submissions.studentId': { $in: [a, c] } })).toEqual(['Fractions']);
  });

  it("a positional projection names the element a field condition matched (one student's hand-in)", async () => {
    const a = new ObjectId();
    const b = new ObjectId();
    const c = new ObjectId();
    await Assignment.insertMany([
      {
        title: 'Essay',
        submissions: [
          { studentId: a, status: 'graded', grade: 80 },
          { studentId: b, status: 'submitted' },
          { studentId: c, status: 'submitted' },
        ],
      },
      { title: 'Quiz', submissions: [{ studentId: b, status: 'graded', grade: 65 }] },
      { title: 'Atlas', submissions: [{ studentId: a, status: 'submitted' }] },
    ]);
    const row = (s: Assignment['submissions'][number]) => ({
      studentId: s.studentId,
      status: s.status,
      grade: s.grade,
    });
    const ownRows = async (studentId: ObjectId) =>
      (
        await Assignment.find({ 'submissions.studentId': studentId }, { title: 1, 'submissions.$': 1 })
          .sort({ title: 1 })
          .lean()
      ).map((d) => ({ title: d.title, submissions: d.submissions.map(row) }));

    expect(await ownRows(b)).toEqual([
      { title: 'Essay', submissions: [{ studentId: b, status: 'submitted' }] },
      { title: 'Quiz', submissions: [{ studentId: b, status: 'graded', grade: 65 }] },
    ]);
    expect(await ownRows(c)).toEqual([
      { title: 'Essay', submissions: [{ studentId: c, status: 'submitted' }] },
    ]);
    const graded = await Assignment.find(
      { title: 'Essay', 'submissions.status': 'submitted' },
      { 'submissions.$': 1 },
    ).lean();
    expect(graded.map((d) => d.submissions.map(row))).toEqual([[{ studentId: b, status: 'submitted' }]]);
  });
});

describe('sort, skip, limit, distinct, count', () => {
  it('sorts on several keys, then skips and limits', async () => {
    const all = await Student.find({ grade: { $exists: true } })
      .sort({ grade: 1, name: -1 })
      .lean();
    expect(all.map((s) => s.name)).toEqual(['Bob', 'Alice', 'alan', 'Carla']);

    const desc = await Student.find().sort({ grade: -1, name: 1 }).lean();
    // A missing field sorts before every number ascending, so last descending.
    expect(desc.map((s) => s.name)).toEqual(['Carla', 'alan', 'Alice', 'Bob', 'Dmitri']);

    const page = await Student.find().sort({ grade: -1, name: 1 }).skip(1).limit(2).lean();
    expect(page.map((s) => s.name)).toEqual(['alan', 'Alice']);
    const last = await Student.find().sort({ grade: -1, name: 1 }).skip(4).limit(10).lean();
    expect(last.map((s) => s.name)).toEqual(['Dmitri']);
  });

  it('limit with a projection returns only the projected fields', async () => {
    const docs = await Student.find({ grade: 9 }, { name: 1, _id: 0 }).sort({ name: 1 }).limit(1).lean();
    expect(docs).toEqual([{ name: 'Alice' }]);
  });

  it('distinct on a scalar field, an array field (flattened) and with a filter', async () => {
    expect((await Student.distinct('grade')).sort()).toEqual([10, 11, 9]);
    expect((await Student.distinct('tags')).sort()).toEqual(['chess', 'choir', 'football']);
    expect((await Student.distinct('name', { grade: 9 })).sort()).toEqual(['Alice', 'Bob']);
    const classIds = (await Student.distinct('classIds', { grade: { $lte: 10 } })).map(String).sort();
    expect(classIds).toEqual([maths, physics].map(String).sort());
  });

  it('countDocuments with and without a filter', async () => {
    expect(await Student.countDocuments()).toBe(5);
    expect(await Student.countDocuments({ grade: 9 })).toBe(2);
    expect(await Student.countDocuments({ tags: 'chess', grade: { $gt: 9 } })).toBe(1);
    expect(await Student.countDocuments({ name: 'nobody' })).toBe(0);
  });

  it('pages with a filter (timestamp < last), sorted descending, limited', async () => {
    const start = Date.UTC(2025, 0, 1);
    const events = Array.from({ length: 23 }, (_, i) => ({
      action: `event-${i}`,
      timestamp: new Date(start + i * 60_000),
    }));
    // Inserted out of order (odd minutes first), so the order comes from the sort, not the insertion.
    await Activity.insertMany([
      ...events.filter((_, i) => i % 2 === 1),
      ...events.filter((_, i) => i % 2 === 0),
    ]);

    const seen: string[] = [];
    const pageSizes: number[] = [];
    let last: Date | undefined;
    for (;;) {
      const filter: mongoose.QueryFilter<Activity> = last ? { timestamp: { $lt: last } } : {};
      const page = await Activity.find(filter).sort({ timestamp: -1 }).limit(5).lean();
      if (page.length === 0) break;
      pageSizes.push(page.length);
      seen.push(...page.map((e) => e.action));
      last = page[page.length - 1]?.timestamp;
    }
    expect(pageSizes).toEqual([5, 5, 5, 5, 3]);
    expect(seen).toEqual(events.map((e) => e.action).reverse());
  });
});
