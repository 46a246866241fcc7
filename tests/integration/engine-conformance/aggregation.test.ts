/**
 * The aggregation stages and accumulators of the supported subset, each checked on the exact documents the
 * engine returns. Everything richer is computed in the service (see helpers.test.ts).
 */
import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { subsetGuardPlugin } from '../../../electron/core/db/subset-plugin';
import { useTestDb } from '../../support/test-db';

interface Mark {
  student: string;
  subject: string;
  term: number;
  score?: number;
  tags?: string[];
}

const handle = useTestDb('aggregation');
let Mark: mongoose.Model<Mark>;

const marks: Mark[] = [
  { student: 'Ana', subject: 'maths', term: 1, score: 80, tags: ['hw', 'quiz'] },
  { student: 'Ana', subject: 'maths', term: 2, score: 90, tags: ['quiz'] },
  { student: 'Ben', subject: 'maths', term: 1, score: 70, tags: [] },
  { student: 'Ben', subject: 'art', term: 1, score: 60, tags: ['hw'] },
  { student: 'Cleo', subject: 'art', term: 2, tags: ['hw', 'project', 'quiz'] },
  { student: 'Cleo', subject: 'history', term: 2, score: 75 },
];

beforeAll(async () => {
  const schema = new mongoose.Schema<Mark>({
    student: String,
    subject: String,
    term: Number,
    score: Number,
    tags: { type: [String], default: undefined },
  });
  schema.plugin(subsetGuardPlugin);
  Mark = handle.db.model<Mark>('Mark', schema);
  await Mark.insertMany(marks);
});

type Row = Record<string, unknown>;

function run(pipeline: mongoose.PipelineStage[]): Promise<Row[]> {
  return Mark.aggregate<Row>(pipeline).exec();
}

/** Rows in a stable order, for stages whose output order is unspecified ($group). */
function byJson(rows: Row[]): Row[] {
  return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe('stages', () => {
  it('$match', async () => {
    const rows = await run([{ $match: { subject: 'maths', score: { $gte: 75 } } }]);
    expect(rows.map((r) => [r.student, r.term]).sort()).toEqual([
      ['Ana', 1],
      ['Ana', 2],
    ]);
    expect(
      await run([{ $match: { $or: [{ subject: 'history' }, { tags: 'project' }] } }, { $count: 'n' }]),
    ).toEqual([{ n: 2 }]);
  });

  it('$project: inclusion and exclusion', async () => {
    const included = await run([
      { $match: { student: 'Ben' } },
      { $project: { _id: 0, subject: 1, score: 1 } },
    ]);
    expect(byJson(included)).toEqual([
      { subject: 'art', score: 60 },
      { subject: 'maths', score: 70 },
    ]);

    const excluded = await run([
      { $match: { student: 'Cleo', subject: 'art' } },
      { $project: { _id: 0, __v: 0, tags: 0 } },
    ]);
    expect(excluded).toEqual([{ student: 'Cleo', subject: 'art', term: 2 }]);
  });

  it('$project: a field path under a new name is refused (the engine returns the string itself)', async () => {
    await expect(
      run([
        { $match: { student: 'Ana', term: 2 } },
        { $project: { _id: 0, who: '$student', points: '$score' } },
      ]),
    ).rejects.toThrow(
      /field reference "\$student" for "who" in \$project.*inclusion \(1\) or exclusion \(0\) only/,
    );
    // The supported way: include the fields and rename them in code.
    const rows = await run([
      { $match: { student: 'Ana', term: 2 } },
      { $project: { _id: 0, student: 1, score: 1 } },
    ]);
    expect(rows.map((r) => ({ who: r.student, points: r.score }))).toEqual([{ who: 'Ana', points: 90 }]);
  });

  it('$addFields and $set: a literal', async () => {
    const added = await run([
      { $match: { student: 'Ana', term: 1 } },
      { $addFields: { source: 'import', checked: true } },
      { $project: { _id: 0, student: 1, score: 1, source: 1, checked: 1 } },
    ]);
    expect(added).toEqual([{ student: 'Ana', score: 80, source: 'import', checked: true }]);

    const set = await run([
      { $match: { student: 'Ben', subject: 'art' } },
      { $set: { term: 9, note: 'moved' } },
      { $project: { _id: 0, subject: 1, term: 1, note: 1 } },
    ]);
    expect(set).toEqual([{ subject: 'art', term: 9, note: 'moved' }]);
  });

  it('$addFields and $set: a field path is refused', async () => {
    await expect(run([{ $addFields: { points: '$score' } }])).rejects.toThrow(
      /field reference "\$score" for "points" in \$addFields/,
    );
    await expect(run([{ $set: { course: '$subject' } }])).rejects.toThrow(
      /field reference "\$subject" for "course" in \$set/,
    );
  });

  it('$unset of one field and of several', async () => {
    const one = await run([{ $match: { student: 'Cleo', subject: 'art' } }, { $unset: 'tags' }]);
    expect(one).toHaveLength(1);
    expect(one[0]).not.toHaveProperty('tags');
    expect(one[0]).toMatchObject({ student: 'Cleo', subject: 'art', term: 2 });

    const several = await run([
      { $match: { student: 'Cleo', subject: 'art' } },
      { $unset: ['_id', '__v', 'tags', 'term'] },
    ]);
    expect(several).toEqual([{ student: 'Cleo', subject: 'art' }]);
  });

  it('$sort on several keys, $skip, $limit', async () => {
    const sorted = await run([{ $sort: { term: -1, student: 1, subject: 1 } }]);
    expect(sorted.map((r) => `${String(r.term)}:${String(r.student)}:${String(r.subject)}`)).toEqual([
      '2:Ana:maths',
      '2:Cleo:art',
      '2:Cleo:history',
      '1:Ana:maths',
      '1:Ben:art',
      '1:Ben:maths',
    ]);

    const page = await run([
      { $sort: { term: -1, student: 1, subject: 1 } },
      { $skip: 2 },
      { $limit: 3 },
      { $project: { _id: 0, student: 1, subject: 1 } },
    ]);
    expect(page).toEqual([
      { student: 'Cleo', subject: 'history' },
      { student: 'Ana', subject: 'maths' },
      { student: 'Ben', subject: 'art' },
    ]);
  });

  it('$count', async () => {
    expect(await run([{ $count: 'n' }])).toEqual([{ n: 6 }]);
    expect(await run([{ $match: { subject: 'art' } }, { $count: 'artMarks' }])).toEqual([{ artMarks: 2 }]);
    // No document, no row (not { n: 0 }).
    expect(await run([{ $match: { subject: 'music' } }, { $count: 'n' }])).toEqual([]);
  });

  it('$unwind not followed by a $group on the unwound path is refused (the engine drops the other fields)', async () => {
    await expect(
      run([
        { $match: { student: 'Ana', term: 1 } },
        { $unwind: '$tags' },
        { $project: { _id: 0, student: 1, tags: 1 } },
      ]),
    ).rejects.toThrow(/\$unwind "\$tags" not followed by a \$group on it/);
    await expect(run([{ $unwind: { path: '$tags', preserveNullAndEmptyArrays: true } }])).rejects.toThrow(
      /\$unwind with options/,
    );
  });
});

describe('$group', () => {
  it('_id as a field path, with $sum of 1', async () => {
    const rows = await run([{ $group: { _id: '$subject', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]);
    expect(rows).toEqual([
      { _id: 'art', n: 2 },
      { _id: 'history', n: 1 },
      { _id: 'maths', n: 3 },
    ]);
  });

  it('_id as a field path, with $sum of a field (missing values are ignored)', async () => {
    const rows = await run([
      { $group: { _id: '$subject', total: { $sum: '$score' } } },
      { $sort: { _id: 1 } },
    ]);
    expect(rows).toEqual([
      { _id: 'art', total: 60 },
      { _id: 'history', total: 75 },
      { _id: 'maths', total: 240 },
    ]);
  });

  it('the $count accumulator', async () => {
    const rows = await run([{ $group: { _id: '$student', marks: { $count: {} } } }]);
    expect(byJson(rows)).toEqual([
      { _id: 'Ana', marks: 2 },
      { _id: 'Ben', marks: 2 },
      { _id: 'Cleo', marks: 2 },
    ]);
  });

  it('_id as a document of field paths', async () => {
    const counts = await run([{ $group: { _id: { subject: '$subject', term: '$term' }, n: { $sum: 1 } } }]);
    expect(byJson(counts)).toEqual(
      byJson([
        { _id: { subject: 'art', term: 1 }, n: 1 },
        { _id: { subject: 'art', term: 2 }, n: 1 },
        { _id: { subject: 'history', term: 2 }, n: 1 },
        { _id: { subject: 'maths', term: 1 }, n: 2 },
        { _id: { subject: 'maths', term: 2 }, n: 1 },
      ]),
    );
    const totals = await run([
      { $match: { student: 'Ana' } },
      { $group: { _id: { student: '$student', subject: '$subject' }, total: { $sum: '$score' } } },
    ]);
    expect(totals).toEqual([{ _id: { student: 'Ana', subject: 'maths' }, total: 170 }]);
  });

  it('null _id: totals over everything matched', async () => {
    expect(await run([{ $group: { _id: null, n: { $sum: 1 } } }])).toEqual([{ _id: null, n: 6 }]);
    expect(await run([{ $group: { _id: null, total: { $sum: '$score' } } }])).toEqual([
      { _id: null, total: 375 },
    ]);
    expect(await run([{ $group: { _id: null, c: { $count: {} } } }])).toEqual([{ _id: null, c: 6 }]);
    const none = await run([{ $match: { subject: 'music' } }, { $group: { _id: null, n: { $sum: 1 } } }]);
    expect(none).toEqual([]);
  });

  it('several accumulators in one $group are refused (the engine computes only the first)', async () => {
    await expect(
      run([{ $group: { _id: '$subject', n: { $sum: 1 }, total: { $sum: '$score' }, c: { $count: {} } } }]),
    ).rejects.toThrow(/\$group with 3 accumulators \(n, total, c\).*one accumulator per \$group/);
    // One query per figure gives the right numbers.
    const counts = await run([{ $group: { _id: '$subject', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]);
    const totals = await run([
      { $group: { _id: '$subject', total: { $sum: '$score' } } },
      { $sort: { _id: 1 } },
    ]);
    expect(counts.map((r) => [r._id, r.n])).toEqual([
      ['art', 2],
      ['history', 1],
      ['maths', 3],
    ]);
    expect(totals.map((r) => [r._id, r.total])).toEqual([
      ['art', 60],
      ['history', 75],
      ['maths', 240],
    ]);
  });

  it('$group then $project of the _id fields is refused; the grouped _id is read in code', async () => {
    await expect(
      run([
        { $group: { _id: { subject: '$subject', term: '$term' }, n: { $sum: 1 } } },
        { $project: { _id: 0, subject: '$_id.subject', term: '$_id.term', n: 1 } },
      ]),
    ).rejects.toThrow(/field reference "\$_id.subject"/);
    const rows = await run([
      { $match: { subject: 'maths' } },
      { $group: { _id: { subject: '$subject', term: '$term' }, n: { $sum: 1 } } },
    ]);
    const flat = rows.map((r) => ({ ...(r._id as { subject: string; term: number }), n: r.n }));
    expect(byJson(flat)).toEqual([
      { subject: 'maths', term: 1, n: 2 },
      { subject: 'maths', term: 2, n: 1 },
    ]);
  });

  it('$unwind then $group: counts per array element', async () => {
    const rows = await run([
      { $unwind: '$tags' },
      { $group: { _id: '$tags', n: { $sum: 1 } } },
      { $sort: { n: -1, _id: 1 } },
    ]);
    expect(rows).toEqual([
      { _id: 'hw', n: 3 },
      { _id: 'quiz', n: 3 },
      { _id: 'project', n: 1 },
    ]);
  });

  it('$match, $group, $sort, $limit: the best subject by total', async () => {
    const rows = await run([
      { $match: { term: { $in: [1, 2] } } },
      { $group: { _id: '$subject', total: { $sum: '$score' } } },
      { $sort: { total: -1 } },
      { $limit: 1 },
    ]);
    expect(rows).toEqual([{ _id: 'maths', total: 240 }]);
  });
});
