/**
 * The subset guard refuses what the embedded engine serves wrongly or not at all, before it reaches any
 * engine, with a message that names the operator and the helper to use instead. For the three silent failures
 * the test also shows, on the embedded engine, why: unguarded, they are acknowledged and change nothing.
 */
import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { guardCollection } from '../../../electron/core/db/guarded-collection';
import { subsetGuardPlugin } from '../../../electron/core/db/subset-plugin';
import { UnsupportedOperationError } from '../../../electron/core/db/subset-guard';
import { engineKind, useTestDb } from '../../support/test-db';

interface Submission {
  _id: mongoose.Types.ObjectId;
  studentId: mongoose.Types.ObjectId;
  status: string;
  grade?: number;
}
interface Assignment {
  title: string;
  tags: string[];
  submissions: Submission[];
}

const handle = useTestDb('guard');
let Assignment: mongoose.Model<Assignment>;
let assignmentId: mongoose.Types.ObjectId;
const studentA = new mongoose.Types.ObjectId();
const studentB = new mongoose.Types.ObjectId();

beforeAll(async () => {
  const schema = new mongoose.Schema<Assignment>(
    {
      title: String,
      tags: [String],
      submissions: [{ studentId: mongoose.Schema.Types.ObjectId, status: String, grade: Number }],
    },
    { optimisticConcurrency: true },
  );
  schema.plugin(subsetGuardPlugin);
  Assignment = handle.db.model<Assignment>('Assignment', schema);
  const created = await Assignment.create({
    title: 'Fractions',
    tags: ['maths'],
    submissions: [
      { studentId: studentA, status: 'submitted' },
      { studentId: studentB, status: 'pending' },
    ],
  });
  assignmentId = created._id;
});

async function stored(): Promise<Assignment> {
  const doc = await Assignment.collection.findOne({ _id: assignmentId });
  if (!doc) throw new Error('assignment vanished');
  return doc as unknown as Assignment;
}

/** Expects an UnsupportedOperationError naming `operator` and `helper`, and the stored document unchanged. */
async function expectRefused(run: () => Promise<unknown>, operator: RegExp, helper: RegExp): Promise<void> {
  const before = await stored();
  // Promise.resolve().then: a guard that throws synchronously (raw driver calls) is caught the same way.
  const error = await Promise.resolve()
    .then(run)
    .then(
      () => undefined,
      (err: unknown) => err,
    );
  expect(error).toBeInstanceOf(UnsupportedOperationError);
  const message = (error as Error).message;
  expect(message).toMatch(operator);
  expect(message).toMatch(helper);
  expect(await stored()).toEqual(before);
}

describe('the silent failures are refused', () => {
  it('the positional update submissions.$.grade', async () => {
    await expectRefused(
      () =>
        Assignment.updateOne(
          { _id: assignmentId, 'submissions.studentId': studentA },
          { $set: { 'submissions.$.grade': 9 } },
        ),
      /positional update "submissions\.\$\.grade"/,
      /updateArrayElement\(\)/,
    );
  });

  it('$pull with a document condition, as mongoose sends for subdocs.pull() and save()', async () => {
    await expectRefused(
      () => Assignment.updateOne({ _id: assignmentId }, { $pull: { submissions: { studentId: studentB } } }),
      /\$pull with a document condition on "submissions"/,
      /removeArrayElements\(\)/,
    );
    await expectRefused(
      async () => {
        const doc = await Assignment.findById(assignmentId);
        (doc!.submissions as mongoose.Types.DocumentArray<Submission>).pull(doc!.submissions[1]!._id);
        await doc!.save();
      },
      /\$pull with a document condition.*from editing "submissions" and saving/,
      /removeArrayElements\(\)/,
    );
  });

  it('$push with $slice', async () => {
    await expectRefused(
      () =>
        Assignment.updateOne({ _id: assignmentId }, { $push: { tags: { $each: ['a', 'b'], $slice: -1 } } }),
      /\$push with \$slice on "tags"/,
      /optimistic concurrency/,
    );
  });

  it.runIf(engineKind() === 'embedded')(
    'why: unguarded, the embedded engine acknowledges each and changes nothing',
    async () => {
      const raw = handle.db.collection<{
        _id: mongoose.Types.ObjectId;
        tags: string[];
        subs: { s: number; g: number }[];
      }>('unguarded');
      const id = new mongoose.Types.ObjectId();
      await raw.insertOne({
        _id: id,
        tags: ['a'],
        subs: [
          { s: 1, g: 0 },
          { s: 2, g: 0 },
        ],
      });

      const positional = await raw.updateOne({ _id: id, 'subs.s': 1 }, { $set: { 'subs.$.g': 9 } });
      const pull = await raw.updateOne({ _id: id }, { $pull: { subs: { s: 2 } } });
      const slice = await raw.updateOne({ _id: id }, { $push: { tags: { $each: ['b', 'c'], $slice: -1 } } });
      expect([positional.acknowledged, pull.acknowledged, slice.acknowledged]).toEqual([true, true, true]);

      const after = await raw.findOne({ _id: id });
      expect(after?.subs).toEqual([
        { s: 1, g: 0 },
        { s: 2, g: 0 },
      ]); // no grade saved, nothing removed
      expect(after?.tags).not.toEqual(['c']); // the slice was not applied
    },
  );
});

describe('the other exclusions are refused with the alternative', () => {
  const cases: Array<[string, () => Promise<unknown>, RegExp, RegExp]> = [
    [
      '$[] paths',
      () => Assignment.updateMany({}, { $set: { 'submissions.$[].status': 'graded' } }),
      /all-positional update "submissions\.\$\[\]\.status"/,
      /updateArrayElement/,
    ],
    [
      '$[name] paths with arrayFilters',
      () =>
        Assignment.updateOne(
          { _id: assignmentId },
          { $set: { 'submissions.$[s].grade': 1 } },
          { arrayFilters: [{ 's.studentId': studentA }] },
        ),
      /arrayFilters|\$\[s\]/,
      /updateArrayElement/,
    ],
    [
      '$pullAll of documents',
      () =>
        Assignment.updateOne({ _id: assignmentId }, { $pullAll: { submissions: [{ studentId: studentA }] } }),
      /\$pullAll of documents on "submissions"/,
      /removeArrayElements/,
    ],
    [
      '$push with $sort',
      () => Assignment.updateOne({ _id: assignmentId }, { $push: { tags: { $each: ['z'], $sort: 1 } } }),
      /\$push with \$sort/,
      /optimistic concurrency/,
    ],
    [
      '$push with $position',
      () => Assignment.updateOne({ _id: assignmentId }, { $push: { tags: { $each: ['z'], $position: 0 } } }),
      /\$push with \$position/,
      /optimistic concurrency/,
    ],
    [
      'a pipeline update',
      () => Assignment.updateOne({ _id: assignmentId }, [{ $set: { title: 'x' } }], { updatePipeline: true }),
      /aggregation-pipeline update/,
      /plain update operators/,
    ],
    [
      '$lookup',
      () =>
        Assignment.aggregate([{ $lookup: { from: 'users', localField: 'x', foreignField: '_id', as: 'u' } }]),
      /\$lookup/,
      /populate\(\)/,
    ],
    [
      '$facet',
      () => Assignment.aggregate([{ $facet: { a: [{ $match: {} }] } }]),
      /stage \$facet/,
      /aggregate-in-service/,
    ],
    [
      '$avg in $group',
      () => Assignment.aggregate([{ $group: { _id: null, avg: { $avg: '$grade' } } }]),
      /accumulator \$avg/,
      /aggregate-in-service/,
    ],
    [
      'a computed expression in $project',
      () => Assignment.aggregate([{ $project: { n: { $size: '$submissions' } } }]),
      /expression \$size in \$project/,
      /aggregate-in-service/,
    ],
    [
      '$elemMatch with a field condition',
      () => Assignment.find({ submissions: { $elemMatch: { studentId: studentA, status: 'submitted' } } }),
      /\$elemMatch with a field condition on "submissions\.studentId"/,
      /dotted-path filter/,
    ],
    [
      '$where',
      () => Assignment.find({ $where: 'this.title.length > 1' }),
      /query operator \$where/,
      /supported query operators/,
    ],
    [
      'an update filtered on a path into a list of subdocuments',
      () => Assignment.updateMany({ 'submissions.studentId': studentA }, { $set: { title: 'x' } }),
      /updateMany filtered on "submissions.studentId" \(a path into the list "submissions"\)/,
      /find\(\) the matching _ids first/,
    ],
    [
      'a delete filtered on a path into a list of subdocuments',
      () => Assignment.deleteMany({ $or: [{ 'submissions.status': 'pending' }] }),
      /deleteMany filtered on "submissions.status"/,
      /update or delete by _id/,
    ],
    [
      'findOneAndUpdate with a projection',
      () =>
        Assignment.findOneAndUpdate(
          { _id: assignmentId },
          { $set: { title: 'x' } },
          { projection: { title: 1 } },
        ),
      /findOneAndUpdate with a projection/,
      /second, projected query/,
    ],
    [
      '$expr',
      () => Assignment.countDocuments({ $expr: { $gt: ['$a', '$b'] } }),
      /query operator \$expr/,
      /supported query operators/,
    ],
    [
      'bulkWrite with a positional update',
      () =>
        Assignment.bulkWrite([
          { updateOne: { filter: { _id: assignmentId }, update: { $set: { 'submissions.$.grade': 1 } } } },
        ]),
      /positional update/,
      /updateArrayElement/,
    ],
  ];
  for (const [name, run, operator, helper] of cases) {
    it(name, () => expectRefused(run, operator, helper));
  }

  it("a positional projection with two conditions on the elements' fields", async () => {
    const filter = { 'submissions.studentId': studentA, 'submissions.status': 'submitted' };
    const find = () => Assignment.find(filter, { title: 1, 'submissions.$': 1 }).lean();
    await expectRefused(find, /positional projection "submissions\.\$"/, /picking the element in code/);
    if (engineKind() === 'embedded') {
      // why: unguarded, the embedded engine fails the whole find
      const raw = handle.db.collection('assignments');
      const unguarded = raw.find(filter, { projection: { 'submissions.$': 1 } }).toArray();
      await expect(unguarded).rejects.toThrow(/positional operator/);
    }
  });
});

describe('raw driver calls through guardCollection', () => {
  it('refuses the same operations and lets supported ones through', async () => {
    const raw = guardCollection(
      handle.db.collection<Assignment & { _id: mongoose.Types.ObjectId }>('assignments'),
    );
    await expectRefused(
      () => raw.updateOne({ _id: assignmentId }, { $set: { 'submissions.$.grade': 1 } }),
      /positional update/,
      /updateArrayElement/,
    );
    await expectRefused(
      () => raw.updateOne({ _id: assignmentId }, { $pull: { submissions: { studentId: studentA } } }),
      /\$pull with a document condition/,
      /removeArrayElements/,
    );
    await expectRefused(
      () => raw.aggregate([{ $lookup: { from: 'x', as: 'y' } }]).toArray(),
      /\$lookup/,
      /populate/,
    );
    await expectRefused(() => raw.find({ $where: '1' }).toArray(), /\$where/, /supported query operators/);

    const ok = await raw.updateOne({ _id: assignmentId }, { $addToSet: { tags: 'fractions' } });
    expect(ok.modifiedCount).toBe(1);
    expect((await stored()).tags).toEqual(['maths', 'fractions']);
  });
});

describe('normal use passes the guard', () => {
  it('a positional projection returns the element the filter names', async () => {
    const found = await Assignment.find({ _id: assignmentId, tags: 'maths' }, { 'tags.$': 1 }).lean();
    expect(found.map((a) => a.tags)).toEqual([['maths']]);
    // a student's own hand-in: one equality on a field of the elements (the embedded engine trims the others)
    const own = await Assignment.find(
      { _id: assignmentId, 'submissions.studentId': studentB },
      { title: 1, 'submissions.$': 1 },
    ).lean();
    expect(own.map((a) => [a.title, a.submissions.map((s) => [String(s.studentId), s.status])])).toEqual([
      ['Fractions', [[String(studentB), 'pending']]],
    ]);
  });

  it('scalar $pull, $push of new subdocuments, a filtered-array save and numeric-index $set are allowed', async () => {
    const doc = await Assignment.findById(assignmentId);
    (doc!.tags as mongoose.Types.Array<string>).pull('fractions'); // scalar: $pullAll of strings
    doc!.submissions.push({
      _id: new mongoose.Types.ObjectId(),
      studentId: new mongoose.Types.ObjectId(),
      status: 'pending',
    });
    await doc!.save();
    let now = await stored();
    expect(now.tags).toEqual(['maths']);
    expect(now.submissions).toHaveLength(3);

    const again = await Assignment.findById(assignmentId);
    again!.set(
      'submissions',
      again!.submissions.filter((s) => s.status !== 'pending'),
    );
    await again!.save();
    await Assignment.updateOne({ _id: assignmentId }, { $set: { 'submissions.0.grade': 8 } });
    now = await stored();
    expect(now.submissions.map((s) => [String(s.studentId), s.grade])).toEqual([[String(studentA), 8]]);
  });
});
