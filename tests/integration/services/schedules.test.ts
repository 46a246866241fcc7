import { beforeAll, describe, expect, it } from 'vitest';
import { schedulesCreate, schedulesList, schedulesUpdate } from '../../../shared/contract';
import { WEEKDAYS } from '../../../shared/domain';
import { AppError } from '../../../electron/core/errors/app-error';
import { addStudents, createClass, type ClassRecord } from '../../../electron/core/services/classes';
import type { Actor } from '../../../electron/core/services/context';
import {
  createSchedule,
  deleteSchedule,
  listSchedules,
  updateSchedule,
} from '../../../electron/core/services/schedules';
import { updateUser, type UserRecord } from '../../../electron/core/services/users';
import { errorCode as code, anyText, matching } from '../../support/services';
import { actorOf, admin, deps, models, other, person, useInstitutions } from '../../support/fixture';

useInstitutions();

const create = (input: Record<string, unknown>, actor = admin) =>
  createSchedule(deps, actor, schedulesCreate.input.parse(input));
const update = (input: Record<string, unknown>) =>
  updateSchedule(deps, admin, schedulesUpdate.input.parse(input));
const list = (actor: Actor, input: Record<string, unknown> = {}) =>
  listSchedules(deps, actor, schedulesList.input.parse(input));

let rao: UserRecord;
let iyer: UserRecord;
let asha: UserRecord;
let c10a: ClassRecord;
let c10b: ClassRecord;
let c9b: ClassRecord;

beforeAll(async () => {
  rao = await person('teacher', 'Mr Rao');
  iyer = await person('teacher', 'Ms Iyer');
  asha = await person('student', 'Asha');
  c10a = await createClass(deps, admin, { name: 'Class 10-A', grade: 10, section: 'A' });
  c10b = await createClass(deps, admin, { name: 'Class 10-B', grade: 10, section: 'B' });
  c9b = await createClass(deps, admin, { name: 'Class 9-B', grade: 9, section: 'B', teacherId: iyer.id });
  await addStudents(deps, admin, c10a.id, [asha.id]);
});
const slot = (over: Record<string, unknown> = {}) => ({
  teacherId: rao.id,
  classId: c10a.id,
  subject: 'Maths',
  day: 'Monday',
  period: 3,
  timeSlot: '10:20-11:00',
  ...over,
});

describe('schedules.create', () => {
  it('adds an entry with the names for the week grid, and logs it', async () => {
    const entry = await create(slot());
    expect(entry).toMatchObject({
      teacherId: rao.id,
      classId: c10a.id,
      subject: 'Maths',
      day: 'Monday',
      period: 3,
      teacherName: 'Mr Rao',
      className: 'Class 10-A',
    });
    expect(() => schedulesCreate.output.parse(entry)).not.toThrow();
    expect(
      await models.ActivityLog.exists({ targetId: entry.id, action: 'CREATE', targetType: 'SCHEDULE' }),
    ).not.toBeNull();
  });

  it('answers CONFLICT naming the clash when the teacher is busy', async () => {
    await expect(create(slot({ classId: c10b.id, subject: 'Physics' }))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Mr Rao already teaches Class 10-A on Monday, period 3.',
      fields: { teacherId: anyText },
    });
  });

  it('answers CONFLICT naming the clash when the class is busy', async () => {
    await expect(create(slot({ teacherId: iyer.id, subject: 'English' }))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Class 10-A already has Maths with Mr Rao on Monday, period 3.',
      fields: { classId: anyText },
    });
    // Another period or day is free.
    expect((await create(slot({ teacherId: iyer.id, subject: 'English', period: 4 }))).period).toBe(4);
    expect((await create(slot({ classId: c10b.id, day: 'Tuesday' }))).day).toBe('Tuesday');
  });

  it('maps E11000 from the unique index (an entry written after the check) to the same CONFLICT', async () => {
    const err = await createSchedule(deps, admin, schedulesCreate.input.parse(slot({ period: 8 })), {
      // Ms Iyer's entry lands in 10-A, period 8 between the clash check and the write.
      beforeWrite: async () => {
        await models.Schedule.create(
          schedulesCreate.input.parse(slot({ teacherId: iyer.id, subject: 'Art', period: 8 })),
        );
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: 'CONFLICT',
      message: 'Class 10-A already has Art with Ms Iyer on Monday, period 8.',
    });
    expect(await models.Schedule.countDocuments({ classId: c10a.id, day: 'Monday', period: 8 })).toBe(1);
    await models.Schedule.deleteMany({ period: 8 });
  });

  it('holds when two creates race for one teacher and period', async () => {
    const results = await Promise.allSettled([
      create(slot({ period: 7, classId: c10a.id })),
      create(slot({ period: 7, classId: c10b.id })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected');
    expect(failed?.reason).toBeInstanceOf(AppError);
    expect(failed?.reason).toMatchObject({
      code: 'CONFLICT',
      message: matching(/^Mr Rao already teaches Class 10-[AB] on Monday, period 7\.$/),
    });
    expect(await models.Schedule.countDocuments({ teacherId: rao.id, day: 'Monday', period: 7 })).toBe(1);
    // Which class won is up to the race; later tests expect neither.
    await models.Schedule.deleteMany({ day: 'Monday', period: 7 });
  });

  it('takes only an active teacher and a class of this institution', async () => {
    await expect(create(slot({ teacherId: asha.id, period: 9 }))).rejects.toSatisfy(code('VALIDATION'));
    const farTeacher = await person('teacher', 'Far', other);
    const farClass = await createClass(deps, other, { name: 'Far', grade: 1, section: 'A' });
    await expect(create(slot({ teacherId: farTeacher.id, period: 9 }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      fields: { teacherId: anyText },
    });
    await expect(create(slot({ classId: farClass.id, period: 9 }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      fields: { classId: anyText },
    });
    const retired = await person('teacher', 'Retired');
    await updateUser(deps, admin, { id: retired.id, isActive: false });
    await expect(create(slot({ teacherId: retired.id, period: 9 }))).rejects.toSatisfy(code('VALIDATION'));
    expect(await models.Schedule.exists({ period: 9 })).toBeNull();
    await expect(create(slot({ period: 9 }), actorOf(rao))).rejects.toSatisfy(code('FORBIDDEN'));
  });
});

describe('schedules.update and delete', () => {
  it('moves an entry to a free slot, ignores itself, and refuses a clash', async () => {
    const entry = await create(slot({ day: 'Wednesday', period: 1 }));
    // Re-saving the same slot is not a clash with itself.
    expect((await update({ id: entry.id, timeSlot: '8:00-8:40' })).timeSlot).toBe('8:00-8:40');
    const moved = await update({ id: entry.id, period: 2, subject: 'Algebra' });
    expect(moved).toMatchObject({ period: 2, subject: 'Algebra', day: 'Wednesday', className: 'Class 10-A' });
    expect(() => schedulesUpdate.output.parse(moved)).not.toThrow();

    await expect(update({ id: entry.id, day: 'Monday', period: 3 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Mr Rao already teaches Class 10-A on Monday, period 3.',
    });
    await expect(update({ id: entry.id, day: 'Monday', period: 4, teacherId: rao.id })).rejects.toMatchObject(
      {
        code: 'CONFLICT',
        message: 'Class 10-A already has English with Ms Iyer on Monday, period 4.',
      },
    );
    await expect(update({ id: entry.id, teacherId: asha.id })).rejects.toSatisfy(code('VALIDATION'));
    const stored = await models.Schedule.findById(entry.id).lean();
    expect(stored).toMatchObject({ day: 'Wednesday', period: 2 });
    expect(await models.ActivityLog.countDocuments({ targetId: entry.id, action: 'UPDATE' })).toBe(2);
  });

  it('keeps editing an entry whose teacher was later deactivated', async () => {
    const sub = await person('teacher', 'Substitute');
    const entry = await create(slot({ teacherId: sub.id, classId: c10b.id, day: 'Thursday', period: 1 }));
    await updateUser(deps, admin, { id: sub.id, isActive: false });
    expect((await update({ id: entry.id, subject: 'Games' })).subject).toBe('Games');
  });

  it('delete removes and logs; NOT_FOUND twice and for another institution', async () => {
    const entry = await create(slot({ day: 'Saturday', period: 1 }));
    await deleteSchedule(deps, admin, entry.id);
    expect(await models.Schedule.findById(entry.id)).toBeNull();
    expect(await models.ActivityLog.exists({ targetId: entry.id, action: 'DELETE' })).not.toBeNull();
    await expect(deleteSchedule(deps, admin, entry.id)).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(update({ id: entry.id, period: 2 })).rejects.toSatisfy(code('NOT_FOUND'));
  });
});

describe('schedules.list', () => {
  beforeAll(async () => {
    await create(slot({ teacherId: iyer.id, classId: c9b.id, subject: 'History', day: 'Monday', period: 1 }));
    await create(slot({ teacherId: rao.id, classId: c9b.id, subject: 'Maths', day: 'Friday', period: 2 }));
  });

  it('gives the admin any class or teacher, sorted by day and period, or the whole timetable', async () => {
    const week = await list(admin, { classId: c10a.id });
    expect(() => schedulesList.output.parse(week)).not.toThrow();
    expect(week.items.map((e) => `${e.day} ${e.period}`)).toEqual(['Monday 3', 'Monday 4', 'Wednesday 2']);
    expect(week.items.every((e) => e.classId === c10a.id)).toBe(true);
    const raoWeek = await list(admin, { teacherId: rao.id });
    expect(raoWeek.items.every((e) => e.teacherId === rao.id)).toBe(true);
    expect(raoWeek.items.at(-1)).toMatchObject({ day: 'Friday', className: 'Class 9-B' });
    const mondays = await list(admin, { day: 'Monday' });
    expect(mondays.items.every((e) => e.day === 'Monday')).toBe(true);
    const all = await list(admin);
    expect(all.items.length).toBe(await models.Schedule.countDocuments());
    const order = all.items.map((e) => WEEKDAYS.indexOf(e.day) * 100 + e.period);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    const farClass = await createClass(deps, other, { name: 'Far 2', grade: 2, section: 'A' });
    const farTeacher = await person('teacher', 'Far 2', other);
    await expect(list(admin, { classId: farClass.id })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(list(admin, { teacherId: farTeacher.id })).rejects.toSatisfy(code('NOT_FOUND'));
  });

  it('gives a teacher their own week, and a class they lead or teach; nothing else', async () => {
    const me = actorOf(iyer);
    const mine = await list(me);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((e) => e.teacherId === iyer.id)).toBe(true);
    // 9-B is Ms Iyer's class (she leads it): she sees Mr Rao's Friday Maths there too.
    const nineB = await list(me, { classId: c9b.id });
    expect(nineB.items.map((e) => e.subject).sort()).toEqual(['History', 'Maths']);
    expect((await list(me, { classId: c9b.id, teacherId: iyer.id })).items.map((e) => e.subject)).toEqual([
      'History',
    ]);
    // 10-A only through her Monday English in the timetable.
    expect((await list(me, { classId: c10a.id })).items.length).toBeGreaterThan(1);
    await expect(list(me, { teacherId: rao.id })).rejects.toSatisfy(code('NOT_FOUND'));
    const idle = await person('teacher', 'Idle');
    await expect(list(actorOf(idle), { classId: c10a.id })).rejects.toSatisfy(code('NOT_FOUND'));
    expect((await list(actorOf(idle))).items).toEqual([]);
  });

  it("gives a student their class's week; another class or a teacher filter is NOT_FOUND", async () => {
    const me = actorOf(asha);
    const week = await list(me);
    expect(week.items.length).toBeGreaterThan(0);
    expect(week.items.every((e) => e.classId === c10a.id)).toBe(true);
    expect((await list(me, { classId: c10a.id, day: 'Monday' })).items.every((e) => e.day === 'Monday')).toBe(
      true,
    );
    await expect(list(me, { classId: c9b.id })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(list(me, { teacherId: rao.id })).rejects.toSatisfy(code('NOT_FOUND'));
    const loner = await person('student', 'Loner');
    expect((await list(actorOf(loner))).items).toEqual([]);
  });
});
