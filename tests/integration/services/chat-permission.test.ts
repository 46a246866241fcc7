/**
 * The chat's permission check against the real engine, both ways it is answered: from the circles kept in the
 * process (services/chat-circles.ts; the station on its embedded engine) and read afresh in one round (with
 * MONGODB_URI). Every change of who may chat with whom — a class's students, its class teacher, a timetable
 * entry, a person deactivated or deleted — ends or grants permission from the next call, with the circle kept
 * beforehand; and both ways give the same answer for every pair of people.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { messagesThread } from '../../../shared/contract/messages';
import { AppError } from '../../../electron/core/errors/app-error';
import { createChatCircles } from '../../../electron/core/services/chat-circles';
import {
  addStudents,
  assignTeacher,
  createClass,
  removeStudent,
  updateClass,
} from '../../../electron/core/services/classes';
import type { Actor, ServiceDeps } from '../../../electron/core/services/context';
import { moveStudent } from '../../../electron/core/services/enrolment';
import { getThread, listConversations, sendMessage } from '../../../electron/core/services/messages';
import { deleteSchedule } from '../../../electron/core/services/schedules';
import { deleteUser, updateUser } from '../../../electron/core/services/users';
import {
  admin,
  classWith,
  deps,
  lesson,
  models,
  other,
  personActor,
  useInstitutions,
} from '../../support/fixture';
import { commandsDuring as sentDuring } from '../../support/commands';

useInstitutions();

/** The same services, keeping circles as the station on its embedded engine does. */
let kept: ServiceDeps;

beforeAll(() => {
  kept = { ...deps, chatCircles: createChatCircles() };
});

/** Whether `from` may open the thread with `to`, both ways; the two answers must agree. */
async function may(from: Actor, to: Actor): Promise<boolean> {
  const answers = await Promise.all(
    [deps, kept].map((d) =>
      getThread(d, from, messagesThread.input.parse({ userId: to.userId, limit: 1 })).then(
        () => true,
        (err: unknown) => {
          if (err instanceof AppError && err.code === 'NOT_FOUND') return false;
          throw err;
        },
      ),
    ),
  );
  expect(answers[1], 'kept circles agree with reading').toBe(answers[0]);
  return answers[0]!;
}

/** `may`, both directions. */
const mayBoth = async (a: Actor, b: Actor) => [await may(a, b), await may(b, a)];

const lessonAt = (teacher: Actor, classId: string, period: number) =>
  lesson(teacher.userId, classId, {
    subject: 'Art',
    day: 'Monday',
    period,
    timeSlot: `${8 + period}:00-${8 + period}:45`,
  });

describe('every pair of people gets the same answer as the chat list, both ways', () => {
  it('admin, teachers (class teacher, timetabled, none, inactive), students (in a class or not)', async () => {
    const tara = await personActor('teacher', 'Pair Tara');
    const tomas = await personActor('teacher', 'Pair Tomas');
    const tess = await personActor('teacher', 'Pair Tess');
    const ivo = await personActor('teacher', 'Pair Ivo');
    const asha = await personActor('student', 'Pair Asha');
    const bina = await personActor('student', 'Pair Bina');
    const chen = await personActor('student', 'Pair Chen');
    const dina = await personActor('student', 'Pair Dina');
    const a = await createClass(deps, admin, { name: 'P-A', grade: 5, section: 'P', teacherId: tara.userId });
    const b = await createClass(deps, admin, { name: 'P-B', grade: 5, section: 'Q' });
    await addStudents(deps, admin, a.id, [asha.userId, bina.userId]);
    await addStudents(deps, admin, b.id, [chen.userId]);
    await lessonAt(tomas, b.id, 1);
    await lessonAt(ivo, a.id, 2);
    await updateUser(deps, admin, { id: ivo.userId, isActive: false });
    const foreign = await personActor('teacher', 'Pair Foreign', other);

    const everyone = { admin, tara, tomas, tess, ivo, asha, bina, chen, dina, foreign };
    // The rule, as it was before the check used kept circles (the chat suite's expectations).
    const allowed: Record<string, string[]> = {
      admin: ['tara', 'tomas', 'tess'],
      tara: ['admin', 'asha', 'bina'],
      tomas: ['admin', 'chen'],
      tess: ['admin'],
      asha: ['tara'],
      bina: ['tara'],
      chen: ['tomas'],
      dina: [],
    };
    for (const [fromName, expected] of Object.entries(allowed)) {
      const from = everyone[fromName as keyof typeof everyone];
      const granted: string[] = [];
      for (const [toName, to] of Object.entries(everyone)) {
        if (await may(from, to)) granted.push(toName);
      }
      expect(granted.sort(), fromName).toEqual([...expected].sort());
      for (const d of [deps, kept]) {
        const listed = (await listConversations(d, from)).items.map((c) => c.userId).sort();
        expect(listed, `${fromName}'s chat list`).toEqual(
          expected.map((n) => everyone[n as keyof typeof everyone].userId).sort(),
        );
      }
    }
  });
});

describe('a change ends or grants permission from the next call', () => {
  it('a student moved out of a class, removed from it, or given a new class', async () => {
    const teacher = await personActor('teacher', 'Move Tanvi');
    const other = await personActor('teacher', 'Move Omar');
    const student = await personActor('student', 'Move Sita');
    const from = await createClass(deps, admin, {
      name: 'M-A',
      grade: 6,
      section: 'M',
      teacherId: teacher.userId,
    });
    const to = await createClass(deps, admin, {
      name: 'M-B',
      grade: 6,
      section: 'N',
      teacherId: other.userId,
    });
    expect(await mayBoth(teacher, student)).toEqual([false, false]);
    await addStudents(deps, admin, from.id, [student.userId]);
    expect(await mayBoth(teacher, student)).toEqual([true, true]);
    expect(await mayBoth(other, student)).toEqual([false, false]);

    await moveStudent(deps, admin, { studentId: student.userId, toClassId: to.id });
    expect(await mayBoth(teacher, student)).toEqual([false, false]);
    expect(await mayBoth(other, student)).toEqual([true, true]);

    await removeStudent(deps, admin, to.id, student.userId);
    expect(await mayBoth(other, student)).toEqual([false, false]);
  });

  it('a teacher taken off the timetable, or off the class teacher role', async () => {
    const lead = await personActor('teacher', 'Role Lena');
    const next = await personActor('teacher', 'Role Nils');
    const timetabled = await personActor('teacher', 'Role Tim');
    const student = await personActor('student', 'Role Ravi');
    const cls = await classWith({ name: 'R-A', grade: 7, section: 'R', teacherId: lead.userId }, [
      student.userId,
    ]);
    const entry = (await lessonAt(timetabled, cls.id, 3)) as { _id: { toString(): string } };
    expect(await mayBoth(timetabled, student)).toEqual([true, true]);
    await deleteSchedule(deps, admin, entry._id.toString());
    expect(await mayBoth(timetabled, student)).toEqual([false, false]);

    // Given back in the timetable, then the entry handed to another teacher by a write to the entry itself.
    const again = (await lessonAt(timetabled, cls.id, 4)) as { _id: unknown };
    expect(await mayBoth(timetabled, student)).toEqual([true, true]);
    await models.Schedule.updateOne({ _id: again._id }, { $set: { teacherId: next.userId } });
    expect(await mayBoth(timetabled, student)).toEqual([false, false]);
    expect(await mayBoth(next, student)).toEqual([true, true]);
    await models.Schedule.deleteOne({ _id: again._id });

    expect(await mayBoth(lead, student)).toEqual([true, true]);
    await updateClass(deps, admin, { id: cls.id, teacherId: null });
    expect(await mayBoth(lead, student)).toEqual([false, false]);
    await assignTeacher(deps, admin, cls.id, lead.userId);
    expect(await mayBoth(lead, student)).toEqual([true, true]);
    await assignTeacher(deps, admin, cls.id, next.userId);
    expect(await mayBoth(lead, student)).toEqual([false, false]);
    expect(await mayBoth(next, student)).toEqual([true, true]);
  });

  it('a person deactivated, reactivated or deleted', async () => {
    const teacher = await personActor('teacher', 'Gone Gita');
    const student = await personActor('student', 'Gone Gopal');
    await classWith({ name: 'G-A', grade: 8, section: 'G', teacherId: teacher.userId }, [student.userId]);
    expect(await mayBoth(teacher, student)).toEqual([true, true]);
    expect(await may(admin, teacher)).toBe(true);

    await updateUser(deps, admin, { id: student.userId, isActive: false });
    expect(await may(teacher, student)).toBe(false);
    await updateUser(deps, admin, { id: student.userId, isActive: true });
    expect(await may(teacher, student)).toBe(true);

    await updateUser(deps, admin, { id: teacher.userId, isActive: false });
    expect(await may(admin, teacher)).toBe(false);
    expect(await may(student, teacher)).toBe(false);
    await updateUser(deps, admin, { id: teacher.userId, isActive: true });
    expect(await may(admin, teacher)).toBe(true);

    await deleteUser(deps, admin, student.userId);
    expect(await may(teacher, student)).toBe(false);
    await deleteUser(deps, admin, teacher.userId);
    expect(await may(admin, teacher)).toBe(false);
  });

  it('sending is refused from the next call too', async () => {
    const teacher = await personActor('teacher', 'Send Sara');
    const student = await personActor('student', 'Send Sam');
    const cls = await classWith({ name: 'S-A', grade: 9, section: 'S', teacherId: teacher.userId }, [
      student.userId,
    ]);
    expect((await sendMessage(kept, teacher, { receiverId: student.userId, message: 'hi' })).message).toBe(
      'hi',
    );
    await removeStudent(deps, admin, cls.id, student.userId);
    await expect(sendMessage(kept, teacher, { receiverId: student.userId, message: 'hi' })).rejects.toSatisfy(
      (err: unknown) => err instanceof AppError && err.code === 'NOT_FOUND',
    );
  });
});

describe('what the check costs', () => {
  /** The commands the engine is sent while `work` runs (any database), sorted. */
  async function commandsDuring(work: () => Promise<unknown>): Promise<string[]> {
    return (await sentDuring(deps.db.master.getClient(), work)).sort();
  }

  it("a teacher's thread: the check reads nothing once the circle is kept, else one round", async () => {
    const teacher = await personActor('teacher', 'Cost Carla');
    const student = await personActor('student', 'Cost Chris');
    await classWith({ name: 'C-A', grade: 10, section: 'C', teacherId: teacher.userId }, [student.userId]);
    await sendMessage(kept, student, { receiverId: teacher.userId, message: 'Hello' });
    const thread = (d: ServiceDeps, to: Actor) =>
      getThread(d, teacher, messagesThread.input.parse({ userId: to.userId }));

    await thread(kept, student);
    // Before: the admin, the student, the classes taught (two reads), then whether one holds the student, in
    // four rounds; then the summary, then the page (seven commands in six rounds). Now the summary and the page
    // in one round, and the check from the kept circle.
    expect(await commandsDuring(() => thread(kept, student))).toEqual([
      'find conversations',
      'find messages',
    ]);
    // A teacher's admin is not in their circle: one registry read, then kept until the registry changes.
    expect(await commandsDuring(() => thread(kept, admin))).toEqual([
      'find adminregistries',
      'find conversations',
      'find messages',
    ]);
    expect(await commandsDuring(() => thread(kept, admin))).toEqual(['find conversations', 'find messages']);
    // Read (MONGODB_URI): the admin, the student, the student's classes and the teacher's timetabled classes,
    // all in the same round as the summary and the page.
    expect(await commandsDuring(() => thread(deps, student))).toEqual([
      'distinct schedules',
      'find adminregistries',
      'find classes',
      'find conversations',
      'find messages',
      'find users',
    ]);
  });

  it("a teacher's admin is kept until the registry changes: a renamed admin shows at once", async () => {
    const teacher = await personActor('teacher', 'Kept Kira');
    const adminName = async () =>
      (await listConversations(kept, teacher)).items.find((c) => c.userId === admin.userId)?.name;
    const before = await adminName();
    expect(await commandsDuring(() => listConversations(kept, teacher))).toEqual(['find conversations']);
    const { AdminRegistry } = deps.db.masterModels;
    await AdminRegistry.updateOne({ _id: admin.userId }, { $set: { name: 'Principal Renamed' } });
    try {
      expect(await adminName()).toBe('Principal Renamed');
    } finally {
      await AdminRegistry.updateOne({ _id: admin.userId }, { $set: { name: before } });
    }
    expect(await adminName()).toBe(before);
  });

  it('a quoted message on the page is not read again; one off the page is', async () => {
    const teacher = await personActor('teacher', 'Quote Qadir');
    const student = await personActor('student', 'Quote Quinn');
    await classWith({ name: 'Q-A', grade: 11, section: 'Q', teacherId: teacher.userId }, [student.userId]);
    const question = await sendMessage(kept, student, { receiverId: teacher.userId, message: 'Due when?' });
    const answer = await sendMessage(kept, teacher, {
      receiverId: student.userId,
      message: 'Friday',
      replyTo: question.id,
    });
    const thread = (limit: number) =>
      getThread(kept, teacher, messagesThread.input.parse({ userId: student.userId, limit }));
    await thread(2);
    let page: Awaited<ReturnType<typeof thread>> | undefined;
    expect(await commandsDuring(async () => (page = await thread(2)))).toEqual([
      'find conversations',
      'find messages',
    ]);
    expect(page?.items.map((m) => [m.id, m.replyPreview?.preview])).toEqual([
      [question.id, undefined],
      [answer.id, 'Due when?'],
    ]);
    // The question is on the older page: read by its id.
    expect(await commandsDuring(async () => (page = await thread(1)))).toEqual([
      'find conversations',
      'find messages',
      'find messages',
    ]);
    expect(page?.items.map((m) => [m.id, m.replyPreview?.id])).toEqual([[answer.id, question.id]]);
  });
});
