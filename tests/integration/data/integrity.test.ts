import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { mutateDocument } from '../../../electron/core/db/array-helpers';
import { conversationKeyOf } from '../../../electron/core/db/tenant';
import {
  addStudents,
  assignTeacher,
  createClass,
  deleteClass,
} from '../../../electron/core/services/classes';
import { createUser, deleteUser } from '../../../electron/core/services/users';
import { errorCode as code } from '../../support/services';
import {
  admin as actor,
  classWith,
  deps,
  lesson,
  models,
  other as otherActor,
  useInstitutions,
} from '../../support/fixture';

useInstitutions();

const handleCollection = () => models.User.db.collection<{ _id: string; n: number }>('counters');
let seq = 0;
const person = (role: 'teacher' | 'student', username = `${role} ${++seq}`, owner = actor) =>
  createUser(deps, owner, { role, username, password: 'Secret123', name: `Name ${username}` });

describe('usernames within an institution', () => {
  it('are unique case-insensitively and trimmed', async () => {
    const created = await person('teacher', '  Pratik sir ');
    expect(created.username).toBe('Pratik sir');
    await expect(
      createUser(deps, actor, { role: 'student', username: 'pratik SIR', password: 'Secret123', name: 'Q' }),
    ).rejects.toSatisfy(code('CONFLICT'));
  });

  it('refuse control characters and more than 64 characters', async () => {
    for (const username of ['tab\there', 'x'.repeat(65), '   ', 'line\u2028break']) {
      await expect(
        createUser(deps, actor, { role: 'student', username, password: 'Secret123', name: 'Q' }),
      ).rejects.toSatisfy(code('VALIDATION'));
    }
  });

  it('never return the password hash', async () => {
    const created = await person('student');
    expect(JSON.stringify(created)).not.toMatch(/password|\$2[aby]\$/);
    const stored = await models.User.findById(created.id).lean();
    expect(stored).not.toHaveProperty('password');
  });
});

describe('classes', () => {
  it('take as class teacher only an active teacher of this institution', async () => {
    const student = await person('student');
    await expect(
      createClass(deps, actor, { name: 'Class 1-A', grade: 1, section: 'A', teacherId: student.id }),
    ).rejects.toSatisfy(code('VALIDATION'));
    const foreignTeacher = await person('teacher', 'Foreign', otherActor);
    await expect(
      createClass(deps, actor, { name: 'Class 1-A', grade: 1, section: 'A', teacherId: foreignTeacher.id }),
    ).rejects.toSatisfy(code('NOT_FOUND'));
    const teacher = await person('teacher');
    const created = await createClass(deps, actor, {
      name: 'Class 1-A',
      grade: 1,
      section: 'a',
      teacherId: teacher.id,
    });
    expect(created).toMatchObject({ section: 'A', teacherId: teacher.id, studentIds: [] });
    await expect(createClass(deps, actor, { name: 'Again', grade: 1, section: 'A' })).rejects.toSatisfy(
      code('CONFLICT'),
    );
    const other = await person('teacher');
    expect((await assignTeacher(deps, actor, created.id, other.id)).teacherId).toBe(other.id);
  });

  it('enrol only students, never beyond capacity, each in one class', async () => {
    const cls = await createClass(deps, actor, { name: 'Class 2-B', grade: 2, section: 'B', maxStudents: 2 });
    const [s1, s2, s3] = [await person('student'), await person('student'), await person('student')];
    const teacher = await person('teacher');
    await expect(addStudents(deps, actor, cls.id, [teacher.id])).rejects.toSatisfy(code('VALIDATION'));
    await expect(addStudents(deps, actor, cls.id, [s1.id, s2.id, s3.id])).rejects.toSatisfy(code('CONFLICT'));
    expect((await models.Class.findById(cls.id).lean())?.students).toEqual([]);

    expect((await addStudents(deps, actor, cls.id, [s1.id, s2.id])).studentIds).toEqual([s1.id, s2.id]);
    await expect(addStudents(deps, actor, cls.id, [s3.id])).rejects.toSatisfy(code('CONFLICT'));

    const another = await createClass(deps, actor, { name: 'Class 2-C', grade: 2, section: 'C' });
    await expect(addStudents(deps, actor, another.id, [s1.id])).rejects.toSatisfy(code('CONFLICT'));
  });

  it('hold capacity when two enrolments race', async () => {
    const cls = await createClass(deps, actor, { name: 'Class 3-A', grade: 3, section: 'A', maxStudents: 1 });
    const [a, b] = [await person('student'), await person('student')];
    const results = await Promise.allSettled([
      addStudents(deps, actor, cls.id, [a.id]),
      addStudents(deps, actor, cls.id, [b.id]),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await models.Class.findById(cls.id).lean())?.students).toHaveLength(1);
  });
});

describe('concurrent updates of one document (the embedded engine reads, then writes)', () => {
  it('lose nothing: overlapping $inc and array saves all land', async () => {
    const teacher = await person('teacher');
    const assignment = await models.Assignment.create({
      title: 'Essay',
      teacherId: teacher.id,
      dueDate: new Date(Date.now() + 86_400_000),
    });
    const students = await Promise.all(Array.from({ length: 8 }, () => person('student')));
    // Eight students hand in at the same moment: each save reads, appends its submission, and writes.
    await Promise.all(
      students.map((s) =>
        mutateDocument(models.Assignment, assignment._id, (doc) => {
          doc.submissions.push({ studentId: s.id, status: 'submitted', submittedAt: new Date(), files: [] });
        }),
      ),
    );
    const stored = await models.Assignment.findById(assignment._id).lean();
    expect(stored?.submissions.map((s) => String(s.studentId)).sort()).toEqual(
      students.map((s) => s.id).sort(),
    );

    const counter = handleCollection();
    await counter.insertOne({ _id: 'visits', n: 0 });
    await Promise.all(
      Array.from({ length: 40 }, () => counter.updateOne({ _id: 'visits' }, { $inc: { n: 1 } })),
    );
    expect((await counter.findOne({ _id: 'visits' }))?.n).toBe(40);
  });

  it('lose nothing when a conversation summary is updated by its key from many sides at once', async () => {
    const [a, b, c] = [
      new mongoose.Types.ObjectId(),
      new mongoose.Types.ObjectId(),
      new mongoose.Types.ObjectId(),
    ];
    const summary = (x: mongoose.Types.ObjectId, y: mongoose.Types.ObjectId) => ({
      key: conversationKeyOf(x, y),
      members: [x, y],
      lastMessageId: new mongoose.Types.ObjectId(),
      lastSenderId: x,
      lastMessageType: 'text' as const,
      lastAt: new Date(),
    });
    await models.Conversation.create([summary(a, b), summary(a, c)]);
    const bump = (key: string, reader: mongoose.Types.ObjectId) =>
      models.Conversation.updateOne({ key }, { $inc: { [`unread.${reader.toString()}`]: 1 } });
    // Two conversations, each bumped 30 times at once, one of them also by _id (an update of "many").
    const ab = conversationKeyOf(a, b);
    const ac = conversationKeyOf(a, c);
    const abId = (await models.Conversation.findOne({ key: ab }, { _id: 1 }).lean())?._id;
    await Promise.all([
      ...Array.from({ length: 30 }, () => bump(ab, b)),
      ...Array.from({ length: 30 }, () => bump(ac, c)),
      ...Array.from({ length: 10 }, () =>
        models.Conversation.updateOne({ _id: abId }, { $inc: { [`unread.${a.toString()}`]: 1 } }),
      ),
    ]);
    // A lean read gives the map as a plain object.
    const unread = async (key: string) =>
      (await models.Conversation.findOne({ key }, { unread: 1 }).lean())?.unread as unknown as Record<
        string,
        number
      >;
    expect(await unread(ab)).toEqual({ [b.toString()]: 30, [a.toString()]: 10 });
    expect(await unread(ac)).toEqual({ [c.toString()]: 30 });
  });
});

describe('conversation summaries', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 9, minute));
  const message = (
    from: mongoose.Types.ObjectId,
    to: mongoose.Types.ObjectId,
    text: string,
    minute: number,
  ) => ({
    senderId: from,
    receiverId: to,
    message: text,
    messageType: 'text' as const,
    isRead: false,
    timestamp: at(minute),
  });
  const summaryOf = async (x: mongoose.Types.ObjectId, y: mongoose.Types.ObjectId) =>
    models.Conversation.findOne({ key: conversationKeyOf(x, y) }).lean();

  it('show the newest message and count every unread one, whatever order the messages are written in', async () => {
    const [a, b] = [new mongoose.Types.ObjectId(), new mongoose.Types.ObjectId()];
    // The first message makes the summary; a newer one replaces what it shows.
    await models.Message.create(message(a, b, 'first', 10));
    const newest = await models.Message.create(message(b, a, 'newest', 30));
    // Older ones written after it (an import) are counted but do not replace it, one by one or together.
    await models.Message.create(message(a, b, 'older', 20));
    await models.Message.insertMany([message(a, b, 'oldest', 5), message(b, a, 'old reply', 6)]);
    const summary = await summaryOf(a, b);
    expect(summary).toMatchObject({ lastMessageId: newest._id, lastPreview: 'newest', lastAt: at(30) });
    expect(summary?.unread).toEqual({ [b.toString()]: 3, [a.toString()]: 2 });
    expect(await models.Conversation.countDocuments({ key: conversationKeyOf(a, b) })).toBe(1);
  });

  it('take a message into a summary that shows none yet', async () => {
    const [a, b] = [new mongoose.Types.ObjectId(), new mongoose.Types.ObjectId()];
    // As an older version left it: the members, no message shown.
    await models.Conversation.collection.insertOne({ key: conversationKeyOf(a, b), members: [a, b].sort() });
    const sent = await models.Message.create(message(a, b, 'hello', 40));
    expect(await summaryOf(a, b)).toMatchObject({
      lastMessageId: sent._id,
      lastPreview: 'hello',
      unread: { [b.toString()]: 1 },
    });
  });
});

describe('the timetable and subjects', () => {
  it('refuse a teacher or a class in two places at the same day and period', async () => {
    const teacher = await person('teacher');
    const c1 = new mongoose.Types.ObjectId();
    const c2 = new mongoose.Types.ObjectId();
    const entry = {
      teacherId: teacher.id,
      subject: 'Maths',
      day: 'Monday' as const,
      period: 1,
      timeSlot: '9:00-9:40',
    };
    await models.Schedule.create({ ...entry, classId: c1 });
    await expect(models.Schedule.create({ ...entry, classId: c2 })).rejects.toMatchObject({ code: 11000 });
    const otherTeacher = await person('teacher');
    await expect(
      models.Schedule.create({ ...entry, teacherId: otherTeacher.id, classId: c1 }),
    ).rejects.toMatchObject({ code: 11000 });
    await models.Schedule.create({ ...entry, period: 2, classId: c2 });
    await expect(
      models.Schedule.create({ ...entry, day: 'Funday' as 'Monday', period: 3, classId: c2 }),
    ).rejects.toThrow(/day/);
    await expect(models.Schedule.create({ ...entry, period: 11, classId: c2 })).rejects.toThrow(/period/);
    await expect(
      models.Schedule.create({ ...entry, period: 4, timeSlot: '9:40-9:00', classId: c2 }),
    ).rejects.toThrow(/time slot/i);
  });

  it('keep a subject code unique per grade', async () => {
    await models.Subject.create({ name: 'Mathematics', code: 'math101', grade: 5 });
    await expect(models.Subject.create({ name: 'Maths', code: 'MATH101', grade: 5 })).rejects.toMatchObject({
      code: 11000,
    });
    await models.Subject.create({ name: 'Mathematics', code: 'MATH101', grade: 6 });
  });
});

describe('deleting', () => {
  it('a user removes them from classes, the class teacher seat and the timetable', async () => {
    const teacher = await person('teacher');
    const student = await person('student');
    const cls = await classWith({ name: 'Class 4-A', grade: 4, section: 'A', teacherId: teacher.id }, [
      student.id,
    ]);
    await lesson(teacher.id, cls.id, { subject: 'Art', day: 'Friday', period: 5, timeSlot: '12:00-12:40' });

    await deleteUser(deps, actor, student.id);
    expect((await models.Class.findById(cls.id).lean())?.students).toEqual([]);
    await deleteUser(deps, actor, teacher.id);
    expect((await models.Class.findById(cls.id).lean())?.teacherId).toBeUndefined();
    expect(await models.Schedule.countDocuments({ teacherId: teacher.id })).toBe(0);
    expect(await models.User.findById(teacher.id)).toBeNull();
    await expect(deleteUser(deps, actor, teacher.id)).rejects.toSatisfy(code('NOT_FOUND'));
  });

  it('a class removes its timetable entries and its id from assignments', async () => {
    const teacher = await person('teacher');
    const cls = await createClass(deps, actor, {
      name: 'Class 5-A',
      grade: 5,
      section: 'A',
      teacherId: teacher.id,
    });
    const keep = await createClass(deps, actor, { name: 'Class 5-B', grade: 5, section: 'B' });
    await lesson(teacher.id, cls.id, { subject: 'Art', day: 'Friday', period: 6, timeSlot: '13:00-13:40' });
    const assignment = await models.Assignment.create({
      title: 'Poster',
      teacherId: teacher.id,
      classIds: [cls.id, keep.id],
      dueDate: new Date(Date.now() + 86_400_000),
    });

    await deleteClass(deps, actor, cls.id);
    expect(await models.Class.findById(cls.id)).toBeNull();
    expect(await models.Schedule.countDocuments({ classId: cls.id })).toBe(0);
    expect((await models.Assignment.findById(assignment._id).lean())?.classIds.map(String)).toEqual([
      keep.id,
    ]);
  });

  it("cannot reach another institution's records by id", async () => {
    const foreign = await person('student', 'Far away', otherActor);
    await expect(deleteUser(deps, actor, foreign.id)).rejects.toSatisfy(code('NOT_FOUND'));
    const otherModels = (await deps.db.tenant(otherActor.databaseName)).models;
    expect(await otherModels.User.findById(foreign.id)).not.toBeNull();
  });
});
