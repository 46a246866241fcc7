import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyticsClass, analyticsInstitution, analyticsStudent } from '../../../shared/contract';
import { dayKey } from '../../../electron/core/db/aggregate-in-service';
import {
  classAnalytics,
  institutionAnalytics,
  seriesRange,
  studentAnalytics,
} from '../../../electron/core/services/analytics';
import { type AppError } from '../../../electron/core/errors/app-error';
import { addStudents, assignTeacher, createClass } from '../../../electron/core/services/classes';
import type { Actor } from '../../../electron/core/services/context';
import { createUser } from '../../../electron/core/services/users';
import { anyText, origin, errorCode as code } from '../../support/services';
import { admin, deps, models, other, useInstitutions } from '../../support/fixture';

useInstitutions();

/**
 * One school, seeded as a term would leave it ("now" is 15 October 2025, noon UTC):
 *
 *   Class 9-A (grade 9): Asha, Bina, Chandra; class teacher T1; T2 teaches it in the timetable.
 *   Class 10-A (grade 10): Dev, Esha; class teacher T3.   Farah: enrolled nowhere.
 *
 *   Essay   (T1, 9-A,        due 1 Oct):  Asha graded 85 · Bina submitted (late) · Chandra nothing → overdue
 *                                         (+ a stale graded row of Dev, who is not in 9-A: out of view)
 *   Quiz    (T2, 9-A + 10-A, due 10 Oct): Asha 92 · Bina 67 · Chandra reassigned (pending) → overdue ·
 *                                         Dev 100 · Esha nothing → overdue
 *   Project (T1, 9-A,        due 30 Oct): Asha submitted early · Bina, Chandra pending
 *   Lab     (T3, 10-A,       due 20 Sep): Dev 45 · Esha submitted (late)
 */
const NOW = new Date('2025-10-15T12:00:00.000Z');
const at = (iso: string) => new Date(iso);
const TZ = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const actors: Record<string, Actor> = {};
const ids: Record<string, string> = {};

function actorOf(id: string, username: string, role: 'teacher' | 'student'): Actor {
  return { userId: id, username, role, databaseName: admin.databaseName, ...origin };
}

async function person(role: 'teacher' | 'student', name: string): Promise<void> {
  const u = await createUser(deps, admin, { role, username: name, password: 'Secret123', name });
  ids[name] = u.id;
  actors[name] = actorOf(u.id, u.username, role);
}

const oid = (name: string) => new Types.ObjectId(ids[name]);

/** The ten buckets with the given counts ("80–89": 1). */
function buckets(counts: Record<string, number>) {
  return Array.from({ length: 10 }, (_, i) => {
    const min = i * 10;
    const max = i === 9 ? 100 : min + 9;
    const label = `${min}–${max}`;
    return { label, min, max, count: counts[label] ?? 0 };
  });
}

/** Expected non-zero days of a series, in the station's time zone (as the service reports them). */
function nonZero<T extends { day: string }>(series: T[], key: keyof T): Record<string, number> {
  return Object.fromEntries(series.filter((d) => d[key] !== 0).map((d) => [d.day, d[key] as number]));
}
function countByDay(dates: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of dates) out[dayKey(at(d), TZ)] = (out[dayKey(at(d), TZ)] ?? 0) + 1;
  return out;
}

beforeAll(async () => {
  for (const t of ['T1', 'T2', 'T3']) await person('teacher', t);
  for (const s of ['Asha', 'Bina', 'Chandra', 'Dev', 'Esha', 'Farah']) await person('student', s);
  const nineA = await createClass(deps, admin, { name: 'Class 9-A', grade: 9, section: 'A' });
  const tenA = await createClass(deps, admin, { name: 'Class 10-A', grade: 10, section: 'A' });
  ids['9-A'] = nineA.id;
  ids['10-A'] = tenA.id;
  await assignTeacher(deps, admin, nineA.id, ids.T1!);
  await assignTeacher(deps, admin, tenA.id, ids.T3!);
  await addStudents(deps, admin, nineA.id, [ids.Asha!, ids.Bina!, ids.Chandra!]);
  await addStudents(deps, admin, tenA.id, [ids.Dev!, ids.Esha!]);
  await models.Schedule.create({
    teacherId: oid('T2'),
    classId: oid('9-A'),
    subject: 'Mathematics',
    day: 'Monday',
    period: 1,
    timeSlot: '9:00-9:45',
  });
  await models.Subject.create([
    { name: 'Mathematics', code: 'MATH9', grade: 9 },
    { name: 'Science', code: 'SCI10', grade: 10 },
  ]);

  const graded = (name: string, grade: number, submittedAt: string) => ({
    studentId: oid(name),
    status: 'graded',
    grade,
    submittedAt: at(submittedAt),
    outcome: 'accepted',
    isAccepted: true,
  });
  const submitted = (name: string, submittedAt: string) => ({
    studentId: oid(name),
    status: 'submitted',
    submittedAt: at(submittedAt),
  });
  const [essay, quiz, project, lab] = await models.Assignment.create([
    {
      title: 'Essay',
      teacherId: oid('T1'),
      classIds: [oid('9-A')],
      dueDate: at('2025-10-01T23:59:00Z'),
      submissions: [
        graded('Asha', 85, '2025-09-30T10:00:00Z'),
        submitted('Bina', '2025-10-02T09:00:00Z'),
        graded('Dev', 10, '2025-09-29T10:00:00Z'),
      ],
    },
    {
      title: 'Quiz',
      teacherId: oid('T2'),
      classIds: [oid('9-A'), oid('10-A')],
      dueDate: at('2025-10-10T23:59:00Z'),
      submissions: [
        graded('Asha', 92, '2025-10-09T08:00:00Z'),
        graded('Bina', 67, '2025-10-09T15:00:00Z'),
        { studentId: oid('Chandra'), status: 'pending', outcome: 'reassigned', isAccepted: false },
        graded('Dev', 100, '2025-10-08T10:00:00Z'),
      ],
    },
    {
      title: 'Project',
      teacherId: oid('T1'),
      classIds: [oid('9-A')],
      dueDate: at('2025-10-30T23:59:00Z'),
      submissions: [submitted('Asha', '2025-10-14T11:00:00Z')],
    },
    {
      title: 'Lab',
      teacherId: oid('T3'),
      classIds: [oid('10-A')],
      dueDate: at('2025-09-20T23:59:00Z'),
      submissions: [graded('Dev', 45, '2025-09-19T10:00:00Z'), submitted('Esha', '2025-09-21T10:00:00Z')],
    },
  ]);
  ids.Essay = essay!.id;
  ids.Quiz = quiz!.id;
  ids.Project = project!.id;
  ids.Lab = lab!.id;

  await models.ActivityLog.insertMany(
    [
      ['LOGIN', '2025-10-14T07:00:00Z'],
      ['LOGIN', '2025-10-14T08:00:00Z'],
      ['LOGIN', '2025-10-15T07:00:00Z'],
      ['LOGIN_FAILED', '2025-10-15T07:05:00Z'],
      ['LOGIN', '2025-06-01T07:00:00Z'], // more than 90 days ago
    ].map(([action, timestamp]) => ({
      username: 'someone',
      role: 'student',
      action,
      targetType: 'USER',
      timestamp: at(timestamp!),
    })),
  );
  await models.Message.insertMany(
    ['2025-10-13T09:00:00Z', '2025-10-13T10:00:00Z', '2025-10-13T11:00:00Z', '2025-10-15T09:00:00Z'].map(
      (timestamp) => ({
        senderId: oid('T1'),
        receiverId: oid('Asha'),
        message: 'Hi',
        timestamp: at(timestamp),
      }),
    ),
  );
});
const student = (actor: Actor, input: Record<string, unknown> = {}) =>
  studentAnalytics(deps, actor, analyticsStudent.input.parse(input), NOW).then((r) =>
    analyticsStudent.output.parse(r),
  );
const klass = (actor: Actor, input: Record<string, unknown>) =>
  classAnalytics(deps, actor, analyticsClass.input.parse(input), NOW).then((r) =>
    analyticsClass.output.parse(r),
  );
const institution = (actor: Actor, input: Record<string, unknown> = {}) =>
  institutionAnalytics(deps, actor, analyticsInstitution.input.parse(input), NOW).then((r) =>
    analyticsInstitution.output.parse(r),
  );

describe('analytics.student', () => {
  it("a student's own figures: states, completion, average, distribution and grades in due-date order", async () => {
    const asha = await student(actors.Asha!);
    expect(asha).toEqual({
      studentId: ids.Asha,
      name: 'Asha',
      assignments: 3,
      states: { pending: 0, submitted: 1, graded: 2, overdue: 0 },
      completionRate: 1,
      averageGrade: 88.5,
      distribution: buckets({ '80–89': 1, '90–100': 1 }),
      grades: [
        { assignmentId: ids.Essay, title: 'Essay', dueDate: at('2025-10-01T23:59:00Z'), grade: 85 },
        { assignmentId: ids.Quiz, title: 'Quiz', dueDate: at('2025-10-10T23:59:00Z'), grade: 92 },
      ],
      // No register was taken here (tests/integration/services/attendance.test.ts checks the rates).
      attendance: {
        from: anyText,
        to: anyText,
        counts: { present: 0, absent: 0, late: 0, excused: 0 },
        rate: null,
      },
    });
    // Their own id works the same as none.
    expect(await student(actors.Asha!, { studentId: ids.Asha })).toEqual(asha);
  });

  it('overdue: nothing handed in (or sent back) past the due date; work not yet due does not count', async () => {
    const chandra = await student(actors.Chandra!);
    expect(chandra).toMatchObject({
      assignments: 3,
      states: { pending: 1, submitted: 0, graded: 0, overdue: 2 },
      completionRate: 0,
      distribution: buckets({}),
      grades: [],
    });
    expect(chandra).not.toHaveProperty('averageGrade');
    const esha = await student(actors.Esha!);
    expect(esha).toMatchObject({
      assignments: 2,
      states: { pending: 0, submitted: 1, graded: 0, overdue: 1 },
      completionRate: 0.5,
    });
  });

  it('a window by due date narrows the figures', async () => {
    const bina = await student(actors.Bina!, { from: '2025-10-05', to: '2025-10-31' });
    expect(bina).toMatchObject({
      assignments: 2,
      states: { pending: 1, submitted: 0, graded: 1, overdue: 0 },
      completionRate: 1,
      averageGrade: 67,
      grades: [{ assignmentId: ids.Quiz, title: 'Quiz', grade: 67 }],
    });
  });

  it('rows of students no longer in the class are out of view; no class means no figures', async () => {
    const dev = await student(admin, { studentId: ids.Dev });
    expect(dev).toMatchObject({
      assignments: 2,
      states: { pending: 0, submitted: 0, graded: 2, overdue: 0 },
      completionRate: 1,
      averageGrade: 72.5,
      distribution: buckets({ '40–49': 1, '90–100': 1 }),
    });
    expect(dev.grades.map((g) => g.title)).toEqual(['Lab', 'Quiz']);
    const farah = await student(admin, { studentId: ids.Farah });
    expect(farah).toMatchObject({
      assignments: 0,
      states: { pending: 0, submitted: 0, graded: 0, overdue: 0 },
      completionRate: 0,
      grades: [],
    });
  });

  it('a student asking about another student is NOT_FOUND', async () => {
    await expect(student(actors.Asha!, { studentId: ids.Bina })).rejects.toSatisfy(code('NOT_FOUND'));
  });

  it('a teacher sees students of classes they lead or teach, with every teacher’s assignments', async () => {
    // T1 leads 9-A; T2 teaches it in the timetable; T3 leads 10-A and sees T2's Quiz for Dev.
    expect((await student(actors.T1!, { studentId: ids.Asha })).averageGrade).toBe(88.5);
    expect((await student(actors.T2!, { studentId: ids.Bina })).states.submitted).toBe(1);
    expect((await student(actors.T3!, { studentId: ids.Dev })).assignments).toBe(2);
    for (const [teacher, studentName] of [
      ['T1', 'Dev'],
      ['T2', 'Esha'],
      ['T3', 'Asha'],
      ['T1', 'Farah'],
    ] as const) {
      await expect(student(actors[teacher]!, { studentId: ids[studentName] })).rejects.toSatisfy(
        code('NOT_FOUND'),
      );
    }
  });

  it('admin and teachers must name a student; a teacher id or another school’s student is NOT_FOUND', async () => {
    await expect(student(admin)).rejects.toSatisfy(
      (err: unknown) => code('VALIDATION')(err) && (err as AppError).fields?.studentId !== undefined,
    );
    await expect(student(actors.T1!)).rejects.toSatisfy(code('VALIDATION'));
    await expect(student(admin, { studentId: ids.T1 })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(student(other, { studentId: ids.Asha })).rejects.toSatisfy(code('NOT_FOUND'));
  });
});

describe('analytics.class', () => {
  it('completion, average, distribution, per-student rows and daily hand-ins of the last 90 days', async () => {
    const c = await klass(admin, { classId: ids['9-A'] });
    expect(c).toMatchObject({
      classId: ids['9-A'],
      name: 'Class 9-A',
      students: 3,
      assignments: 3,
      // 5 handed in (3 graded + 2 submitted) of 7 due-or-handed-in rows; 2 rows are not due yet.
      completionRate: 0.7143,
      averageGrade: 81.33,
      distribution: buckets({ '60–69': 1, '80–89': 1, '90–100': 1 }),
      perStudent: [
        { studentId: ids.Asha, name: 'Asha', completionRate: 1, averageGrade: 88.5, overdue: 0 },
        { studentId: ids.Bina, name: 'Bina', completionRate: 1, averageGrade: 67, overdue: 0 },
        { studentId: ids.Chandra, name: 'Chandra', completionRate: 0, overdue: 2 },
      ],
    });
    expect(c.perStudent[2]).not.toHaveProperty('averageGrade');
    expect(c.perDay).toHaveLength(90);
    expect(c.perDay[0]?.day).toBe(dayKey(new Date(NOW.getTime() - 89 * 86_400_000), TZ));
    expect(c.perDay.at(-1)?.day).toBe(dayKey(NOW, TZ));
    // Dev's hand-ins (not in 9-A) are not this class's.
    expect(nonZero(c.perDay, 'submissions')).toEqual(
      countByDay([
        '2025-09-30T10:00:00Z',
        '2025-10-02T09:00:00Z',
        '2025-10-09T08:00:00Z',
        '2025-10-09T15:00:00Z',
        '2025-10-14T11:00:00Z',
      ]),
    );
  });

  it('a window narrows the assignments by due date and the series to its days', async () => {
    const c = await klass(admin, { classId: ids['9-A'], from: '2025-10-05', to: '2025-10-31' });
    expect(c).toMatchObject({ assignments: 2, completionRate: 0.75, averageGrade: 79.5 });
    expect(c.perDay).toHaveLength(27);
    expect(c.perDay[0]?.day).toBe(dayKey(at('2025-10-05T00:00:00Z'), TZ));
    expect(c.perDay.reduce((n, d) => n + d.submissions, 0)).toBe(3);
  });

  it('a teacher sees classes they lead or teach; others and other schools get NOT_FOUND', async () => {
    expect((await klass(actors.T1!, { classId: ids['9-A'] })).students).toBe(3);
    expect((await klass(actors.T2!, { classId: ids['9-A'] })).students).toBe(3);
    const tenA = await klass(actors.T3!, { classId: ids['10-A'] });
    expect(tenA).toMatchObject({ students: 2, assignments: 2, completionRate: 0.75, averageGrade: 72.5 });
    await expect(klass(actors.T2!, { classId: ids['10-A'] })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(klass(actors.T3!, { classId: ids['9-A'] })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(klass(other, { classId: ids['9-A'] })).rejects.toSatisfy(code('NOT_FOUND'));
  });
});

describe('analytics.institution', () => {
  it('totals, completion, average, distribution, per-class figures and daily activity', async () => {
    const r = await institution(admin);
    expect(r).toMatchObject({
      totals: { teachers: 3, students: 6, classes: 2, subjects: 2, assignments: 4 },
      // 13 rows: 5 graded + 3 submitted handed in, 3 overdue, 2 not yet due → 8 / 11.
      completionRate: 0.7273,
      // 5 of the 8 handed in are graded.
      gradingRate: 0.625,
      averageGrade: 77.8,
      distribution: buckets({ '40–49': 1, '60–69': 1, '80–89': 1, '90–100': 2 }),
      perClass: [
        {
          classId: ids['9-A'],
          name: 'Class 9-A',
          grade: 9,
          students: 3,
          completionRate: 0.7143,
          averageGrade: 81.33,
        },
        {
          classId: ids['10-A'],
          name: 'Class 10-A',
          grade: 10,
          students: 2,
          completionRate: 0.75,
          averageGrade: 72.5,
        },
      ],
    });
    expect(r.perDay).toHaveLength(90);
    expect(r.perDay.at(-1)?.day).toBe(dayKey(NOW, TZ));
    expect(nonZero(r.perDay, 'logins')).toEqual(
      countByDay(['2025-10-14T07:00:00Z', '2025-10-14T08:00:00Z', '2025-10-15T07:00:00Z']),
    );
    expect(nonZero(r.perDay, 'messages')).toEqual(
      countByDay([
        '2025-10-13T09:00:00Z',
        '2025-10-13T10:00:00Z',
        '2025-10-13T11:00:00Z',
        '2025-10-15T09:00:00Z',
      ]),
    );
    // Every hand-in is activity, including one on a row that is out of view for the figures.
    expect(nonZero(r.perDay, 'submissions')).toEqual(
      countByDay([
        '2025-09-30T10:00:00Z',
        '2025-10-02T09:00:00Z',
        '2025-09-29T10:00:00Z',
        '2025-10-09T08:00:00Z',
        '2025-10-09T15:00:00Z',
        '2025-10-08T10:00:00Z',
        '2025-10-14T11:00:00Z',
        '2025-09-19T10:00:00Z',
        '2025-09-21T10:00:00Z',
      ]),
    );
  });

  it('a window narrows assignments by due date and the series to its days', async () => {
    const r = await institution(admin, { from: '2025-09-15', to: '2025-09-30' });
    // Only the Lab is due then: Dev 45, Esha submitted.
    expect(r).toMatchObject({
      totals: { assignments: 1, students: 6 },
      completionRate: 1,
      averageGrade: 45,
      distribution: buckets({ '40–49': 1 }),
    });
    expect(r.perDay).toHaveLength(16);
    expect(r.perDay.reduce((n, d) => n + d.logins + d.messages, 0)).toBe(0);
  });

  it("another institution's admin sees only their own, empty school", async () => {
    const r = await institution(other);
    expect(r).toMatchObject({
      totals: { teachers: 0, students: 0, classes: 0, subjects: 0, assignments: 0 },
      completionRate: 0,
      distribution: buckets({}),
      perClass: [],
    });
    expect(r).not.toHaveProperty('averageGrade');
    expect(r.perDay.every((d) => d.logins + d.messages + d.submissions === 0)).toBe(true);
  });

  it('is the admin’s alone', async () => {
    await expect(institution(actors.T1!)).rejects.toSatisfy(code('FORBIDDEN'));
  });
});

describe('daily series range', () => {
  it('is the window, or the last 90 days, and never more than the last 400 days', async () => {
    expect(seriesRange({}, NOW)).toEqual({ from: new Date(NOW.getTime() - 89 * 86_400_000), to: NOW });
    const to = at('2025-06-30T00:00:00Z');
    expect(seriesRange({ to }, NOW).from).toEqual(at('2025-04-02T00:00:00Z'));
    expect(seriesRange({ from: at('1900-01-01T00:00:00Z') }, NOW)).toEqual({
      from: new Date(NOW.getTime() - 399 * 86_400_000),
      to: NOW,
    });
    const wide = await institution(admin, { from: '1900-01-01', to: '2200-01-01' });
    expect(wide.perDay).toHaveLength(400);
    expect(wide.totals.assignments).toBe(4);
  });
});
