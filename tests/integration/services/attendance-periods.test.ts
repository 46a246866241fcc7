/**
 * Attendance taken in every lesson, on the real engine: the school's setting (who may change it, logged), the
 * lesson's teacher takes its register, the registers of the daily mode stay readable and keep counting, the
 * office's day with each student's whole day, rates over lessons and days counted by hand, CSV, analytics, and
 * switching back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  analyticsInstitution as analyticsInstitutionChannel,
  attendanceClass as classChannel,
  attendanceDay as dayChannel,
  attendanceExcuse as excuseChannel,
  attendanceExport as exportChannel,
  attendanceStudent as studentChannel,
  schedulesCreate,
  weekUpdate,
} from '../../../shared/contract';
import { WEEKDAYS, schoolDayOf, weekdayOfSchoolDay } from '../../../shared/domain';
import { defaultPeriods } from '../../../shared/school-week';
import {
  classAttendance,
  dayAbsences,
  excuseAbsence,
  exportAttendance,
} from '../../../electron/core/services/attendance';
import {
  getAttendanceSettings,
  updateAttendanceSettings,
} from '../../../electron/core/services/attendance-mode';
import { institutionAnalytics, studentAnalytics } from '../../../electron/core/services/analytics';
import { createSchedule } from '../../../electron/core/services/schedules';
import { updateWeek } from '../../../electron/core/services/timetable/week-settings';
import { errorCode as code } from '../../support/services';
import { admin, deps, models, useInstitutions } from '../../support/fixture';
import { addPeople, daysAgo, p, record, register, save, twoClasses } from '../../support/attendance';

useInstitutions();

const today = schoolDayOf(new Date());
// The same weekday as today, so the timetable's lessons fall on them too; d0 is taken while the school is daily.
const d0 = daysAgo(21);
const d1 = daysAgo(14);
const d2 = daysAgo(7);

let classA: string;
let classB: string;

const marks = (absent: string[], late: string[] = []) => [
  ...absent.map((n) => ({ studentId: p(n).userId, status: 'absent' as const })),
  ...late.map((n) => ({ studentId: p(n).userId, status: 'late' as const, lateMinutes: 5 })),
];

beforeAll(async () => {
  await addPeople([
    ['teacher', 'Tara'],
    ['teacher', 'Omar'],
    ['teacher', 'Priya'],
    ['student', 'Asha'],
    ['student', 'Bina'],
    ['student', 'Chen'],
    ['student', 'Dev'],
  ]);
  ({ classA, classB } = await twoClasses(8));
  // Every day a school day, so today has lessons whatever day the suite runs.
  await updateWeek(deps, admin, weekUpdate.input.parse({ days: [...WEEKDAYS], periods: defaultPeriods(6) }));
  const day = weekdayOfSchoolDay(today);
  for (const [teacher, period, subject] of [
    ['Omar', 1, 'Maths'],
    ['Priya', 2, 'Science'],
  ] as const) {
    await createSchedule(
      deps,
      admin,
      schedulesCreate.input.parse({ teacherId: p(teacher).userId, classId: classA, subject, day, period }),
    );
  }
});

describe('the setting', () => {
  it('is daily until the admin chooses; everyone reads it, only the admin changes it, and a change is logged once', async () => {
    expect(await getAttendanceSettings(deps, p('Asha'))).toEqual({ mode: 'daily' });
    // A register of the daily mode, taken before the change.
    await save(admin, { classId: classA, date: d0, entries: marks(['Bina']) });

    await expect(updateAttendanceSettings(deps, p('Tara'), { mode: 'period' })).rejects.toSatisfy(
      code('FORBIDDEN'),
    );
    const changed = await updateAttendanceSettings(deps, admin, { mode: 'period' });
    expect(changed.mode).toBe('period');
    expect(changed.updatedAt).toBeInstanceOf(Date);
    await updateAttendanceSettings(deps, admin, { mode: 'period' });
    expect((await getAttendanceSettings(deps, p('Omar'))).mode).toBe('period');
    const log = await models.ActivityLog.find({ targetType: 'ATTENDANCE_SETTINGS' }).lean();
    expect(log.map((e): unknown => e.details)).toEqual([{ from: 'daily', to: 'period' }]);
  });

  it("keeps the daily mode's registers readable, but no longer takes them", async () => {
    const old = await register(admin, { classId: classA, date: d0, period: 0 });
    expect(old).toMatchObject({ taken: true, mode: 'period', editable: false });
    expect(old.readOnlyReason).toMatch(/every lesson/);
    expect(old.students.find((s) => s.name === 'Bina')?.status).toBe('absent');
    await expect(save(admin, { classId: classA, date: d0, period: 0, entries: [] })).rejects.toSatisfy(
      code('VALIDATION'),
    );
  });
});

describe('a register per lesson', () => {
  it("the lesson's teacher takes it; not the class teacher, not another lesson's teacher; a period without a lesson is not found", async () => {
    const view = await register(p('Omar'), { classId: classA, date: today, period: 1 });
    expect(view).toMatchObject({ editable: true, subject: 'Maths', taken: false, period: 1 });
    const notHis = await register(p('Omar'), { classId: classA, date: today, period: 2 });
    expect(notHis).toMatchObject({ editable: false, subject: 'Science' });
    await expect(save(p('Omar'), { classId: classA, date: today, period: 2, entries: [] })).rejects.toSatisfy(
      code('FORBIDDEN'),
    );
    await expect(save(p('Tara'), { classId: classA, date: today, period: 1, entries: [] })).rejects.toSatisfy(
      code('FORBIDDEN'),
    );
    await expect(save(p('Omar'), { classId: classA, date: today, period: 5, entries: [] })).rejects.toSatisfy(
      code('NOT_FOUND'),
    );
    await expect(save(p('Omar'), { classId: classA, date: today, entries: [] })).rejects.toSatisfy(
      code('VALIDATION'),
    );

    // Today: P1 Asha A, Bina A; P2 Asha A, Bina late. Omar corrects his register once.
    await save(p('Omar'), { classId: classA, date: today, period: 1, entries: marks(['Asha']) });
    const corrected = await save(p('Omar'), {
      classId: classA,
      date: today,
      period: 1,
      entries: marks(['Asha', 'Bina']),
    });
    expect(corrected).toMatchObject({ corrections: 1, subject: 'Maths', markedBy: { name: 'Omar' } });
    await save(p('Priya'), {
      classId: classA,
      date: today,
      period: 2,
      entries: marks(['Asha'], ['Bina']),
    });
    // In the order written: without a sort the engine may answer in an index's order (newest first).
    const log = await models.ActivityLog.find({ targetType: 'ATTENDANCE', targetId: classA })
      .sort({ timestamp: 1, _id: 1 })
      .lean();
    expect(log.filter((e) => e.targetName === `8-A, ${today}, period 1`).map((e) => e.action)).toEqual([
      'CREATE',
      'UPDATE',
    ]);

    // The office fills in past lessons: d1 Bina away all day; d2 Chen away from the first lesson, Asha late.
    await save(admin, { classId: classA, date: d1, period: 1, entries: marks(['Bina']) });
    await save(admin, { classId: classA, date: d1, period: 2, entries: marks(['Bina']) });
    await save(admin, { classId: classA, date: d2, period: 1, entries: marks(['Chen']) });
    await save(admin, { classId: classA, date: d2, period: 2, entries: marks([], ['Asha']) });
  });

  it("the office's day: lessons against lesson registers, and each student's whole day", async () => {
    const day = await dayAbsences(deps, admin, dayChannel.input.parse({ date: today }));
    expect(day).toMatchObject({
      mode: 'period',
      classes: 2,
      registersTaken: 1,
      lessons: 2,
      lessonsTaken: 2,
    });
    expect(day.absences.map((a) => [a.studentName, a.period, a.status, a.dayStatus])).toEqual([
      ['Asha', 1, 'absent', 'absent'],
      ['Asha', 2, 'absent', 'absent'],
      ['Bina', 1, 'absent', 'partial'],
      ['Bina', 2, 'late', 'partial'],
    ]);
    dayChannel.output.parse(day);
  });
});

describe('rates over lessons, days by hand', () => {
  // d0 (daily): Asha P, Bina A, Chen P.
  // d1 P1/P2: Asha P P, Bina A A, Chen P P.   d2 P1/P2: Asha P L, Bina P P, Chen A P.
  // today P1/P2: Asha A A, Bina A L, Chen P P.
  // Asha: present 4, late 1, absent 2 → 5/7; days: present (d0, d1), late (d2), absent (today).
  // Bina: present 2, late 1, absent 4 → 3/7; days: absent (d0, d1), present (d2), partial (today).
  // Chen: present 6, absent 1 → 6/7; days: present (d0, d1, today), partial (d2).
  // The class: attended 14 of 21 → 2/3.
  const range = { from: d0, to: today };

  it("a student's record: marks over lessons, days whole or partial", async () => {
    const asha = await record(admin, { studentId: p('Asha').userId, ...range });
    expect(asha).toMatchObject({ mode: 'period' });
    expect(asha.counts).toEqual({ present: 4, absent: 2, late: 1, excused: 0 });
    expect(asha.rate).toBeCloseTo(5 / 7, 10);
    expect(asha.dayCounts).toEqual({ present: 2, absent: 1, late: 1, excused: 0, partial: 0 });
    const bina = await record(p('Bina'), range);
    expect(bina.rate).toBeCloseTo(3 / 7, 10);
    expect(bina.dayCounts).toEqual({ present: 1, absent: 2, late: 0, excused: 0, partial: 1 });
    expect(bina.days.filter((d) => d.date === today).map((d) => [d.period, d.status])).toEqual([
      [1, 'absent'],
      [2, 'late'],
    ]);
    const chen = await record(admin, { studentId: p('Chen').userId, ...range });
    expect(chen.rate).toBeCloseTo(6 / 7, 10);
    expect(chen.dayCounts).toEqual({ present: 3, absent: 0, late: 0, excused: 0, partial: 1 });
    studentChannel.output.parse(chen);
  });

  it("the class's rate and the students under the threshold, with days missed", async () => {
    const view = await classAttendance(
      deps,
      p('Tara'),
      classChannel.input.parse({ classId: classA, ...range, threshold: 0.9 }),
    );
    expect(view.rate).toBeCloseTo(2 / 3, 10);
    expect(view.days.map((d) => [d.date, d.counts])).toEqual([
      [d0, { present: 2, absent: 1, late: 0, excused: 0 }],
      [d1, { present: 4, absent: 2, late: 0, excused: 0 }],
      [d2, { present: 4, absent: 1, late: 1, excused: 0 }],
      [today, { present: 2, absent: 3, late: 1, excused: 0 }],
    ]);
    expect(view.below.map((s) => [s.name, s.absent, s.daysAbsent, s.partialDays])).toEqual([
      ['Bina', 4, 2, 1],
      ['Asha', 2, 1, 0],
      ['Chen', 1, 0, 1],
    ]);
    expect(view.below.map((s) => s.rate)).toEqual([3 / 7, 5 / 7, 6 / 7]);
    classChannel.output.parse(view);
  });

  it('the analytics count the same lessons', async () => {
    const noon = (day: string) => new Date(`${day}T12:00:00`);
    const asha = await studentAnalytics(deps, admin, {
      studentId: p('Asha').userId,
      from: noon(d0),
      to: noon(today),
    });
    expect(asha.attendance.rate).toBeCloseTo(5 / 7, 10);
    const school = await institutionAnalytics(deps, admin, { from: noon(d0), to: noon(today) });
    expect(school.perClass.find((c) => c.name === '8-A')?.attendanceRate).toBeCloseTo(2 / 3, 10);
    expect(school.attendance.today).toMatchObject({
      registersTaken: 1,
      counts: { present: 2, absent: 3, late: 1, excused: 0 },
      rate: 3 / 6,
    });
    analyticsInstitutionChannel.output.parse(school);
  });

  it('exports one row per lesson mark, with the period and the lesson', async () => {
    const out = await exportAttendance(deps, admin, exportChannel.input.parse({ classId: classA, ...range }));
    expect(out.rows).toBe(21);
    const lines = out.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'date,period,class,roll_number,student,status,late_minutes,reason,marked_by,subject',
    );
    expect(lines).toContain(`${today},1,8-A,,Asha,absent,,,Omar,Maths`);
    expect(lines).toContain(`${today},2,8-A,,Bina,late,5,,Priya,Science`);
    expect(lines).toContain(`${d0},0,8-A,,Bina,absent,,,Office,`);
  });
});

describe('a parent calls about a day of lessons', () => {
  it('excuses every lesson the student missed that day at once; a lesson attended stays attended', async () => {
    const excuse = (name: string, reason: string) =>
      excuseAbsence(
        deps,
        admin,
        excuseChannel.input.parse({
          classId: classA,
          date: today,
          period: 1,
          studentId: p(name).userId,
          reason,
          allDay: true,
        }),
      );
    const first = await excuse('Asha', 'Flu, father called');
    expect(first.students.find((s) => s.name === 'Asha')).toMatchObject({ status: 'excused' });
    // Chen was in the first lesson (marked present) and the second: only the named lesson changes.
    await excuse('Chen', 'Left for the dentist');
    const second = await register(admin, { classId: classA, date: today, period: 2 });
    expect(second.students.map((s) => [s.name, s.status, s.reason])).toEqual([
      ['Asha', 'excused', 'Flu, father called'],
      ['Bina', 'late', undefined],
      ['Chen', 'present', undefined],
    ]);
    const day = await dayAbsences(deps, admin, dayChannel.input.parse({ date: today }));
    expect(
      day.absences.filter((a) => a.studentName === 'Asha').map((a) => [a.period, a.status, a.dayStatus]),
    ).toEqual([
      [1, 'excused', 'excused'],
      [2, 'excused', 'excused'],
    ]);
    const log = await models.ActivityLog.find({ targetType: 'ATTENDANCE' }).lean();
    expect(log.filter((e) => e.targetName?.endsWith('Asha')).map((e): unknown => e.details)).toEqual([
      { studentId: p('Asha').userId, status: 'excused', reason: 'Flu, father called', periods: [1, 2] },
    ]);
  });
});

describe('switching back to daily', () => {
  it("keeps the lessons' registers readable and counted; the day's register is taken again", async () => {
    await updateAttendanceSettings(deps, admin, { mode: 'daily' });
    const lesson = await register(p('Omar'), { classId: classA, date: today, period: 1 });
    expect(lesson).toMatchObject({ taken: true, editable: false, subject: 'Maths' });
    await expect(save(p('Omar'), { classId: classA, date: today, period: 1, entries: [] })).rejects.toSatisfy(
      code('VALIDATION'),
    );
    const bina = await record(admin, { studentId: p('Bina').userId, from: d0, to: today });
    expect(bina.rate).toBeCloseTo(3 / 7, 10);
    expect(bina.mode).toBe('daily');

    // The class teacher takes today's day register of 8-B; the day view counts it beside the lessons.
    await save(admin, { classId: classB, date: today, entries: marks(['Dev']) });
    const day = await dayAbsences(deps, admin, dayChannel.input.parse({ date: today }));
    expect(day).toMatchObject({ mode: 'daily', registersTaken: 2, lessonsTaken: 2 });
    expect(day.lessons).toBeUndefined();
    expect(day.absences.find((a) => a.studentName === 'Dev')).toMatchObject({
      period: 0,
      dayStatus: 'absent',
    });
  });
});
