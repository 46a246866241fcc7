/**
 * The helpers that replace the excluded operators, on the real engine: one element of an embedded array
 * changed by read-change-save (with a concurrent save in between), elements removed by assigning the filtered
 * array, and averages, min/max, distributions and per-day series computed from a projected query.
 */
import mongoose from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  average,
  distribution,
  minMax,
  numbersIn,
  perDaySeries,
  projected,
  valuesAt,
} from '../../../electron/core/db/aggregate-in-service';
import {
  mutateDocument,
  removeArrayElements,
  removeArrayElementsById,
  updateArrayElement,
} from '../../../electron/core/db/array-helpers';
import { subsetGuardPlugin } from '../../../electron/core/db/subset-plugin';
import { ObjectId, useTestDb } from '../../support/test-db';

interface Submission {
  _id: ObjectId;
  studentId: ObjectId;
  status: string;
  grade?: number;
  submittedAt?: Date;
}
interface Assignment {
  title: string;
  classId?: ObjectId;
  tags: string[];
  submissions: Submission[];
}
interface Note {
  text: string;
}

const handle = useTestDb('helpers');
let Assignment: mongoose.Model<Assignment>;
let Note: mongoose.Model<Note>;

const students = [new ObjectId(), new ObjectId(), new ObjectId()];
type WhichSubmission = ObjectId | ((s: Submission) => boolean);
/** The helper under test on one submission of the assignment `id`, found by id or predicate. */
const changeSubmission = (
  id: ObjectId,
  which: WhichSubmission,
  change: (element: Submission) => void | Promise<void>,
  options?: { maxAttempts?: number },
) => updateArrayElement<Assignment, Submission>(Assignment, id, 'submissions', which, change, options);
/** The change most tests make: the submission gets a new status. */
const setStatusOf = (id: ObjectId, which: WhichSubmission, status: string) =>
  changeSubmission(id, which, (element) => {
    element.status = status;
  });

beforeAll(() => {
  const schema = new mongoose.Schema<Assignment>(
    {
      title: String,
      classId: mongoose.Schema.Types.ObjectId,
      tags: [String],
      submissions: [
        { studentId: mongoose.Schema.Types.ObjectId, status: String, grade: Number, submittedAt: Date },
      ],
    },
    { optimisticConcurrency: true },
  );
  schema.plugin(subsetGuardPlugin);
  Assignment = handle.db.model<Assignment>('Assignment', schema);

  const noteSchema = new mongoose.Schema<Note>({ text: String });
  noteSchema.plugin(subsetGuardPlugin);
  Note = handle.db.model<Note>('Note', noteSchema);
});

async function createAssignment(title: string, tags: string[] = []): Promise<Assignment & { _id: ObjectId }> {
  const doc = await Assignment.create({
    title,
    tags,
    submissions: students.map((studentId) => ({ studentId, status: 'submitted' })),
  });
  return doc.toObject();
}

async function stored(id: ObjectId): Promise<Assignment & { __v: number }> {
  const doc = await Assignment.collection.findOne({ _id: id });
  if (!doc) throw new Error('assignment is not stored');
  return doc as unknown as Assignment & { __v: number };
}

/** [studentId, status, grade] of each stored submission, in order. */
async function storedSubmissions(id: ObjectId): Promise<Array<[string, string, number | undefined]>> {
  return (await stored(id)).submissions.map((s) => [String(s.studentId), s.status, s.grade]);
}

/** What storedSubmissions reads when students[0], [1], … are in order, each with its status and grade. */
function inOrder(
  ...rows: Array<[status: string, grade?: number]>
): Array<[string, string, number | undefined]> {
  return rows.map(([status, grade], i) => [String(students[i]), status, grade]);
}

describe('updateArrayElement', () => {
  it('changes the element found by its _id, and only that one', async () => {
    const created = await createAssignment('by-id');
    const target = created.submissions[1];
    if (!target) throw new Error('no submission');

    const updated = await changeSubmission(created._id, target._id, (element) => {
      element.status = 'graded';
      element.grade = 91;
    });
    expect(updated).toMatchObject({ status: 'graded', grade: 91 });
    expect(String(updated?._id)).toBe(String(target._id));
    expect(await storedSubmissions(created._id)).toEqual(
      inOrder(['submitted'], ['graded', 91], ['submitted']),
    );
  });

  it('changes the element found by a predicate', async () => {
    const created = await createAssignment('by-predicate');
    await setStatusOf(created._id, (s) => String(s.studentId) === String(students[2]), 'late');
    expect(await storedSubmissions(created._id)).toEqual(inOrder(['submitted'], ['submitted'], ['late']));
  });

  it('returns null and saves nothing when the element or the document is missing', async () => {
    const created = await createAssignment('missing');
    const before = await stored(created._id);
    const noElement = await setStatusOf(created._id, new ObjectId(), 'graded');
    expect(noElement).toBeNull();
    expect(await stored(created._id)).toEqual(before);

    const noDocument = await updateArrayElement(
      Assignment,
      new ObjectId(),
      'submissions',
      new ObjectId(),
      () => {
        throw new Error('not called');
      },
    );
    expect(noDocument).toBeNull();
  });

  it('retries after a concurrent save, and both changes survive', async () => {
    const created = await createAssignment('concurrent');
    const target = created.submissions[0];
    if (!target) throw new Error('no submission');
    let attempts = 0;

    const updated = await changeSubmission(created._id, target._id, async (element) => {
      attempts += 1;
      if (attempts === 1) {
        // Someone else saves between the helper's read and its save.
        const other = await Assignment.findById(created._id).orFail();
        other.title = 'renamed meanwhile';
        const theirs = other.submissions.find((s) => String(s.studentId) === String(students[1]));
        if (theirs) theirs.status = 'late';
        await other.save();
      }
      element.status = 'graded';
      element.grade = 77;
    });

    expect(attempts).toBe(2);
    expect(updated).toMatchObject({ status: 'graded', grade: 77 });
    const after = await stored(created._id);
    expect(after.title).toBe('renamed meanwhile');
    expect(after.__v).toBe(2);
    expect(await storedSubmissions(created._id)).toEqual(inOrder(['graded', 77], ['late'], ['submitted']));
  });

  it('two calls at the same time on different elements: both changes survive', async () => {
    for (let round = 0; round < 5; round += 1) {
      const created = await createAssignment(`simultaneous-${round}`);
      const [a, b] = created.submissions;
      if (!a || !b) throw new Error('no submissions');
      await Promise.all([setStatusOf(created._id, a._id, 'graded'), setStatusOf(created._id, b._id, 'late')]);
      expect(await storedSubmissions(created._id)).toEqual(inOrder(['graded'], ['late'], ['submitted']));
    }
  });

  it('passes the VersionError on after maxAttempts', async () => {
    const created = await createAssignment('always-raced');
    const target = created.submissions[0];
    if (!target) throw new Error('no submission');
    let attempts = 0;

    const result = changeSubmission(
      created._id,
      target._id,
      async (element) => {
        attempts += 1;
        const other = await Assignment.findById(created._id).orFail();
        other.title = `raced ${attempts}`;
        await other.save();
        element.status = 'graded';
      },
      { maxAttempts: 2 },
    );

    await expect(result).rejects.toBeInstanceOf(mongoose.Error.VersionError);
    expect(attempts).toBe(2);
    const after = await stored(created._id);
    expect(after.title).toBe('raced 2');
    expect(after.submissions[0]?.status).toBe('submitted');
  });
});

describe('removeArrayElements and removeArrayElementsById', () => {
  it('removeArrayElements then save() removes the subdocuments on the engine', async () => {
    const created = await createAssignment('remove', ['a', 'b', 'a']);
    const doc = await Assignment.findById(created._id).orFail();
    const removed = removeArrayElements<Submission>(
      doc,
      'submissions',
      (s) => String(s.studentId) !== String(students[1]),
    );
    expect(removed).toBe(2);
    expect(removeArrayElements<string>(doc, 'tags', (t) => t === 'a')).toBe(2);
    await doc.save();

    const after = await stored(created._id);
    expect(after.submissions.map((s) => String(s.studentId))).toEqual([String(students[1])]);
    expect(after.tags).toEqual(['b']);
  });

  it('removeArrayElementsById removes by subdocument _id and saves', async () => {
    const created = await createAssignment('remove-by-id');
    const target = created.submissions[2];
    if (!target) throw new Error('no submission');

    expect(await removeArrayElementsById(Assignment, created._id, 'submissions', target._id)).toBe(1);
    expect(await storedSubmissions(created._id)).toEqual(inOrder(['submitted'], ['submitted']));
    expect(await Assignment.countDocuments({ _id: created._id, 'submissions._id': target._id })).toBe(0);

    // Nothing left to remove: 0, and no save (the version stays).
    const version = (await stored(created._id)).__v;
    expect(await removeArrayElementsById(Assignment, created._id, 'submissions', target._id)).toBe(0);
    expect((await stored(created._id)).__v).toBe(version);
  });
});

describe('mutateDocument', () => {
  it('refuses a schema without optimisticConcurrency, before reading or saving anything', async () => {
    const note = await Note.create({ text: 'unchanged' });
    let called = false;
    await expect(
      mutateDocument(Note, note._id, (doc) => {
        called = true;
        doc.text = 'changed';
      }),
    ).rejects.toThrow(/Note: its schema needs \{ optimisticConcurrency: true \}/);
    expect(called).toBe(false);
    expect((await Note.findById(note._id).lean().orFail()).text).toBe('unchanged');
  });

  it('saves what change() did, and saves nothing when change() returns false', async () => {
    const created = await createAssignment('mutate');
    const saved = await mutateDocument(Assignment, created._id, (doc) => {
      doc.title = 'mutated';
    });
    expect(saved?.title).toBe('mutated');
    expect((await stored(created._id)).title).toBe('mutated');

    const skipped = await mutateDocument(Assignment, created._id, (doc) => {
      doc.title = 'not saved';
      return false;
    });
    expect(skipped).toBeNull();
    expect((await stored(created._id)).title).toBe('mutated');
  });
});

describe('aggregate-in-service on stored data', () => {
  const classX = new ObjectId();
  const classY = new ObjectId();
  const at = (day: number, hour = 10, minute = 0): Date => new Date(Date.UTC(2025, 2, day, hour, minute));

  beforeAll(async () => {
    const sub = (
      grade: number | undefined,
      submittedAt: Date,
      status = 'graded',
    ): Omit<Submission, '_id'> => ({
      studentId: new ObjectId(),
      status,
      grade,
      submittedAt,
    });
    await Assignment.insertMany([
      {
        title: 'X1',
        classId: classX,
        submissions: [sub(90, at(1)), sub(75, at(1, 15)), sub(undefined, at(2), 'submitted')],
      },
      {
        title: 'X2',
        classId: classX,
        submissions: [sub(60, at(3)), sub(82, at(3, 23, 30)), sub(100, at(5))],
      },
      { title: 'X3', classId: classX, submissions: [] },
      { title: 'Y1', classId: classY, submissions: [sub(10, at(2))] },
    ]);
  });

  async function classXDocs(): Promise<Record<string, unknown>[]> {
    return projected(Assignment, { classId: classX }, ['submissions.grade', 'submissions.submittedAt']);
  }

  it('projected fetches only the filtered documents and the asked paths', async () => {
    const docs = await classXDocs();
    expect(docs).toHaveLength(3);
    for (const doc of docs) {
      expect(Object.keys(doc).sort()).toEqual(['_id', 'submissions']);
      for (const s of doc.submissions as Array<Record<string, unknown>>) {
        expect(Object.keys(s).every((k) => k === 'grade' || k === 'submittedAt')).toBe(true);
      }
    }
  });

  it('valuesAt descends into the arrays; average and minMax give exact numbers', async () => {
    const grades = numbersIn(valuesAt(await classXDocs(), 'submissions.grade'));
    expect([...grades].sort((a, b) => a - b)).toEqual([60, 75, 82, 90, 100]);
    expect(average(grades)).toBe(81.4);
    expect(minMax(grades)).toEqual({ min: 60, max: 100 });

    const none = numbersIn(
      valuesAt(await projected(Assignment, { title: 'X3' }, ['submissions.grade']), 'submissions.grade'),
    );
    expect(average(none)).toBeNull();
    expect(minMax(none)).toBeNull();
  });

  it('distribution counts the grades per band (the last band includes its maximum)', async () => {
    const grades = numbersIn(valuesAt(await classXDocs(), 'submissions.grade'));
    const bands = distribution(grades, [
      { label: 'F', min: 0, max: 60 },
      { label: 'D', min: 60, max: 70 },
      { label: 'C', min: 70, max: 80 },
      { label: 'B', min: 80, max: 90 },
      { label: 'A', min: 90, max: 100 },
    ]);
    expect(bands.map((b) => [b.label, b.count])).toEqual([
      ['F', 0],
      ['D', 1],
      ['C', 1],
      ['B', 1],
      ['A', 2],
    ]);
  });

  it('perDaySeries counts per day, days without events included', async () => {
    const dates = valuesAt(await classXDocs(), 'submissions.submittedAt').filter(
      (d): d is Date => d instanceof Date,
    );
    expect(dates).toHaveLength(6);
    expect(perDaySeries(dates, at(1, 0), at(6, 0))).toEqual([
      { day: '2025-03-01', count: 2 },
      { day: '2025-03-02', count: 1 },
      { day: '2025-03-03', count: 2 },
      { day: '2025-03-04', count: 0 },
      { day: '2025-03-05', count: 1 },
      { day: '2025-03-06', count: 0 },
    ]);
    // In Berlin (UTC+1 in March) the submission at 23:30 UTC on the 3rd belongs to the 4th.
    expect(perDaySeries(dates, at(1, 0), at(5, 12), 'Europe/Berlin')).toEqual([
      { day: '2025-03-01', count: 2 },
      { day: '2025-03-02', count: 1 },
      { day: '2025-03-03', count: 1 },
      { day: '2025-03-04', count: 1 },
      { day: '2025-03-05', count: 1 },
    ]);
  });
});
