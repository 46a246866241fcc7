/**
 * Attendance registers on the real engine: who may take and see them, today only for teachers, corrections
 * logged, holidays never counted, the office's excusals and day view, rates checked against values by hand, CSV.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  analyticsClass as analyticsClassChannel,
  analyticsInstitution as analyticsInstitutionChannel,
  analyticsStudent as analyticsStudentChannel,
  attendanceClass as classChannel,
  attendanceDay as dayChannel,
  attendanceExport as exportChannel,
  attendanceSave as saveChannel,
  attendanceStudent as studentChannel,
} from '../../../shared/contract';
import { schoolDayOf } from '../../../shared/domain';
import {
  classAttendance,
  dayAbsences,
  excuseAbsence,
  exportAttendance,
  weekOf,
} from '../../../electron/core/services/attendance';
import {
  classAnalytics,
  institutionAnalytics,
  studentAnalytics,
} from '../../../electron/core/services/analytics';
import type { Actor } from '../../../electron/core/services/context';
import { errorCode as code } from '../../support/services';
import { admin, deps, models, useInstitutions } from '../../support/fixture';
import { DAY, addPeople, daysAgo, p, record, register, save, twoClasses } from '../../support/attendance';

useInstitutions();

let classA: string;
let classB: string;

const today = schoolDayOf(new Date());
/** `student`'s absence from a daily register (period 0), excused by `actor`. */
const excuse = (actor: Actor, at: { classId: string; date: string; student: string; reason: string }) =>
  excuseAbsence(deps, actor, {
    classId: at.classId,
    date: at.date,
    period: 0,
    studentId: p(at.student).userId,
    reason: at.reason,
  });

beforeAll(async () => {
  await addPeople([
    ['teacher', 'Tara'],
    ['teacher', 'Tomas'],
    ['student', 'Asha'],
    ['student', 'Bina'],
    ['student', 'Chen'],
    ['student', 'Dev'],
  ]);
  ({ classA, classB } = await twoClasses(7));
});
describe('taking the register', () => {
  it("shows today's register with everyone present until it is taken; only the class's teachers and the office", async () => {
    const view = await register(p('Tara'), { classId: classA, date: today });
    expect(view).toMatchObject({ taken: false, editable: true, corrections: 0, className: '7-A' });
    expect(view.students.map((s) => [s.name, s.status])).toEqual([
      ['Asha', 'present'],
      ['Bina', 'present'],
      ['Chen', 'present'],
    ]);
    expect(view.counts).toEqual({ present: 3, absent: 0, late: 0, excused: 0 });
    await expect(register(p('Tomas'), { classId: classA, date: today })).rejects.toSatisfy(code('FORBIDDEN'));
    await expect(register(p('Asha'), { classId: classA, date: today })).rejects.toSatisfy(code('FORBIDDEN'));
    expect((await register(admin, { classId: classA, date: today })).editable).toBe(true);
  });

  it('saves in one go; a second save the same day is a correction, and both are logged', async () => {
    const first = await save(p('Tara'), {
      classId: classA,
      date: today,
      entries: [
        { studentId: p('Bina').userId, status: 'absent' },
        { studentId: p('Chen').userId, status: 'late', lateMinutes: 10 },
      ],
    });
    expect(first).toMatchObject({ taken: true, corrections: 0, markedBy: { name: 'Tara' } });
    expect(first.counts).toEqual({ present: 1, absent: 1, late: 1, excused: 0 });
    expect(first.students.find((s) => s.name === 'Chen')).toMatchObject({ status: 'late', lateMinutes: 10 });

    const corrected = await save(p('Tara'), {
      classId: classA,
      date: today,
      entries: [{ studentId: p('Bina').userId, status: 'absent' }],
    });
    expect(corrected.corrections).toBe(1);
    expect(corrected.counts).toEqual({ present: 2, absent: 1, late: 0, excused: 0 });
    saveChannel.output.parse(corrected);

    const log = await models.ActivityLog.find({ targetType: 'ATTENDANCE', targetId: classA }).lean();
    expect(log.map((e) => e.action).sort()).toEqual(['CREATE', 'UPDATE']);
    expect(log.find((e) => e.action === 'UPDATE')?.details).toMatchObject({ correction: true });
  });

  it("refuses a teacher a past day's register (the office may), anyone a future day, and strangers in the list", async () => {
    const yesterday = daysAgo(1);
    expect((await register(p('Tara'), { classId: classA, date: yesterday })).editable).toBe(false);
    await expect(save(p('Tara'), { classId: classA, date: yesterday, entries: [] })).rejects.toSatisfy(
      code('FORBIDDEN'),
    );
    expect((await save(admin, { classId: classA, date: yesterday, entries: [] })).taken).toBe(true);
    const tomorrow = schoolDayOf(new Date(Date.now() + DAY));
    await expect(save(admin, { classId: classA, date: tomorrow, entries: [] })).rejects.toSatisfy(
      code('FORBIDDEN'),
    );
    await expect(
      save(admin, {
        classId: classA,
        date: yesterday,
        entries: [{ studentId: p('Dev').userId, status: 'absent' }],
      }),
    ).rejects.toSatisfy(code('VALIDATION'));
  });

  it('takes nothing on a holiday', async () => {
    const holiday = daysAgo(20);
    await models.Calendar.create({
      title: 'Founders Day',
      date: new Date(`${holiday}T00:00:00.000Z`),
      type: 'holiday',
      createdBy: admin.userId,
    });
    const view = await register(admin, { classId: classA, date: holiday });
    expect(view).toMatchObject({ holiday: 'Founders Day', editable: false });
    await expect(save(admin, { classId: classA, date: holiday, entries: [] })).rejects.toSatisfy(
      code('CONFLICT'),
    );
  });
});

describe('records, rates and the office', () => {
  // Three past days for 7-A, by hand: Asha P P A → 2/3; Bina A E(xcused) L → 1/2; Chen P P P → 1.
  const d1 = daysAgo(6);
  const d2 = daysAgo(5);
  const d3 = daysAgo(4);
  const late = daysAgo(30);

  beforeAll(async () => {
    await save(admin, {
      classId: classA,
      date: d1,
      entries: [{ studentId: p('Bina').userId, status: 'absent' }],
    });
    await save(admin, {
      classId: classA,
      date: d2,
      entries: [{ studentId: p('Bina').userId, status: 'absent' }],
    });
    await save(admin, {
      classId: classA,
      date: d3,
      entries: [
        { studentId: p('Asha').userId, status: 'absent' },
        { studentId: p('Bina').userId, status: 'late', lateMinutes: 5 },
      ],
    });
    // A register taken, and the day made a holiday afterwards: it no longer counts.
    await save(admin, {
      classId: classA,
      date: late,
      entries: [{ studentId: p('Chen').userId, status: 'absent' }],
    });
    await models.Calendar.create({
      title: 'Storm closure',
      date: new Date(`${late}T00:00:00.000Z`),
      type: 'holiday',
      createdBy: admin.userId,
    });
  });

  it('the office excuses an absence with the reason a parent gave, and it is logged', async () => {
    const view = await excuse(admin, {
      classId: classA,
      date: d2,
      student: 'Bina',
      reason: 'Fever, mother called',
    });
    expect(view.students.find((s) => s.name === 'Bina')).toMatchObject({
      status: 'excused',
      reason: 'Fever, mother called',
    });
    expect(view.counts).toEqual({ present: 2, absent: 0, late: 0, excused: 1 });
    await expect(excuse(admin, { classId: classB, date: d2, student: 'Dev', reason: 'x' })).rejects.toSatisfy(
      code('NOT_FOUND'),
    );
    await expect(
      excuse(p('Tara'), { classId: classA, date: d2, student: 'Bina', reason: 'x' }),
    ).rejects.toSatisfy(code('FORBIDDEN'));
  });

  it("a student's record and rate, computed by hand; a student sees only their own", async () => {
    const range = { from: daysAgo(40), to: today };
    const asha = await record(admin, { studentId: p('Asha').userId, ...range });
    expect(asha.counts).toEqual({ present: 4, absent: 1, late: 0, excused: 0 });
    // Asha: today present (corrected), yesterday present, d1 P, d2 P, d3 A; the storm day does not count.
    expect(asha.rate).toBeCloseTo(4 / 5, 10);
    const bina = await record(p('Bina'), range);
    // Bina: today A, yesterday P, d1 A, d2 E, d3 L → attended 2 (P, L) of 4 counted (A, P, A, L).
    expect(bina.counts).toEqual({ present: 1, absent: 2, late: 1, excused: 1 });
    expect(bina.rate).toBeCloseTo(2 / 4, 10);
    expect(bina.days.find((d) => d.date === d2)).toMatchObject({
      status: 'excused',
      reason: 'Fever, mother called',
    });
    expect(bina.days.some((d) => d.date === late)).toBe(false);
    studentChannel.output.parse(bina);

    await expect(record(p('Bina'), { studentId: p('Asha').userId, ...range })).rejects.toSatisfy(
      code('NOT_FOUND'),
    );
    expect((await record(p('Tara'), { studentId: p('Asha').userId, ...range })).counts.absent).toBe(1);
    await expect(record(p('Tomas'), { studentId: p('Asha').userId, ...range })).rejects.toSatisfy(
      code('FORBIDDEN'),
    );
  });

  it("a class's rate per day and the students under the threshold, lowest first", async () => {
    const view = await classAttendance(
      deps,
      p('Tara'),
      classChannel.input.parse({ classId: classA, from: d1, to: d3, threshold: 0.9 }),
    );
    // d1: A P, B A, C P; d2: A P, B E, C P; d3: A A, B L, C P → attended 6 (P/L) of 8 counted.
    expect(view.rate).toBeCloseTo(6 / 8, 10);
    expect(view.days.map((d) => d.date)).toEqual([d1, d2, d3]);
    expect(view.days[1]?.counts).toEqual({ present: 2, absent: 0, late: 0, excused: 1 });
    expect(view.below.map((s) => [s.name, s.rate])).toEqual([
      ['Bina', 0.5],
      ['Asha', 2 / 3],
    ]);
    classChannel.output.parse(view);
  });

  it("today's absences across the school, with who marked them", async () => {
    const day = await dayAbsences(deps, admin, dayChannel.input.parse({ date: today }));
    expect(day).toMatchObject({ classes: 2, registersTaken: 1 });
    expect(day.absences).toEqual([
      expect.objectContaining({ studentName: 'Bina', className: '7-A', status: 'absent', markedBy: 'Tara' }),
    ]);
    dayChannel.output.parse(day);
  });

  it("keeps the day view in the day's summary, rebuilt when registers were written without it", async () => {
    const day = daysAgo(10);
    // A register from before summaries existed: written straight to the collection.
    await models.Attendance.create({
      classId: classB,
      date: day,
      period: 0,
      marks: [{ studentId: p('Dev').userId, status: 'absent' }],
      absent: 1,
      markedBy: admin.userId,
      markedAt: new Date(),
    });
    const view = () => dayAbsences(deps, admin, dayChannel.input.parse({ date: day }));
    expect((await view()).absences).toEqual([
      expect.objectContaining({ studentName: 'Dev', className: '7-B', status: 'absent', markedBy: 'Office' }),
    ]);
    expect(await models.AttendanceDay.countDocuments({ date: day })).toBe(1);

    await excuse(admin, { classId: classB, date: day, student: 'Dev', reason: 'Dentist' });
    expect((await view()).absences).toEqual([
      expect.objectContaining({ studentName: 'Dev', status: 'excused', reason: 'Dentist' }),
    ]);
    // A correction replaces the register's part of the day; other classes' parts stay.
    await save(admin, {
      classId: classA,
      date: day,
      entries: [{ studentId: p('Chen').userId, status: 'late', lateMinutes: 15 }],
    });
    await save(admin, { classId: classB, date: day, entries: [] });
    const after = await view();
    expect(after).toMatchObject({ classes: 2, registersTaken: 2 });
    expect(after.absences).toEqual([
      expect.objectContaining({ studentName: 'Chen', className: '7-A', status: 'late', lateMinutes: 15 }),
    ]);
  });

  it('exports CSV with quoting, and a formula typed as a reason stays text', async () => {
    await excuse(admin, { classId: classA, date: d1, student: 'Bina', reason: '=HYPERLINK("x"), dentist' });
    const out = await exportAttendance(
      deps,
      admin,
      exportChannel.input.parse({ classId: classA, from: d1, to: d3 }),
    );
    const lines = out.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'date,period,class,roll_number,student,status,late_minutes,reason,marked_by,subject',
    );
    expect(out.rows).toBe(9);
    expect(lines).toHaveLength(10);
    expect(out.csv).toContain(`${d1},0,7-A,,Bina,excused,,"'=HYPERLINK(""x""), dentist",Office,\r\n`);
    expect(out.filename).toBe(`attendance-7-A-${d1}-to-${d3}.csv`);
    await expect(
      exportAttendance(deps, p('Tara'), exportChannel.input.parse({ from: d1, to: d3 })),
    ).rejects.toSatisfy(code('VALIDATION'));
  });
});

describe('attendance beside the grades (analytics)', () => {
  // By now (after the tests above), 7-A on d1–d3: Asha P P A; Bina E E L (both absences excused); Chen P P P.
  // Attended (present or late) of counted (present, late, absent): Asha 2/3, Bina 1/1, Chen 3/3; the class 6/7.
  const noon = (day: string) => new Date(`${day}T12:00:00`);
  const window = () => ({ from: noon(d1), to: noon(d3) });
  const d1 = daysAgo(6);
  const d3 = daysAgo(4);

  it("a student's analytics carry their attendance rate, computed by hand", async () => {
    const asha = await studentAnalytics(deps, admin, { studentId: p('Asha').userId, ...window() });
    expect(asha.attendance).toMatchObject({ from: d1, to: d3 });
    expect(asha.attendance.counts).toEqual({ present: 2, absent: 1, late: 0, excused: 0 });
    expect(asha.attendance.rate).toBeCloseTo(2 / 3, 10);
    analyticsStudentChannel.output.parse(asha);
    // Without a window, the last year: the storm day (a holiday added after its register) does not count.
    const chen = await studentAnalytics(deps, p('Chen'), {});
    expect(chen.attendance.counts.absent).toBe(0);
    expect(chen.attendance.rate).toBe(1);
  });

  it("a class's analytics carry the class's and each student's rate", async () => {
    const view = await classAnalytics(deps, p('Tara'), { classId: classA, ...window() });
    expect(view.attendance.rate).toBeCloseTo(6 / 7, 10);
    expect(view.attendance.counts).toEqual({ present: 5, absent: 1, late: 1, excused: 2 });
    const rates = Object.fromEntries(view.perStudent.map((s) => [s.name, s.attendanceRate]));
    expect(rates.Asha).toBeCloseTo(2 / 3, 10);
    expect(rates).toMatchObject({ Bina: 1, Chen: 1 });
    analyticsClassChannel.output.parse(view);
  });

  it("the institution's analytics: each class's rate, the school's, and today's registers", async () => {
    const view = await institutionAnalytics(deps, admin, window());
    const byName = Object.fromEntries(view.perClass.map((c) => [c.name, c.attendanceRate]));
    expect(byName['7-A']).toBeCloseTo(6 / 7, 10);
    expect(byName['7-B']).toBeNull();
    expect(view.attendance.rate).toBeCloseTo(6 / 7, 10);
    // Today: 7-A's register only (Asha and Chen present, Bina absent).
    expect(view.attendance.today).toEqual({
      classes: 2,
      registersTaken: 1,
      counts: { present: 2, absent: 1, late: 0, excused: 0 },
      rate: 2 / 3,
    });
    analyticsInstitutionChannel.output.parse(view);
    // The same figures from the registers themselves when the days' summaries are missing (older data).
    await models.AttendanceDay.deleteMany({});
    const fromRegisters = await institutionAnalytics(deps, admin, window());
    expect(fromRegisters.perClass).toEqual(view.perClass);
    expect(fromRegisters.attendance).toEqual(view.attendance);
  });

  it('attendance.class adds the rate per week (weeks start on Monday)', async () => {
    const view = await classAttendance(
      deps,
      admin,
      classChannel.input.parse({ classId: classA, from: d1, to: d3 }),
    );
    const total = view.weeks.reduce((n, w) => n + w.counts.present + w.counts.late + w.counts.absent, 0);
    expect(total).toBe(7);
    expect(view.weeks.every((w) => new Date(`${w.week}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(view.weeks.map((w) => w.week)).toEqual([...new Set([d1, daysAgo(5), d3].map(weekOf))]);
  });
});
