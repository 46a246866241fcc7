/**
 * Timetabling (issue 16) through the services on the real engine: the school's week, rooms, lessons, teachers'
 * limits, rooms in the clash check of hand edits, and the generator's jobs (generate, preview, accept, discard,
 * cancel), with roles, validation and the activity log. The preview's timetable is checked by this file's own
 * small checker (no clash of teacher, class or room; every lesson's periods placed in its blocks).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  availabilitySet,
  lessonsCreate,
  roomsCreate,
  roomsList,
  schedulesCreate,
  schedulesUpdate,
  timetableGenerate,
  weekUpdate,
  type PreviewEntryDto,
  type TimetablePreviewDto,
} from '../../../shared/contract';
import { createClass, type ClassRecord } from '../../../electron/core/services/classes';
import type { Actor } from '../../../electron/core/services/context';
import { createSchedule, listSchedules, updateSchedule } from '../../../electron/core/services/schedules';
import { getAvailability, setAvailability } from '../../../electron/core/services/timetable/availability';
import {
  acceptTimetable,
  cancelTimetable,
  discardTimetable,
  generateTimetable,
  previewTimetable,
} from '../../../electron/core/services/timetable/generator';
import {
  createLesson,
  deleteLesson,
  listLessons,
  updateLesson,
} from '../../../electron/core/services/timetable/lessons';
import {
  createRoom,
  deleteRoom,
  listRooms,
  updateRoom,
} from '../../../electron/core/services/timetable/rooms';
import { getWeek, updateWeek } from '../../../electron/core/services/timetable/week-settings';
import { type UserRecord } from '../../../electron/core/services/users';
import { DEFAULT_WEEK } from '../../../shared/school-week';
import { actorFor, errorCode as code } from '../../support/services';
import { admin, deps, models, other, person, useInstitutions } from '../../support/fixture';

useInstitutions();

let rao: UserRecord;
let iyer: UserRecord;
let asha: UserRecord;
let c7a: ClassRecord;
let c7b: ClassRecord;

/** A timetable entry created or changed by the office, the input parsed by its channel first. */
const schedule = (input: Record<string, unknown>) =>
  createSchedule(deps, admin, schedulesCreate.input.parse(input));
const reschedule = (input: Record<string, unknown>) =>
  updateSchedule(deps, admin, schedulesUpdate.input.parse(input));
const addLesson = (input: Record<string, unknown>) =>
  createLesson(deps, admin, lessonsCreate.input.parse(input));
const teacherActor = () => actorFor(rao, admin.databaseName);
const studentActor = () => actorFor(asha, admin.databaseName);

/** Five days of four periods, a break after period 2. */
const smallWeek = {
  days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
  periods: [
    { timeSlot: '08:00-08:45', breakAfter: false },
    { timeSlot: '08:50-09:35', breakAfter: true },
    { timeSlot: '10:00-10:45', breakAfter: false },
    { timeSlot: '10:50-11:35', breakAfter: false },
  ],
};

async function logged(targetType: string, action?: string) {
  return models.ActivityLog.find({ targetType, ...(action ? { action } : {}) }).lean();
}

async function finished(actor: Actor, jobId: string): Promise<TimetablePreviewDto> {
  for (let i = 0; i < 200; i++) {
    const preview = (await previewTimetable(deps, actor, { jobId })) as TimetablePreviewDto;
    if (preview.state !== 'running') return preview;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the job did not finish');
}

/** This test's own checker: no teacher, class or room twice in a slot. */
function clashes(entries: readonly PreviewEntryDto[]) {
  const seen = new Set<string>();
  const found: string[] = [];
  for (const e of entries) {
    const keys = [
      ...e.teacherIds.map((t) => `t${t}`),
      ...e.classIds.map((c) => `c${c}`),
      ...(e.roomId ? [`r${e.roomId}`] : []),
    ];
    for (const k of keys) {
      const slot = `${k}@${e.day}#${e.period}`;
      if (seen.has(slot)) found.push(slot);
      seen.add(slot);
    }
  }
  return found;
}

beforeAll(async () => {
  rao = await person('teacher', 'Mr Rao');
  iyer = await person('teacher', 'Ms Iyer');
  asha = await person('student', 'Asha');
  c7a = await createClass(deps, admin, { name: 'Class 7-A', grade: 7, section: 'A' });
  c7b = await createClass(deps, admin, { name: 'Class 7-B', grade: 7, section: 'B' });
});
describe('week.get / week.update', () => {
  it('answers the defaults until saved, to every role', async () => {
    for (const actor of [admin, teacherActor(), studentActor()]) {
      expect(await getWeek(deps, actor)).toEqual({ ...DEFAULT_WEEK, saved: false });
    }
  });

  it('saves days in week order with bell times, logs it, and the admin only', async () => {
    const input = weekUpdate.input.parse({ ...smallWeek, days: ['Friday', ...smallWeek.days.slice(0, 4)] });
    const week = await updateWeek(deps, admin, input);
    expect(week).toEqual({ ...smallWeek, saved: true });
    expect(await getWeek(deps, studentActor())).toEqual(week);
    expect(await logged('SCHOOL_WEEK', 'UPDATE')).toHaveLength(1);
    await expect(updateWeek(deps, teacherActor(), input)).rejects.toSatisfy(code('FORBIDDEN'));
    // The other institution still has its defaults.
    expect((await getWeek(deps, other)).saved).toBe(false);
  });

  it('refuses overlapping periods, a break after the last period, and no days', () => {
    const bad = [
      { ...smallWeek, periods: [{ timeSlot: '08:00-09:00' }, { timeSlot: '08:30-09:30' }] },
      { ...smallWeek, periods: [{ timeSlot: '08:00-09:00', breakAfter: true }] },
      { ...smallWeek, days: [] },
      { ...smallWeek, periods: [] },
      { ...smallWeek, periods: [{ timeSlot: '9:00-8:00' }] },
    ];
    for (const input of bad) expect(weekUpdate.input.safeParse(input).success).toBe(false);
  });
});

describe('rooms', () => {
  it('creates, lists, renames and refuses a second room of the same name', async () => {
    const lab = await createRoom(
      deps,
      admin,
      roomsCreate.input.parse({ name: 'Lab 1', kind: 'Lab', capacity: 30 }),
    );
    expect(lab).toMatchObject({ name: 'Lab 1', kind: 'lab', capacity: 30 });
    await expect(
      createRoom(deps, admin, roomsCreate.input.parse({ name: 'LAB 1', kind: 'lab', capacity: 20 })),
    ).rejects.toMatchObject({ code: 'CONFLICT', fields: { name: expect.any(String) as string } });
    await createRoom(
      deps,
      admin,
      roomsCreate.input.parse({ name: 'Room 101', kind: 'ordinary', capacity: 40 }),
    );
    const list = await listRooms(deps, teacherActor(), roomsList.input.parse({}));
    expect(list.items.map((r) => r.name)).toEqual(['Lab 1', 'Room 101']);
    expect((await listRooms(deps, admin, roomsList.input.parse({ kind: 'lab' }))).total).toBe(1);
    const renamed = await updateRoom(deps, admin, { id: lab.id, name: 'Physics lab' });
    expect(renamed.name).toBe('Physics lab');
    await expect(updateRoom(deps, admin, { id: lab.id, name: 'room 101' })).rejects.toSatisfy(
      code('CONFLICT'),
    );
    await expect(
      createRoom(deps, teacherActor(), roomsCreate.input.parse({ name: 'X', kind: 'lab', capacity: 1 })),
    ).rejects.toSatisfy(code('FORBIDDEN'));
    expect(await logged('ROOM', 'CREATE')).toHaveLength(2);
    // Another institution sees none of them.
    expect((await listRooms(deps, other, roomsList.input.parse({}))).total).toBe(0);
  });

  it('refuses a room capacity of 0 and a name with control characters', () => {
    expect(roomsCreate.input.safeParse({ name: 'Lab', kind: 'lab', capacity: 0 }).success).toBe(false);
    expect(roomsCreate.input.safeParse({ name: 'La\u0000b', kind: 'lab', capacity: 3 }).success).toBe(false);
  });
});

describe('schedules with rooms and bell times', () => {
  it("takes the period's bell time, checks the week, and refuses a room in two places", async () => {
    const rooms = await listRooms(deps, admin, roomsList.input.parse({}));
    const lab = rooms.items.find((r) => r.kind === 'lab')!;
    const first = await schedule({
      teacherId: rao.id,
      classId: c7a.id,
      subject: 'Physics',
      day: 'Monday',
      period: 3,
      roomId: lab.id,
    });
    expect(first).toMatchObject({ timeSlot: '10:00-10:45', roomId: lab.id, roomName: 'Physics lab' });
    await expect(
      schedule({
        teacherId: iyer.id,
        classId: c7b.id,
        subject: 'Chemistry',
        day: 'Monday',
        period: 3,
        roomId: lab.id,
      }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Physics lab is already taken by Class 7-A (Physics) on Monday, period 3.',
    });
    // Outside the week: Saturday and period 5 are not in it.
    const outside = (over: Record<string, unknown>) =>
      schedule({
        teacherId: iyer.id,
        classId: c7b.id,
        subject: 'Art',
        day: 'Monday',
        period: 1,
        ...over,
      });
    await expect(outside({ day: 'Saturday' })).rejects.toSatisfy(code('VALIDATION'));
    await expect(outside({ period: 5 })).rejects.toSatisfy(code('VALIDATION'));
    // Moving it by hand takes the new period's bell time and is checked the same way.
    const moved = await reschedule({ id: first.id, period: 4 });
    expect(moved).toMatchObject({ period: 4, timeSlot: '10:50-11:35', roomName: 'Physics lab' });
    const second = await outside({ period: 4, roomId: undefined });
    await expect(reschedule({ id: second.id, roomId: lab.id })).rejects.toSatisfy(code('CONFLICT'));
    const cleared = await reschedule({ id: first.id, roomId: null });
    expect(cleared.roomId).toBeUndefined();
    // A week that leaves out an entry's day is refused; a used room cannot be deleted.
    await expect(
      updateWeek(deps, admin, weekUpdate.input.parse({ ...smallWeek, days: ['Tuesday'] })),
    ).rejects.toSatisfy(code('CONFLICT'));
    await reschedule({ id: second.id, roomId: lab.id, period: 2 });
    await expect(deleteRoom(deps, admin, lab.id)).rejects.toSatisfy(code('CONFLICT'));
    await models.Schedule.deleteMany({});
  });
});

describe('lessons and availability', () => {
  it('creates lessons with blocks and a room kind; checks classes, teachers and kinds', async () => {
    const lesson = await addLesson({
      classIds: [c7a.id],
      subject: 'Physics',
      teacherIds: [rao.id],
      groups: [2, 1],
      roomKind: 'LAB',
    });
    expect(lesson).toMatchObject({
      subject: 'Physics',
      classes: [{ id: c7a.id, name: 'Class 7-A' }],
      teachers: [{ id: rao.id, name: 'Mr Rao' }],
      groups: [2, 1],
      periodsPerWeek: 3,
      roomKind: 'lab',
    });
    await expect(
      addLesson({
        classIds: [c7a.id],
        subject: 'Sport',
        teacherIds: [rao.id],
        groups: [1],
        roomKind: 'gym',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { roomKind: expect.any(String) as string } });
    await expect(
      addLesson({ classIds: [c7a.id], subject: 'Art', teacherIds: [asha.id], groups: [1] }),
    ).rejects.toSatisfy(code('VALIDATION'));
    expect(
      lessonsCreate.input.safeParse({ classIds: [c7a.id], subject: 'A', teacherIds: [rao.id], groups: [] })
        .success,
    ).toBe(false);
    expect(
      lessonsCreate.input.safeParse({ classIds: [c7a.id], subject: 'A', teacherIds: [rao.id], groups: [5] })
        .success,
    ).toBe(false);
    const updated = await updateLesson(deps, admin, { id: lesson.id, groups: [1, 1, 1] });
    expect(updated.periodsPerWeek).toBe(3);
    expect((await listLessons(deps, admin, { classId: c7a.id })).items).toHaveLength(1);
    expect((await listLessons(deps, admin, { classId: c7b.id })).items).toHaveLength(0);
    await expect(listLessons(deps, teacherActor(), {})).rejects.toSatisfy(code('FORBIDDEN'));
    await deleteLesson(deps, admin, lesson.id);
    expect(await logged('LESSON')).toHaveLength(3);
  });

  it("sets a teacher's limits; the teacher reads their own only", async () => {
    const input = availabilitySet.input.parse({
      teacherId: iyer.id,
      unavailable: [{ day: 'Monday', period: 1 }],
      maxPeriodsPerDay: 3,
      maxDaysPerWeek: null,
    });
    expect(await setAvailability(deps, admin, input)).toEqual({
      teacherId: iyer.id,
      unavailable: [{ day: 'Monday', period: 1 }],
      maxPeriodsPerDay: 3,
    });
    expect(await getAvailability(deps, admin, { teacherId: rao.id })).toEqual({
      teacherId: rao.id,
      unavailable: [],
    });
    await expect(getAvailability(deps, teacherActor(), { teacherId: iyer.id })).rejects.toSatisfy(
      code('NOT_FOUND'),
    );
    await expect(setAvailability(deps, teacherActor(), input)).rejects.toSatisfy(code('FORBIDDEN'));
    expect(
      availabilitySet.input.safeParse({ ...input, unavailable: [input.unavailable[0], input.unavailable[0]] })
        .success,
    ).toBe(false);
  });
});

describe('the generator', () => {
  beforeAll(async () => {
    await addLesson({
      classIds: [c7a.id],
      subject: 'Physics',
      teacherIds: [rao.id],
      groups: [2, 1],
      roomKind: 'lab',
    });
    await addLesson({ classIds: [c7b.id], subject: 'Physics', teacherIds: [rao.id], groups: [2] });
    await addLesson({ classIds: [c7a.id, c7b.id], subject: 'Music', teacherIds: [iyer.id], groups: [1, 1] });
    await addLesson({ classIds: [c7b.id], subject: 'English', teacherIds: [iyer.id], groups: [1, 1, 1, 1] });
  });

  it('generates, previews with names and no clash, and accepts: entries written and logged', async () => {
    await expect(
      generateTimetable(deps, teacherActor(), timetableGenerate.input.parse({})),
    ).rejects.toSatisfy(code('FORBIDDEN'));
    const { jobId } = await generateTimetable(deps, admin, timetableGenerate.input.parse({ seed: 3 }));
    const preview = await finished(admin, jobId);
    expect(preview.state).toBe('done');
    const result = preview.result!;
    expect(result.hardViolations).toBe(0);
    expect(result.unplaced).toEqual([]);
    expect(result.entries).toHaveLength(3 + 2 + 2 + 4);
    expect(clashes(result.entries)).toEqual([]);
    const physicsA = result.entries.filter((e) => e.subject === 'Physics' && e.className === 'Class 7-A');
    expect(physicsA.every((e) => e.roomName === 'Physics lab' && e.teacherName === 'Mr Rao')).toBe(true);
    // Ms Iyer is unavailable on Monday, period 1, and teaches at most 3 periods a day.
    const iyers = result.entries.filter((e) => e.teacherIds.includes(iyer.id));
    expect(iyers.some((e) => e.day === 'Monday' && e.period === 1)).toBe(false);
    for (const day of smallWeek.days)
      expect(iyers.filter((e) => e.day === day).length).toBeLessThanOrEqual(3);
    expect(result.entries.find((e) => e.subject === 'Music')?.className).toBe('Class 7-A, Class 7-B');

    // Another institution cannot see or accept it.
    await expect(previewTimetable(deps, other, { jobId })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(acceptTimetable(deps, other, { jobId })).rejects.toSatisfy(code('NOT_FOUND'));

    expect(await acceptTimetable(deps, admin, { jobId })).toEqual({ created: 11, removed: 0 });
    const week7b = await listSchedules(deps, admin, { classId: c7b.id });
    // 7-B: Physics 2, Music 2 (shared with 7-A), English 4.
    expect(week7b.items).toHaveLength(8);
    expect(week7b.items.every((e) => e.lessonId !== undefined && e.timeSlot !== '')).toBe(true);
    const raoWeek = await listSchedules(deps, teacherActor(), {});
    expect(
      raoWeek.items.filter((e) => e.className === 'Class 7-A' && e.roomName === 'Physics lab'),
    ).toHaveLength(3);
    expect(await logged('TIMETABLE', 'ACCEPT')).toHaveLength(1);
    // The job is gone once accepted.
    await expect(previewTimetable(deps, admin, { jobId })).rejects.toSatisfy(code('NOT_FOUND'));
  });

  it('replaces the generated entries of its scope, and keeps them when asked', async () => {
    const replace = await generateTimetable(
      deps,
      admin,
      timetableGenerate.input.parse({ scope: { kind: 'classes', classIds: [c7a.id] }, seed: 5 }),
    );
    const preview = await finished(admin, replace.jobId);
    // 7-A's lessons (Physics 3, Music 2 shared with 7-B) are redone; 7-B's own stay as they are.
    expect(preview.result?.replaces).toBe(5);
    expect(preview.result?.entries.filter((e) => !e.kept)).toHaveLength(5);
    expect(clashes(preview.result!.entries)).toEqual([]);
    expect(await acceptTimetable(deps, admin, { jobId: replace.jobId })).toEqual({ created: 5, removed: 5 });
    expect(await models.Schedule.countDocuments({})).toBe(11);

    const keep = await generateTimetable(deps, admin, timetableGenerate.input.parse({ existing: 'keep' }));
    const kept = await finished(admin, keep.jobId);
    // Everything is placed already: nothing new.
    expect(kept.result?.entries.filter((e) => !e.kept)).toEqual([]);
    expect(discardTimetable(admin, { jobId: keep.jobId })).toEqual({ discarded: true });
    await expect(previewTimetable(deps, admin, { jobId: keep.jobId })).rejects.toSatisfy(code('NOT_FOUND'));
  });

  it('refuses to accept after the data changed, or with hard violations', async () => {
    const { jobId } = await generateTimetable(deps, admin, timetableGenerate.input.parse({}));
    await finished(admin, jobId);
    await createRoom(deps, admin, roomsCreate.input.parse({ name: 'Gym', kind: 'gym', capacity: 80 }));
    await expect(acceptTimetable(deps, admin, { jobId })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/changed since/) as string,
    });

    const broken = await generateTimetable(deps, admin, timetableGenerate.input.parse({}), {
      start: (problem, options) => ({
        cancel: () => undefined,
        result: Promise.resolve({
          placements: [],
          unplaced: problem.lessons.map((l) => ({
            lessonId: l.id,
            group: 0,
            reason: 'Could not place: test.',
          })),
          hardViolations: 2,
          soft: { sameSubjectSameDay: 0, teacherGaps: 0, loadImbalance: 0, total: 0 },
          elapsedMs: 1,
          iterations: 0,
          seed: options.seed,
        }),
      }),
    });
    const preview = await finished(admin, broken.jobId);
    expect(preview.result?.hardViolations).toBe(2);
    expect(preview.result?.unplaced[0]).toMatchObject({
      subject: expect.any(String) as string,
      reason: 'Could not place: test.',
    });
    const before = await models.Schedule.countDocuments({});
    await expect(acceptTimetable(deps, admin, { jobId: broken.jobId })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/breaks 2 hard rules/) as string,
    });
    expect(await models.Schedule.countDocuments({})).toBe(before);
  });

  it('runs one job per institution; cancel keeps the best result', async () => {
    let release: () => void = () => undefined;
    const slow = await generateTimetable(deps, admin, timetableGenerate.input.parse({}), {
      start: (problem, options) => {
        const result = new Promise<never>((_, reject) => {
          release = () => reject(new Error('stopped'));
        });
        void options;
        void problem;
        return { result, cancel: () => release() };
      },
    });
    await expect(generateTimetable(deps, admin, timetableGenerate.input.parse({}))).rejects.toSatisfy(
      code('CONFLICT'),
    );
    const cancelled = await cancelTimetable(deps, admin, { jobId: slow.jobId });
    expect(cancelled.state).toBe('cancelled');
    await expect(acceptTimetable(deps, admin, { jobId: slow.jobId })).rejects.toSatisfy(code('CONFLICT'));
    // A new one may start now.
    const next = await generateTimetable(deps, admin, timetableGenerate.input.parse({}));
    expect((await finished(admin, next.jobId)).state).toBe('done');
  });

  it("generates for some teachers only: the others' entries stay as they are", async () => {
    const before = await listSchedules(deps, admin, {});
    const raos = before.items.filter((e) => e.teacherId === rao.id).map((e) => e.id);
    const { jobId } = await generateTimetable(
      deps,
      admin,
      timetableGenerate.input.parse({ scope: { kind: 'teachers', teacherIds: [iyer.id] }, seed: 7 }),
    );
    const preview = await finished(admin, jobId);
    // Ms Iyer's lessons: Music 2 (7-A and 7-B together), English 4 (7-B).
    expect(preview.result?.replaces).toBe(6);
    const fresh = preview.result!.entries.filter((e) => !e.kept);
    expect(fresh).toHaveLength(6);
    expect(fresh.every((e) => e.teacherIds.includes(iyer.id))).toBe(true);
    expect(clashes(preview.result!.entries)).toEqual([]);
    expect(await acceptTimetable(deps, admin, { jobId })).toEqual({ created: 6, removed: 6 });
    const after = await listSchedules(deps, admin, {});
    expect(after.items.filter((e) => e.teacherId === rao.id).map((e) => e.id)).toEqual(raos);
  });

  it('checks a generated entry moved by hand (classes taught together too), and "keep" leaves it there', async () => {
    const all = (await listSchedules(deps, admin, {})).items;
    const taken = (id: string, day: string, period: number) =>
      all.some(
        (e) =>
          e.day === day &&
          e.period === period &&
          [e.teacherId, e.classId, e.roomId, ...(e.alsoClassIds ?? [])].includes(id),
      );
    // Music is taught to 7-A and 7-B together: a slot where only 7-B is busy (its Physics) is a clash.
    const music = all.find((e) => e.subject === 'Music')!;
    const physics7b = all.find((e) => e.subject === 'Physics' && e.classId === c7b.id)!;
    await expect(
      reschedule({ id: music.id, day: physics7b.day, period: physics7b.period }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^Class 7-B already has Physics/) as string,
    });

    // 7-A's single Physics period in the lab moves to a slot free for Mr Rao, 7-A and the lab, next to its
    // double when that is free (a run of 3 that "keep" must read as the double and the single).
    const lab7a = all.filter((e) => e.subject === 'Physics' && e.classId === c7a.id);
    const beside = (a: { day: string; period: number }, b: { day: string; period: number }) =>
      a.day === b.day && Math.abs(a.period - b.period) === 1;
    const single = lab7a.find((e) => !lab7a.some((o) => beside(o, e)))!;
    const double = lab7a.filter((e) => e !== single);
    const next = (s: { day: string; period: number }) => (double.some((d) => beside(d, s)) ? 0 : 1);
    const free = smallWeek.days
      .flatMap((day) => [1, 2, 3, 4].map((period) => ({ day, period })))
      .sort((a, b) => next(a) - next(b))
      .find(
        ({ day, period }) =>
          day !== single.day && [rao.id, c7a.id, single.roomId!].every((id) => !taken(id, day, period)),
      )!;
    const moved = await reschedule({ id: single.id, ...free });
    expect(moved).toMatchObject({ ...free, roomName: 'Physics lab', lessonId: single.lessonId });

    const { jobId } = await generateTimetable(
      deps,
      admin,
      timetableGenerate.input.parse({ existing: 'keep' }),
    );
    const kept = await finished(admin, jobId);
    expect(kept.result?.hardViolations).toBe(0);
    expect(kept.result?.entries.filter((e) => !e.kept)).toEqual([]);
    expect(
      kept.result?.entries.filter(
        (e) => e.subject === 'Physics' && e.day === free.day && e.period === free.period,
      ),
    ).toHaveLength(1);
    discardTimetable(admin, { jobId });
  });

  it('names each lesson it cannot place and why: a teacher over their weekly limit', async () => {
    const das = await person('teacher', 'Mr Das');
    const c2a = await createClass(deps, admin, { name: 'Class 2-A', grade: 2, section: 'A' });
    await setAvailability(
      deps,
      admin,
      availabilitySet.input.parse({
        teacherId: das.id,
        unavailable: [],
        maxPeriodsPerDay: 1,
        maxDaysPerWeek: 2,
      }),
    );
    await addLesson({
      classIds: [c2a.id],
      subject: 'Art',
      teacherIds: [das.id],
      groups: [1, 1, 1],
    });
    const { jobId } = await generateTimetable(
      deps,
      admin,
      timetableGenerate.input.parse({
        scope: { kind: 'teachers', teacherIds: [das.id] },
        timeLimitSeconds: 2,
      }),
    );
    const preview = await finished(admin, jobId);
    const result = preview.result!;
    expect(result.entries.filter((e) => !e.kept)).toHaveLength(2);
    expect(result.unplaced).toHaveLength(1);
    expect(result.unplaced[0]).toMatchObject({
      subject: 'Art',
      className: 'Class 2-A',
      teacherName: 'Mr Das',
      length: 1,
      reason: expect.stringMatching(
        /Mr Das can teach at most 2 more periods a week .* and is asked for 3/,
      ) as string,
    });
    discardTimetable(admin, { jobId });
  });

  it('refuses to generate without lessons in the scope', async () => {
    const empty = await createClass(deps, admin, { name: 'Class 1-A', grade: 1, section: 'A' });
    await expect(
      generateTimetable(
        deps,
        admin,
        timetableGenerate.input.parse({ scope: { kind: 'classes', classIds: [empty.id] } }),
      ),
    ).rejects.toSatisfy(code('VALIDATION'));
  });
});
