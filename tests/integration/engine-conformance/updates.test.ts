/**
 * The update shapes of the supported subset, each checked on what the engine reports and on the document read
 * back afterwards (raw, through the driver, so mongoose's defaults cannot hide a missing write).
 */
import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { subsetGuardPlugin } from '../../../electron/core/db/subset-plugin';
import { ObjectId, useTestDb } from '../../support/test-db';

interface Submission {
  _id: ObjectId;
  studentId: ObjectId;
  status: string;
  grade?: number;
}
interface Pupil {
  name: string;
  points?: number;
  best?: number;
  worst?: number;
  firstSeen?: Date;
  note?: string;
  comment?: string;
  seenAt?: Date;
  tags: string[];
  classIds: ObjectId[];
  submissions: Submission[];
}
interface Entry {
  code: string;
  qty: number;
  label?: string;
}

const handle = useTestDb('updates');
let Pupil: mongoose.Model<Pupil>;
let Entry: mongoose.Model<Entry>;

beforeAll(async () => {
  const pupilSchema = new mongoose.Schema<Pupil>({
    name: { type: String, required: true },
    points: Number,
    best: Number,
    worst: Number,
    firstSeen: Date,
    note: String,
    comment: String,
    seenAt: Date,
    tags: [String],
    classIds: [mongoose.Schema.Types.ObjectId],
    submissions: [{ studentId: mongoose.Schema.Types.ObjectId, status: String, grade: Number }],
  });
  pupilSchema.plugin(subsetGuardPlugin);
  Pupil = handle.db.model<Pupil>('Pupil', pupilSchema);

  const entrySchema = new mongoose.Schema<Entry>({
    code: { type: String, required: true, unique: true },
    qty: { type: Number, required: true },
    label: String,
  });
  entrySchema.plugin(subsetGuardPlugin);
  Entry = handle.db.model<Entry>('Entry', entrySchema);
  await Entry.init();
});

/** The document as stored, read through the driver. */
async function stored(id: ObjectId): Promise<Record<string, unknown>> {
  const doc = await Pupil.collection.findOne({ _id: id });
  if (!doc) throw new Error(`pupil ${String(id)} is not stored`);
  return doc;
}

async function createPupil(fields: Partial<Pupil> & { name: string }): Promise<ObjectId> {
  return (await Pupil.create(fields))._id;
}

interface SentCommand {
  collection: string;
  method: string;
  args: unknown[];
}

/** What mongoose sends while `run` runs (mongoose's debug hook, switched off again afterwards). */
async function capture<T>(run: () => Promise<T>): Promise<{ result: T; sent: SentCommand[] }> {
  const sent: SentCommand[] = [];
  mongoose.set('debug', (collection: string, method: string, ...args: unknown[]) => {
    sent.push({ collection, method, args });
  });
  try {
    return { result: await run(), sent };
  } finally {
    mongoose.set('debug', false);
  }
}

/** The update document of the single updateOne mongoose sent. */
function sentUpdate(sent: SentCommand[]): Record<string, unknown> {
  const updates = sent.filter((c) => c.method === 'updateOne');
  expect(updates).toHaveLength(1);
  return updates[0]?.args[1] as Record<string, unknown>;
}

describe('field operators', () => {
  it('$set on fields, with updateOne and updateMany', async () => {
    const a = await createPupil({ name: 'set-a', points: 1 });
    const b = await createPupil({ name: 'set-b', points: 2 });
    const one = await Pupil.updateOne({ _id: a }, { $set: { note: 'hello', points: 10 } });
    expect(one).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await stored(a)).toMatchObject({ name: 'set-a', note: 'hello', points: 10 });

    const many = await Pupil.updateMany({ name: { $in: ['set-a', 'set-b'] } }, { $set: { comment: 'both' } });
    expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    expect(await stored(a)).toMatchObject({ comment: 'both', points: 10 });
    expect(await stored(b)).toMatchObject({ comment: 'both', points: 2 });
  });

  it('$set on a numeric index path (submissions.1.status) changes that element only', async () => {
    const s = [new ObjectId(), new ObjectId(), new ObjectId()];
    const id = await createPupil({
      name: 'index-path',
      submissions: s.map((studentId) => ({ _id: new ObjectId(), studentId, status: 'submitted' })),
    });
    const result = await Pupil.updateOne(
      { _id: id },
      { $set: { 'submissions.1.status': 'graded', 'submissions.1.grade': 75 } },
    );
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    const subs = (await stored(id)).submissions as Submission[];
    expect(subs.map((x) => [String(x.studentId), x.status, x.grade])).toEqual([
      [String(s[0]), 'submitted', undefined],
      [String(s[1]), 'graded', 75],
      [String(s[2]), 'submitted', undefined],
    ]);
  });

  it('$unset removes the field', async () => {
    const id = await createPupil({ name: 'unset', note: 'temporary', points: 3 });
    expect(await Pupil.updateOne({ _id: id }, { $unset: { note: 1 } })).toMatchObject({ modifiedCount: 1 });
    const doc = await stored(id);
    expect(doc).not.toHaveProperty('note');
    expect(doc.points).toBe(3);
  });

  it('$inc adds, subtracts and creates a missing field', async () => {
    const id = await createPupil({ name: 'inc', points: 10 });
    await Pupil.updateOne({ _id: id }, { $inc: { points: 5 } });
    expect((await stored(id)).points).toBe(15);
    await Pupil.updateOne({ _id: id }, { $inc: { points: -7, best: 2 } });
    expect(await stored(id)).toMatchObject({ points: 8, best: 2 });
  });

  it('concurrent $inc and $push on one document are all applied (each update is atomic)', async () => {
    const id = await createPupil({ name: 'concurrent', points: 0, tags: [] });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        Pupil.updateOne({ _id: id }, { $inc: { points: 1 }, $push: { tags: `t${i}` } }),
      ),
    );
    expect(results.every((r) => r.modifiedCount === 1)).toBe(true);
    const doc = await stored(id);
    expect(doc.points).toBe(10);
    expect([...(doc.tags as string[])].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `t${i}`).sort());
  });

  it('$rename moves the value to the new field', async () => {
    const id = await createPupil({ name: 'rename', note: 'moved' });
    expect(await Pupil.updateOne({ _id: id }, { $rename: { note: 'comment' } })).toMatchObject({
      modifiedCount: 1,
    });
    const doc = await stored(id);
    expect(doc).not.toHaveProperty('note');
    expect(doc.comment).toBe('moved');
  });

  it('$min and $max change the value only when it is lower / higher', async () => {
    const early = new Date('2025-01-10T00:00:00Z');
    const id = await createPupil({ name: 'min-max', worst: 50, best: 50, firstSeen: early });
    expect(await Pupil.updateOne({ _id: id }, { $min: { worst: 40 }, $max: { best: 70 } })).toMatchObject({
      modifiedCount: 1,
    });
    expect(await stored(id)).toMatchObject({ worst: 40, best: 70 });

    const unchanged = await Pupil.updateOne({ _id: id }, { $min: { worst: 45 }, $max: { best: 60 } });
    expect(unchanged).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    expect(await stored(id)).toMatchObject({ worst: 40, best: 70 });

    await Pupil.updateOne({ _id: id }, { $min: { firstSeen: new Date('2025-02-01T00:00:00Z') } });
    expect((await stored(id)).firstSeen).toEqual(early);
    await Pupil.updateOne({ _id: id }, { $min: { firstSeen: new Date('2024-12-31T00:00:00Z') } });
    expect((await stored(id)).firstSeen).toEqual(new Date('2024-12-31T00:00:00Z'));
  });

  it('$currentDate stores the server time as a date', async () => {
    const id = await createPupil({ name: 'current-date' });
    const before = Date.now();
    await Pupil.updateOne({ _id: id }, { $currentDate: { seenAt: true } });
    const seenAt = (await stored(id)).seenAt;
    expect(seenAt).toBeInstanceOf(Date);
    // The server's clock: allow for a little skew against the test's.
    expect(Math.abs((seenAt as Date).getTime() - before)).toBeLessThan(120_000);

    await Pupil.updateOne({ _id: id }, { $unset: { seenAt: 1 } });
    await Pupil.updateOne({ _id: id }, { $currentDate: { seenAt: { $type: 'date' } } });
    expect((await stored(id)).seenAt).toBeInstanceOf(Date);
  });
});

describe('array operators', () => {
  it('$pop 1 removes the last element, $pop -1 the first', async () => {
    const id = await createPupil({ name: 'pop', tags: ['a', 'b', 'c', 'd'] });
    await Pupil.updateOne({ _id: id }, { $pop: { tags: 1 } });
    expect((await stored(id)).tags).toEqual(['a', 'b', 'c']);
    await Pupil.updateOne({ _id: id }, { $pop: { tags: -1 } });
    expect((await stored(id)).tags).toEqual(['b', 'c']);
  });

  it('$push of one value, and with $each', async () => {
    const id = await createPupil({ name: 'push', tags: ['a'] });
    await Pupil.updateOne({ _id: id }, { $push: { tags: 'b' } });
    expect((await stored(id)).tags).toEqual(['a', 'b']);
    await Pupil.updateOne({ _id: id }, { $push: { tags: { $each: ['c', 'a'] } } });
    expect((await stored(id)).tags).toEqual(['a', 'b', 'c', 'a']);
  });

  it('arr.push() then save() sends $push with $each, and the elements are stored', async () => {
    const sub = new ObjectId();
    const id = await createPupil({ name: 'push-save', tags: ['a'] });
    const doc = await Pupil.findById(id).orFail();
    doc.tags.push('b', 'c');
    doc.submissions.push({ _id: new ObjectId(), studentId: sub, status: 'submitted' });
    const { sent } = await capture(() => doc.save());
    expect(sentUpdate(sent)).toMatchObject({
      $push: {
        tags: { $each: ['b', 'c'] },
        submissions: { $each: [expect.objectContaining({ studentId: sub })] },
      },
    });
    const after = await stored(id);
    expect(after.tags).toEqual(['a', 'b', 'c']);
    expect((after.submissions as Submission[]).map((s) => [String(s.studentId), s.status])).toEqual([
      [String(sub), 'submitted'],
    ]);
  });

  it('$addToSet with $each adds only what is missing', async () => {
    const id = await createPupil({ name: 'add-to-set', tags: ['a', 'b'] });
    await Pupil.updateOne({ _id: id }, { $addToSet: { tags: { $each: ['b', 'c', 'c', 'd'] } } });
    expect((await stored(id)).tags).toEqual(['a', 'b', 'c', 'd']);
    const again = await Pupil.updateOne({ _id: id }, { $addToSet: { tags: { $each: ['a', 'd'] } } });
    expect(again).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    await Pupil.updateOne({ _id: id }, { $addToSet: { tags: 'e' } });
    expect((await stored(id)).tags).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('$addToSet of ObjectIds, and arr.addToSet() then save()', async () => {
    const [x, y, z] = [new ObjectId(), new ObjectId(), new ObjectId()];
    const id = await createPupil({ name: 'add-to-set-ids', classIds: [x] });
    await Pupil.updateOne({ _id: id }, { $addToSet: { classIds: { $each: [x, y] } } });
    expect(((await stored(id)).classIds as ObjectId[]).map(String)).toEqual([x, y].map(String));

    const doc = await Pupil.findById(id).orFail();
    (doc.classIds as mongoose.Types.Array<ObjectId>).addToSet(y, z);
    const { sent } = await capture(() => doc.save());
    expect(sentUpdate(sent)).toHaveProperty('$addToSet');
    expect(((await stored(id)).classIds as ObjectId[]).map(String)).toEqual([x, y, z].map(String));
  });

  it('$pull of a scalar value: a string (every occurrence) and an ObjectId', async () => {
    const [x, y] = [new ObjectId(), new ObjectId()];
    const id = await createPupil({ name: 'pull', tags: ['a', 'b', 'a', 'c'], classIds: [x, y] });
    const result = await Pupil.updateOne({ _id: id }, { $pull: { tags: 'a', classIds: x } });
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    const doc = await stored(id);
    expect(doc.tags).toEqual(['b', 'c']);
    expect((doc.classIds as ObjectId[]).map(String)).toEqual([String(y)]);
  });

  it('$pullAll of scalars, sent directly', async () => {
    const [x, y, z] = [new ObjectId(), new ObjectId(), new ObjectId()];
    const id = await createPupil({ name: 'pull-all', tags: ['a', 'b', 'c', 'b'], classIds: [x, y, z] });
    await Pupil.updateOne({ _id: id }, { $pullAll: { tags: ['b', 'c'], classIds: [x, z] } });
    const doc = await stored(id);
    expect(doc.tags).toEqual(['a']);
    expect((doc.classIds as ObjectId[]).map(String)).toEqual([String(y)]);
  });

  it('arr.pull(scalar) then save() sends $pullAll, and the values are removed', async () => {
    const [x, y] = [new ObjectId(), new ObjectId()];
    const id = await createPupil({ name: 'pull-save', tags: ['a', 'b', 'c'], classIds: [x, y] });

    const doc = await Pupil.findById(id).orFail();
    (doc.tags as mongoose.Types.Array<string>).pull('b');
    const { sent: sentTags } = await capture(() => doc.save());
    expect(sentUpdate(sentTags)).toMatchObject({ $pullAll: { tags: ['b'] } });
    expect((await stored(id)).tags).toEqual(['a', 'c']);

    const again = await Pupil.findById(id).orFail();
    (again.classIds as mongoose.Types.Array<ObjectId>).pull(x);
    const { sent: sentIds } = await capture(() => again.save());
    const update = sentUpdate(sentIds);
    expect(update).toHaveProperty('$pullAll');
    expect(((update.$pullAll as { classIds: ObjectId[] }).classIds ?? []).map(String)).toEqual([String(x)]);
    expect(((await stored(id)).classIds as ObjectId[]).map(String)).toEqual([String(y)]);
  });
});

describe('upserts, findOneAndUpdate, bulkWrite, insertMany', () => {
  it('upsert with $setOnInsert inserts once and does not overwrite on the second upsert', async () => {
    const first = await Pupil.updateOne(
      { name: 'upserted' },
      { $set: { points: 1 }, $setOnInsert: { note: 'created' } },
      { upsert: true },
    );
    expect(first).toMatchObject({ matchedCount: 0, upsertedCount: 1 });
    const id = first.upsertedId as ObjectId;
    expect(await stored(id)).toMatchObject({ name: 'upserted', points: 1, note: 'created' });

    const second = await Pupil.updateOne(
      { name: 'upserted' },
      { $set: { points: 2 }, $setOnInsert: { note: 'overwritten' } },
      { upsert: true },
    );
    expect(second).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect(await stored(id)).toMatchObject({ name: 'upserted', points: 2, note: 'created' });
    expect(await Pupil.countDocuments({ name: 'upserted' })).toBe(1);
  });

  it('findOneAndUpdate returns the document after or before the update', async () => {
    const id = await createPupil({ name: 'find-one-and-update', points: 1 });
    const after = await Pupil.findOneAndUpdate(
      { _id: id },
      { $inc: { points: 1 }, $set: { note: 'after' } },
      { returnDocument: 'after' },
    ).lean();
    expect(after).toMatchObject({ points: 2, note: 'after' });

    const before = await Pupil.findOneAndUpdate(
      { _id: id },
      { $inc: { points: 1 }, $set: { note: 'before' } },
      { returnDocument: 'before' },
    ).lean();
    expect(before).toMatchObject({ points: 2, note: 'after' });
    expect(await stored(id)).toMatchObject({ points: 3, note: 'before' });

    const missing = await Pupil.findOneAndUpdate({ name: 'nobody' }, { $set: { points: 1 } }).lean();
    expect(missing).toBeNull();
  });

  it('findOneAndUpdate with upsert inserts and returns the new document', async () => {
    const doc = await Pupil.findOneAndUpdate(
      { name: 'fou-upsert' },
      { $setOnInsert: { points: 5 } },
      { upsert: true, returnDocument: 'after' },
    )
      .lean()
      .orFail();
    expect(doc).toMatchObject({ name: 'fou-upsert', points: 5 });
    expect(await stored(doc._id)).toMatchObject({ name: 'fou-upsert', points: 5 });
  });

  it('bulkWrite with insertOne, updateOne, updateMany, deleteOne and replaceOne mixed', async () => {
    await Entry.insertMany([
      { code: 'bw-1', qty: 1 },
      { code: 'bw-2', qty: 2 },
      { code: 'bw-3', qty: 3 },
      { code: 'bw-4', qty: 4 },
    ]);
    const result = await Entry.bulkWrite([
      { insertOne: { document: { code: 'bw-5', qty: 5 } } },
      { updateOne: { filter: { code: 'bw-1' }, update: { $inc: { qty: 10 } } } },
      { updateMany: { filter: { code: { $in: ['bw-2', 'bw-3'] } }, update: { $set: { label: 'many' } } } },
      { deleteOne: { filter: { code: 'bw-4' } } },
      { replaceOne: { filter: { code: 'bw-3' }, replacement: { code: 'bw-3', qty: 30 } } },
    ]);
    expect(result).toMatchObject({
      insertedCount: 1,
      matchedCount: 4,
      modifiedCount: 4,
      deletedCount: 1,
      upsertedCount: 0,
    });
    const rows = await Entry.collection
      .find({ code: /^bw-/ }, { projection: { _id: 0, code: 1, qty: 1, label: 1 } })
      .sort({ code: 1 })
      .toArray();
    expect(rows).toEqual([
      { code: 'bw-1', qty: 11 },
      { code: 'bw-2', qty: 2, label: 'many' },
      { code: 'bw-3', qty: 30 },
      { code: 'bw-5', qty: 5 },
    ]);
  });

  it('insertMany ordered stops at a duplicate key; what came before it is stored', async () => {
    const error = await Entry.insertMany(
      [
        { code: 'ord-a', qty: 1 },
        { code: 'ord-b', qty: 2 },
        { code: 'ord-a', qty: 3 },
        { code: 'ord-c', qty: 4 },
      ],
      { ordered: true },
    ).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toMatchObject({ code: 11000 });
    const rows = await Entry.find({ code: /^ord-/ }).sort({ code: 1 }).lean();
    expect(rows.map((r) => [r.code, r.qty])).toEqual([
      ['ord-a', 1],
      ['ord-b', 2],
    ]);
  });

  it('insertMany unordered skips the duplicate key and stores the rest', async () => {
    const error = await Entry.insertMany(
      [
        { code: 'unord-a', qty: 1 },
        { code: 'unord-b', qty: 2 },
        { code: 'unord-a', qty: 3 },
        { code: 'unord-c', qty: 4 },
      ],
      { ordered: false },
    ).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toMatchObject({ code: 11000 });
    const rows = await Entry.find({ code: /^unord-/ })
      .sort({ code: 1 })
      .lean();
    expect(rows.map((r) => [r.code, r.qty])).toEqual([
      ['unord-a', 1],
      ['unord-b', 2],
      ['unord-c', 4],
    ]);
  });
});
