/**
 * The mongoose features and commands the app relies on, on the real engine: populate, subdocument edits,
 * optimistic concurrency, hidden fields, unique indexes, index sync, GridFS and the database-level commands.
 * Every write is read back.
 */
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { subsetGuardPlugin } from '../../../electron/core/db/subset-plugin';
import { ObjectId, openTestDb, useTestDb } from '../../support/test-db';

interface Person {
  name: string;
  email: string;
  password: string;
}
interface SchoolClass {
  name: string;
  teacher: ObjectId;
  students: ObjectId[];
}
interface Submission {
  _id: ObjectId;
  studentId: ObjectId;
  status: string;
  grade?: number;
}
interface Assignment {
  title: string;
  submissions: Submission[];
}
interface Slot {
  classId: ObjectId;
  weekday: string;
  period: number;
  subject: string;
}

const handle = useTestDb('mongoose');
let Person: mongoose.Model<Person>;
let SchoolClass: mongoose.Model<SchoolClass>;
let Assignment: mongoose.Model<Assignment>;
let Slot: mongoose.Model<Slot>;

function guarded<T>(schema: mongoose.Schema<T>): mongoose.Schema<T> {
  schema.plugin(subsetGuardPlugin);
  return schema;
}

beforeAll(async () => {
  Person = handle.db.model<Person>(
    'Person',
    guarded(
      new mongoose.Schema<Person>({
        name: { type: String, required: true },
        email: { type: String, required: true, unique: true },
        password: { type: String, select: false },
      }),
    ),
  );
  SchoolClass = handle.db.model<SchoolClass>(
    'SchoolClass',
    guarded(
      new mongoose.Schema<SchoolClass>({
        name: String,
        teacher: { type: mongoose.Schema.Types.ObjectId, ref: 'Person' },
        students: [{ type: mongoose.Schema.Types.ObjectId, ref: 'Person' }],
      }),
    ),
  );
  Assignment = handle.db.model<Assignment>(
    'Assignment',
    guarded(
      new mongoose.Schema<Assignment>(
        {
          title: String,
          submissions: [{ studentId: mongoose.Schema.Types.ObjectId, status: String, grade: Number }],
        },
        { optimisticConcurrency: true },
      ),
    ),
  );
  const slotSchema = guarded(
    new mongoose.Schema<Slot>({
      classId: { type: mongoose.Schema.Types.ObjectId, required: true },
      weekday: { type: String, required: true },
      period: { type: Number, required: true },
      subject: String,
    }),
  );
  slotSchema.index({ classId: 1, weekday: 1, period: 1 }, { unique: true });
  Slot = handle.db.model<Slot>('Slot', slotSchema);
  await Promise.all([Person.init(), Slot.init()]);
});

function nativeDb(connection: mongoose.Connection): mongoose.mongo.Db {
  const db = connection.db;
  if (!db) throw new Error('connection is not open');
  return db;
}

async function storedAssignment(id: ObjectId): Promise<Assignment> {
  const doc = await Assignment.collection.findOne({ _id: id });
  if (!doc) throw new Error('assignment is not stored');
  return doc as unknown as Assignment;
}

async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => undefined,
    (err: unknown) => err,
  );
}

describe('populate', () => {
  it('a single ref and an array of refs (in the array order)', async () => {
    const [teacher, s1, s2, s3] = await Person.create([
      { name: 'Ms Kay', email: 'kay@school.test' },
      { name: 'Zed', email: 'zed@school.test' },
      { name: 'Amy', email: 'amy@school.test' },
      { name: 'Lou', email: 'lou@school.test' },
    ]);
    if (!teacher || !s1 || !s2 || !s3) throw new Error('people not created');
    const created = await SchoolClass.create({
      name: '7B',
      teacher: teacher._id,
      students: [s1._id, s2._id, s3._id],
    });

    const loaded = await SchoolClass.findById(created._id)
      .populate<{ teacher: Person; students: Person[] }>([
        { path: 'teacher', select: 'name email' },
        { path: 'students', select: 'name' },
      ])
      .lean()
      .orFail();
    expect(loaded.teacher).toMatchObject({ name: 'Ms Kay', email: 'kay@school.test' });
    expect(loaded.teacher).not.toHaveProperty('password');
    expect(loaded.students.map((s) => s.name)).toEqual(['Zed', 'Amy', 'Lou']);

    // A dangling ref populates to nothing, not to an error.
    await SchoolClass.updateOne({ _id: created._id }, { $push: { students: new ObjectId() } });
    const again = await SchoolClass.findById(created._id)
      .populate<{ students: Person[] }>('students')
      .lean()
      .orFail();
    expect(again.students.map((s) => s.name)).toEqual(['Zed', 'Amy', 'Lou']);
  });
});

describe('subdocuments', () => {
  const students = [new ObjectId(), new ObjectId(), new ObjectId()];

  async function createAssignment(title: string): Promise<ObjectId> {
    const doc = await Assignment.create({
      title,
      submissions: students.map((studentId) => ({ studentId, status: 'submitted' })),
    });
    return doc._id;
  }

  it('editing a subdocument and save() stores the change on that element only', async () => {
    const id = await createAssignment('edit-sub');
    const doc = await Assignment.findById(id).orFail();
    const target = doc.submissions.find((s) => String(s.studentId) === String(students[1]));
    if (!target) throw new Error('submission not found');
    target.status = 'graded';
    target.grade = 88;
    await doc.save();

    const stored = await storedAssignment(id);
    expect(stored.submissions.map((s) => [String(s.studentId), s.status, s.grade])).toEqual([
      [String(students[0]), 'submitted', undefined],
      [String(students[1]), 'graded', 88],
      [String(students[2]), 'submitted', undefined],
    ]);
  });

  it('assigning a filtered array and save() really removes the elements', async () => {
    const id = await createAssignment('filter-sub');
    const doc = await Assignment.findById(id).orFail();
    doc.submissions = doc.submissions.filter((s) => String(s.studentId) !== String(students[0]));
    await doc.save();

    const stored = await storedAssignment(id);
    expect(stored.submissions.map((s) => String(s.studentId))).toEqual(
      [students[1], students[2]].map(String),
    );
    expect(await Assignment.countDocuments({ _id: id, 'submissions.studentId': students[0] })).toBe(0);
    expect(await Assignment.countDocuments({ _id: id, 'submissions.studentId': students[1] })).toBe(1);
  });

  it('optimisticConcurrency: the second of two concurrent saves fails with a VersionError', async () => {
    const id = await createAssignment('race');
    const first = await Assignment.findById(id).orFail();
    const second = await Assignment.findById(id).orFail();

    first.title = 'renamed by the first';
    await first.save();
    second.submissions = second.submissions.slice(1);
    const error = await rejection(() => second.save());
    expect(error).toBeInstanceOf(mongoose.Error.VersionError);

    const stored = await storedAssignment(id);
    expect(stored.title).toBe('renamed by the first');
    expect(stored.submissions).toHaveLength(3);
    expect((stored as unknown as { __v: number }).__v).toBe(1);
  });

  it('optimisticConcurrency: of two saves sent at the same time, exactly one fails', async () => {
    for (let round = 0; round < 5; round += 1) {
      const id = await createAssignment(`simultaneous-${round}`);
      const [first, second] = await Promise.all([
        Assignment.findById(id).orFail(),
        Assignment.findById(id).orFail(),
      ]);
      first.title = 'renamed';
      second.submissions = second.submissions.slice(1);
      const outcomes = await Promise.allSettled([first.save(), second.save()]);

      const failed = outcomes.filter((o) => o.status === 'rejected');
      expect(failed).toHaveLength(1);
      expect((failed[0] as PromiseRejectedResult).reason).toBeInstanceOf(mongoose.Error.VersionError);
      const stored = await storedAssignment(id);
      // Whichever won, its change is whole and the loser's is absent.
      const titleWon = stored.title === 'renamed';
      expect(stored.submissions).toHaveLength(titleWon ? 3 : 2);
      expect(outcomes[titleWon ? 0 : 1]?.status).toBe('fulfilled');
    }
  });
});

describe('fields and indexes', () => {
  it('select: false hides a field unless it is asked for with +field', async () => {
    const created = await Person.create({
      name: 'Hidden',
      email: 'hidden@school.test',
      password: 'hash-123',
    });
    const plain = await Person.findById(created._id).lean().orFail();
    expect(plain).not.toHaveProperty('password');
    expect(plain.name).toBe('Hidden');

    const withPassword = await Person.findById(created._id).select('+password').lean().orFail();
    expect(withPassword.password).toBe('hash-123');

    const many = await Person.find({ email: 'hidden@school.test' }).lean();
    expect(many[0]).not.toHaveProperty('password');
    expect(await Person.collection.findOne({ _id: created._id })).toMatchObject({ password: 'hash-123' });
  });

  it('a unique index refuses a duplicate with E11000 (code 11000)', async () => {
    await Person.create({ name: 'One', email: 'same@school.test' });
    const error = await rejection(() => Person.create({ name: 'Two', email: 'same@school.test' }));
    expect(error).toMatchObject({ code: 11000 });
    expect(String((error as Error).message)).toMatch(/E11000/);
    const stored = await Person.find({ email: 'same@school.test' }).lean();
    expect(stored.map((p) => p.name)).toEqual(['One']);
  });

  it('a compound unique index refuses only the same combination', async () => {
    const classId = new ObjectId();
    await Slot.create({ classId, weekday: 'Monday', period: 1, subject: 'maths' });
    await Slot.create({ classId, weekday: 'Monday', period: 2, subject: 'art' });
    await Slot.create({ classId, weekday: 'Tuesday', period: 1, subject: 'art' });
    await Slot.create({ classId: new ObjectId(), weekday: 'Monday', period: 1, subject: 'music' });

    const error = await rejection(() =>
      Slot.create({ classId, weekday: 'Monday', period: 1, subject: 'history' }),
    );
    expect(error).toMatchObject({ code: 11000 });
    const stored = await Slot.find({ classId }).sort({ weekday: 1, period: 1 }).lean();
    expect(stored.map((s) => `${s.weekday}:${s.period}:${s.subject}`)).toEqual([
      'Monday:1:maths',
      'Monday:2:art',
      'Tuesday:1:art',
    ]);
  });

  it('syncIndexes creates the schema indexes, drops others, and listIndexes shows them', async () => {
    await Slot.collection.createIndex({ subject: 1 }, { name: 'subject_1' });
    expect((await Slot.listIndexes()).map((i: { name: string }) => i.name)).toContain('subject_1');

    const dropped = await Slot.syncIndexes();
    expect(dropped).toEqual(['subject_1']);

    const indexes = (await Slot.listIndexes()) as Array<{
      name: string;
      key: Record<string, number>;
      unique?: boolean;
    }>;
    expect(indexes.map((i) => i.name).sort()).toEqual(['_id_', 'classId_1_weekday_1_period_1']);
    const compound = indexes.find((i) => i.name === 'classId_1_weekday_1_period_1');
    expect(compound?.key).toEqual({ classId: 1, weekday: 1, period: 1 });
    expect(compound?.unique).toBe(true);

    await Person.syncIndexes();
    const personIndexes = (await Person.listIndexes()) as Array<{ name: string; unique?: boolean }>;
    expect(personIndexes.find((i) => i.name === 'email_1')?.unique).toBe(true);
  });
});

describe('GridFS and database commands', () => {
  it('GridFS: uploads 1 MB, downloads the same bytes, deletes it', async () => {
    const bucket = new mongoose.mongo.GridFSBucket(nativeDb(handle.db), { bucketName: 'attachments' });
    const bytes = randomBytes(1024 * 1024);
    const upload = bucket.openUploadStream('voice-note.ogg', { metadata: { owner: 'conformance' } });
    await new Promise<void>((resolve, reject) => {
      upload.once('finish', () => resolve());
      upload.once('error', reject);
      upload.end(bytes);
    });
    const id = upload.id;

    const [file] = await bucket.find({ _id: id }).toArray();
    expect(file).toMatchObject({
      filename: 'voice-note.ogg',
      length: bytes.length,
      metadata: { owner: 'conformance' },
    });

    const chunks: Buffer[] = [];
    for await (const chunk of bucket.openDownloadStream(id)) chunks.push(chunk as Buffer);
    const downloaded = Buffer.concat(chunks);
    expect(downloaded.length).toBe(bytes.length);
    expect(downloaded.equals(bytes)).toBe(true);

    await bucket.delete(id);
    expect(await bucket.find({ _id: id }).toArray()).toEqual([]);
    expect(await nativeDb(handle.db).collection('attachments.chunks').countDocuments({ files_id: id })).toBe(
      0,
    );
  });

  it('listDatabases contains the test database; dbStats returns its sizes', async () => {
    const admin = nativeDb(handle.db).admin();
    const { databases } = await admin.listDatabases();
    expect(databases.map((d) => d.name)).toContain(handle.db.name);

    const stats = await nativeDb(handle.db).stats();
    expect(stats.db).toBe(handle.db.name);
    expect(stats.collections).toBeGreaterThanOrEqual(4);
    expect(stats.objects).toBeGreaterThan(0);
    for (const size of ['dataSize', 'storageSize', 'indexSize'] as const) {
      expect(typeof stats[size]).toBe('number');
      expect(stats[size]).toBeGreaterThan(0);
    }
  });

  it('dropDatabase removes the database from listDatabases', async () => {
    const other = await openTestDb('dropped');
    try {
      await nativeDb(other.db).collection('things').insertOne({ a: 1 });
      const admin = nativeDb(other.db).admin();
      expect((await admin.listDatabases()).databases.map((d) => d.name)).toContain(other.db.name);

      await other.db.dropDatabase();
      expect((await admin.listDatabases()).databases.map((d) => d.name)).not.toContain(other.db.name);
    } finally {
      await other.drop();
    }
  });
});
