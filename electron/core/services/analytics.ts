/**
 * Performance figures for a student, a class and the institution. The embedded engine's aggregation has no
 * averages, buckets or date arithmetic, so every figure is computed here from narrowed, projected queries; the
 * institution's from the kept assignment figures (db/tenant/figures-upkeep.ts), which the writes keep true.
 *
 * The unit is a row: one assignment for one student enrolled in one of its classes. A row's state is the stored
 * submission status, or `overdue` when nothing was handed in and the due date has passed. Submissions of
 * students no longer enrolled in the assignment's classes are out of view, as in `assignments.list`.
 * Completion is handed in (submitted or graded) ÷ rows that are due so far or already handed in, so work handed
 * in early never pushes the rate above 1 and work not yet due does not lower it.
 */
import type { Types } from 'mongoose';
import type {
  ClassAnalytics,
  InstitutionAnalytics,
  StudentAnalytics,
  ServiceInput,
} from '../../../shared/contract';
import {
  ATTENDANCE_LIMITS,
  ATTENDANCE_STATUSES,
  SCORE_BUCKET_COUNT,
  SCORE_BUCKET_WIDTH,
  SCORE_MAX,
  attendanceRate,
  schoolDayOf,
  type SubmissionState,
} from '../../../shared/domain';
import { submissionState } from '../../../shared/submission-rules';
import { average, daySpans, distribution, perDaySeries, type Bucket } from '../db/aggregate-in-service';
import { countDays, type DayCountKind } from '../db/past-day-counts';
import type { TenantModels } from '../db/tenant';
import { GRADE_BUCKET_KEYS, stationTimeZone, type Figures } from '../db/tenant/figures-upkeep';
import { AppError } from '../errors/app-error';
import { countsByClass, countsByStudent, type AttendanceCounts } from './attendance';
import { reportBaseOf, type ReportBase } from './institution-report-base';
import type { Actor, ServiceDeps } from './context';
import { objectId, tenantOf } from './tenant-access';

interface Window {
  from?: Date | undefined;
  to?: Date | undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Daily series without a window cover the last 90 days (the contract). */
export const PER_DAY_DEFAULT_DAYS = 90;
/** A window of centuries would answer tens of thousands of rows: series keep its last 400 days. */
export const PER_DAY_MAX_DAYS = 400;

// ── Rows ────────────────────────────────────────────────────────────────────────────────────────────────────

interface StoredSubmission {
  studentId: Types.ObjectId;
  status?: string | null;
  grade?: number | null;
  submittedAt?: Date | null;
}

interface StoredAssignment {
  _id: Types.ObjectId;
  title: string;
  dueDate: Date;
  classIds: Types.ObjectId[];
  submissions?: StoredSubmission[];
}

/** Only what the figures need: no descriptions, attachments, files, notes or feedback. */
const ASSIGNMENT_FIELDS = {
  title: 1,
  dueDate: 1,
  classIds: 1,
  'submissions.studentId': 1,
  'submissions.status': 1,
  'submissions.grade': 1,
} as const;

interface Row {
  assignmentId: string;
  title: string;
  dueDate: Date;
  state: SubmissionState;
  grade?: number | undefined;
}

/** An assignment's submissions by student id. */
function submissionsOf(a: StoredAssignment): Map<string, StoredSubmission> {
  return new Map((a.submissions ?? []).map((s) => [s.studentId.toString(), s]));
}

function rowOf(a: StoredAssignment, sub: StoredSubmission | undefined, now: Date): Row {
  const state = submissionState(sub, a.dueDate, now);
  const grade = state === 'graded' && typeof sub?.grade === 'number' ? sub.grade : undefined;
  return { assignmentId: a._id.toString(), title: a.title, dueDate: a.dueDate, state, grade };
}

// ── Figures ─────────────────────────────────────────────────────────────────────────────────────────────────

/** 0–9, 10–19, … 90–100: the buckets of `scoreBucketIndex` (the last includes 100). */
const SCORE_BUCKETS: Bucket[] = Array.from({ length: SCORE_BUCKET_COUNT }, (_, i) => {
  const min = i * SCORE_BUCKET_WIDTH;
  const last = i === SCORE_BUCKET_COUNT - 1;
  return {
    label: `${min}–${last ? SCORE_MAX : min + SCORE_BUCKET_WIDTH - 1}`,
    min,
    max: min + SCORE_BUCKET_WIDTH,
  };
});

type GradeBucket = StudentAnalytics['distribution'][number];

function gradeDistribution(grades: readonly number[]): GradeBucket[] {
  // The helper's upper bounds are exclusive; the contract shows inclusive ones ("80–89", "90–100").
  return distribution(grades, SCORE_BUCKETS).map((b, i) => ({
    label: b.label,
    min: b.min,
    max: i === SCORE_BUCKET_COUNT - 1 ? SCORE_MAX : b.max - 1,
    count: b.count,
  }));
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

interface Summary {
  states: Record<SubmissionState, number>;
  completionRate: number;
  gradingRate: number | null;
  averageGrade?: number;
  grades: number[];
}

function summarize(rows: readonly Row[]): Summary {
  const states: Record<SubmissionState, number> = { pending: 0, submitted: 0, graded: 0, overdue: 0 };
  const grades: number[] = [];
  for (const row of rows) {
    states[row.state] += 1;
    if (row.grade !== undefined) grades.push(row.grade);
  }
  const handedIn = states.submitted + states.graded;
  const counted = handedIn + states.overdue;
  const mean = average(grades);
  return {
    states,
    // Nothing due and nothing handed in: no shortfall to report, and no work done either.
    completionRate: counted ? round(handedIn / counted, 4) : 0,
    gradingRate: handedIn ? round(states.graded / handedIn, 4) : null,
    ...(mean === null ? {} : { averageGrade: round(mean, 2) }),
    grades,
  };
}

// ── Queries ─────────────────────────────────────────────────────────────────────────────────────────────────

function dueWithin(window: Window): { dueDate?: { $gte?: Date; $lte?: Date } } {
  if (!window.from && !window.to) return {};
  return {
    dueDate: { ...(window.from ? { $gte: window.from } : {}), ...(window.to ? { $lte: window.to } : {}) },
  };
}

async function assignmentsOfClasses(
  models: TenantModels,
  classIds: readonly Types.ObjectId[],
  window: Window,
): Promise<StoredAssignment[]> {
  if (classIds.length === 0) return [];
  const filter = {
    classIds: { $in: [...classIds] },
    ...dueWithin(window),
  };
  return await models.Assignment.find(filter, ASSIGNMENT_FIELDS).lean<StoredAssignment[]>();
}

/** Whether the teacher leads the class (class teacher) or teaches it in the timetable. */
async function teachesAny(
  models: TenantModels,
  teacherId: Types.ObjectId,
  classes: ReadonlyArray<{ _id: Types.ObjectId; teacherId?: Types.ObjectId | null }>,
): Promise<boolean> {
  if (classes.some((c) => c.teacherId?.equals(teacherId))) return true;
  if (classes.length === 0) return false;
  const taught = await models.Schedule.exists({ teacherId, classId: { $in: classes.map((c) => c._id) } });
  return taught !== null;
}

/** The days a daily series covers: the window, or the last 90 days; at most 400 days (the window's last). */
export function seriesRange(window: Window, now: Date): { from: Date; to: Date } {
  const to = window.to ?? (window.from && window.from > now ? window.from : now);
  let from = window.from ?? new Date(to.getTime() - (PER_DAY_DEFAULT_DAYS - 1) * DAY_MS);
  if (to.getTime() - from.getTime() > (PER_DAY_MAX_DAYS - 1) * DAY_MS) {
    from = new Date(to.getTime() - (PER_DAY_MAX_DAYS - 1) * DAY_MS);
  }
  return { from, to };
}

/**
 * Query bounds for a series: a day either side of the range, so its first and last days are counted whole
 * (whatever the time zone); `perDaySeries` drops what falls outside the listed days.
 */
function seriesQueryBounds(range: { from: Date; to: Date }): { $gte: Date; $lte: Date } {
  return { $gte: new Date(range.from.getTime() - DAY_MS), $lte: new Date(range.to.getTime() + DAY_MS) };
}

/** Day counts run this many at a time: the pool is shared with everyone else's requests. */
const DAY_COUNTS_AT_ONCE = 6;

/**
 * A count per calendar day of the range, each an indexed range count in the database (a year of logins or
 * messages is never read into the service); finished days are counted once per process (past-day-counts.ts).
 */
async function countsPerDay(
  databaseName: string,
  kind: DayCountKind,
  count: (day: { $gte: Date; $lt: Date }) => PromiseLike<number>,
  range: { from: Date; to: Date },
  tz: string,
  now: Date,
): Promise<Array<{ day: string; count: number }>> {
  const spans = daySpans(range.from, range.to, tz);
  // Days not yet kept run this many at a time: the pool is shared with everyone else's requests.
  const limit = createLimit(DAY_COUNTS_AT_ONCE);
  const kept = await countDays(databaseName, kind, tz, spans, now, (span) =>
    limit(async () => await count({ $gte: span.start, $lt: span.end })),
  );
  return spans.map((s, i) => ({ day: s.day, count: kept[i] ?? 0 }));
}

/** At most `n` of the functions given run at once. */
function createLimit(n: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await work();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

type HandIns = Array<{
  submissions?: Array<{ studentId: Types.ObjectId; submittedAt?: Date | null }> | undefined;
}>;

/** The hand-in times within the bounds, of the given students only when `studentIds` says so. */
function handInTimes(
  docs: HandIns,
  bounds: { $gte: Date; $lte: Date },
  studentIds?: ReadonlySet<string>,
): Date[] {
  const times: Date[] = [];
  for (const doc of docs) {
    for (const s of doc.submissions ?? []) {
      if (!s.submittedAt || s.submittedAt < bounds.$gte || s.submittedAt > bounds.$lte) continue;
      if (studentIds && !studentIds.has(s.studentId.toString())) continue;
      times.push(s.submittedAt);
    }
  }
  return times;
}

/** Hand-in times of a class's students in the range (narrowed by the query, filtered exactly here). */
async function submissionTimes(
  models: TenantModels,
  range: { from: Date; to: Date },
  scope: { classId: Types.ObjectId; studentIds: ReadonlySet<string> },
): Promise<Date[]> {
  const bounds = seriesQueryBounds(range);
  const docs = await models.Assignment.find(
    { classIds: scope.classId, 'submissions.submittedAt': bounds },
    { 'submissions.studentId': 1, 'submissions.submittedAt': 1 },
  ).lean<HandIns>();
  return handInTimes(docs, bounds, scope.studentIds);
}

// ── Attendance ──────────────────────────────────────────────────────────────────────────────────────────────

/** Attendance of the student and class reports without a window: the last year. */
export const ATTENDANCE_DEFAULT_DAYS = 365;
/** The institution's report reads every class's registers: without a window, the last 30 days. */
export const INSTITUTION_ATTENDANCE_DAYS = 30;

function shiftDay(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + by * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The school days a report's attendance covers: the window's (in the station's calendar), or the last
 * `defaultDays` up to today; at most the registers' longest range (its last days).
 */
export function attendanceRange(
  window: Window,
  now: Date,
  defaultDays: number,
): { from: string; to: string } {
  const to = schoolDayOf(window.to ?? now);
  const earliest = shiftDay(to, -(ATTENDANCE_LIMITS.rangeDays - 1));
  const from = window.from ? schoolDayOf(window.from) : shiftDay(to, -(defaultDays - 1));
  return { from: from < earliest ? earliest : from, to };
}

function emptyCounts(): AttendanceCounts {
  return { present: 0, absent: 0, late: 0, excused: 0 };
}

function addCounts(into: AttendanceCounts, more: Readonly<AttendanceCounts> | undefined): AttendanceCounts {
  if (more) for (const status of ATTENDANCE_STATUSES) into[status] += more[status];
  return into;
}

function attendanceOf(range: { from: string; to: string }, counts: AttendanceCounts) {
  return { ...range, counts, rate: attendanceRate(counts) };
}

// ── analytics.student ───────────────────────────────────────────────────────────────────────────────────────

function studentNotFound(): AppError {
  return new AppError('NOT_FOUND', 'This student was not found.', { studentId: 'Not found.' });
}

/**
 * student: themselves (another id is NOT_FOUND). teacher: students of classes they lead or teach, with every
 * teacher's assignments. admin: any student.
 */
export async function studentAnalytics(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'analytics.student'>,
  now = new Date(),
): Promise<StudentAnalytics> {
  const { models } = await tenantOf(deps, actor);
  let studentId: Types.ObjectId;
  if (actor.role === 'student') {
    if (input.studentId !== undefined && input.studentId !== actor.userId.toLowerCase())
      throw studentNotFound();
    studentId = objectId(actor.userId, 'This student');
  } else {
    if (input.studentId === undefined) {
      throw new AppError('VALIDATION', 'Choose a student.', { studentId: 'Choose a student.' });
    }
    studentId = objectId(input.studentId, 'This student');
  }

  const student = await models.User.findOne({ _id: studentId, role: 'student' }, { name: 1 }).lean<{
    _id: Types.ObjectId;
    name: string;
  }>();
  if (!student) throw studentNotFound();
  const classes = await models.Class.find({ students: studentId }, { teacherId: 1 }).lean<
    Array<{ _id: Types.ObjectId; teacherId?: Types.ObjectId | null }>
  >();
  if (actor.role === 'teacher' && !(await teachesAny(models, objectId(actor.userId, 'You'), classes))) {
    throw studentNotFound();
  }

  const assignments = await assignmentsOfClasses(
    models,
    classes.map((c) => c._id),
    input,
  );
  const key = studentId.toString();
  const rows = assignments
    .map((a) => rowOf(a, submissionsOf(a).get(key), now))
    .sort(
      (x, y) => x.dueDate.getTime() - y.dueDate.getTime() || x.assignmentId.localeCompare(y.assignmentId),
    );
  const summary = summarize(rows);
  const range = attendanceRange(input, now, ATTENDANCE_DEFAULT_DAYS);
  const marks = await countsByStudent(
    models,
    classes.map((c) => c._id),
    range.from,
    range.to,
  );
  return {
    studentId: key,
    name: student.name,
    assignments: rows.length,
    states: summary.states,
    completionRate: summary.completionRate,
    ...(summary.averageGrade === undefined ? {} : { averageGrade: summary.averageGrade }),
    distribution: gradeDistribution(summary.grades),
    grades: rows.flatMap((r) =>
      r.grade === undefined
        ? []
        : [{ assignmentId: r.assignmentId, title: r.title, dueDate: r.dueDate, grade: r.grade }],
    ),
    attendance: attendanceOf(range, addCounts(emptyCounts(), marks.get(key))),
  };
}

// ── analytics.class ─────────────────────────────────────────────────────────────────────────────────────────

interface StoredClass {
  _id: Types.ObjectId;
  name: string;
  grade: number;
  teacherId?: Types.ObjectId | null;
  students: Types.ObjectId[];
}

/** teacher: a class they lead or teach (others NOT_FOUND). admin: any class. */
export async function classAnalytics(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'analytics.class'>,
  now = new Date(),
): Promise<ClassAnalytics> {
  const { models } = await tenantOf(deps, actor);
  const classId = objectId(input.classId, 'This class');
  const cls = await models.Class.findById(classId, {
    name: 1,
    grade: 1,
    teacherId: 1,
    students: 1,
  }).lean<StoredClass>();
  const notFound = new AppError('NOT_FOUND', 'This class was not found.', { classId: 'Not found.' });
  if (!cls) throw notFound;
  if (actor.role === 'teacher' && !(await teachesAny(models, objectId(actor.userId, 'You'), [cls]))) {
    throw notFound;
  }

  const [students, assignments] = await Promise.all([
    models.User.find({ _id: { $in: cls.students }, role: 'student' }, { name: 1 }).lean<
      Array<{ _id: Types.ObjectId; name: string }>
    >(),
    assignmentsOfClasses(models, [classId], input),
  ]);
  students.sort((a, b) => a.name.localeCompare(b.name) || a._id.toString().localeCompare(b._id.toString()));
  const studentIds = new Set(students.map((s) => s._id.toString()));

  const rowsByStudent = new Map<string, Row[]>([...studentIds].map((id) => [id, []]));
  for (const a of assignments) {
    const subs = submissionsOf(a);
    for (const id of studentIds) rowsByStudent.get(id)?.push(rowOf(a, subs.get(id), now));
  }
  const all = summarize([...rowsByStudent.values()].flat());

  const range = seriesRange(input, now);
  const tz = stationTimeZone();
  const days = attendanceRange(input, now, ATTENDANCE_DEFAULT_DAYS);
  const [times, marks] = await Promise.all([
    submissionTimes(models, range, { classId, studentIds }),
    countsByStudent(models, [classId], days.from, days.to),
  ]);
  // The class's rate counts every mark of its registers, as the register and attendance.class do.
  const classCounts = emptyCounts();
  for (const counts of marks.values()) addCounts(classCounts, counts);

  return {
    classId: classId.toString(),
    name: cls.name,
    students: students.length,
    assignments: assignments.length,
    completionRate: all.completionRate,
    ...(all.averageGrade === undefined ? {} : { averageGrade: all.averageGrade }),
    distribution: gradeDistribution(all.grades),
    perStudent: students.map((s) => {
      const summary = summarize(rowsByStudent.get(s._id.toString()) ?? []);
      return {
        studentId: s._id.toString(),
        name: s.name,
        completionRate: summary.completionRate,
        ...(summary.averageGrade === undefined ? {} : { averageGrade: summary.averageGrade }),
        overdue: summary.states.overdue,
        attendanceRate: attendanceRate(addCounts(emptyCounts(), marks.get(s._id.toString()))),
      };
    }),
    attendance: attendanceOf(days, classCounts),
    perDay: perDaySeries(times, range.from, range.to, tz).map((d) => ({ day: d.day, submissions: d.count })),
  };
}

// ── The institution's kept figures ─────────────────────────────────────────────────────────────────────────

/** A scope's rows (the school's or a class's) over the assignments of a report, from the kept figures. */
interface Tally {
  states: Record<SubmissionState, number>;
  gradeCount: number;
  gradeSum: number;
  buckets: number[];
}

function emptyTally(): Tally {
  return {
    states: { pending: 0, submitted: 0, graded: 0, overdue: 0 },
    gradeCount: 0,
    gradeSum: 0,
    buckets: GRADE_BUCKET_KEYS.map(() => 0),
  };
}

/**
 * Adds `sign` × an assignment's (or a sum of assignments') figures: their rows not handed in count as overdue
 * or pending as `due` says.
 */
function addFigures(
  into: Tally,
  figures: Readonly<Figures> | undefined,
  due: 'overdue' | 'pending',
  sign = 1,
): void {
  if (!figures) return;
  const submitted = figures.submitted ?? 0;
  const graded = figures.graded ?? 0;
  into.states.submitted += sign * submitted;
  into.states.graded += sign * graded;
  into.states[due] += sign * ((figures.rows ?? 0) - submitted - graded);
  into.gradeCount += sign * (figures.gradeCount ?? 0);
  into.gradeSum += sign * (figures.gradeSum ?? 0);
  GRADE_BUCKET_KEYS.forEach((key, i) => (into.buckets[i]! += sign * (figures[key] ?? 0)));
}

interface SchoolTallies {
  assignments: number;
  all: Tally;
  byClass: Map<string, Tally>;
  handIns: Readonly<Record<string, number>>;
}

function tallyOf(byClass: Map<string, Tally>, classId: string): Tally {
  let tally = byClass.get(classId);
  if (!tally) byClass.set(classId, (tally = emptyTally()));
  return tally;
}

/**
 * The rows of the assignments due in the window, for the school and per class. Without a window: the school's
 * sum, less what is not due yet (few assignments) moved from overdue to pending. With one: the figures of the
 * assignments due in it.
 */
function schoolTallies(base: ReportBase, windowed: boolean, now: Date): SchoolTallies {
  const { school, assignments: docs } = base;
  const all = emptyTally();
  const byClass = new Map<string, Tally>();
  if (!windowed) {
    addFigures(all, school.all, 'overdue');
    for (const [classId, figures] of Object.entries(school.classes ?? {}))
      addFigures(tallyOf(byClass, classId), figures, 'overdue');
  }
  for (const doc of docs) {
    const due = doc.dueDate && doc.dueDate.getTime() < now.getTime() ? 'overdue' : 'pending';
    // Not yet due: taken out of the sum's overdue rows and counted as pending.
    if (!windowed) addFigures(all, doc.all, 'overdue', -1);
    addFigures(all, doc.all, due);
    for (const [classId, figures] of Object.entries(doc.classes ?? {})) {
      if (!windowed) addFigures(tallyOf(byClass, classId), figures, 'overdue', -1);
      addFigures(tallyOf(byClass, classId), figures, due);
    }
  }
  return {
    assignments: windowed ? docs.length : (school.assignments ?? 0),
    all,
    byClass,
    handIns: school.handIns ?? {},
  };
}

/** The report's figures of a tally, as `summarize` gives them for rows. */
function tallySummary(tally: Tally | undefined) {
  const t = tally ?? emptyTally();
  const handedIn = t.states.submitted + t.states.graded;
  const counted = handedIn + t.states.overdue;
  return {
    completionRate: counted ? round(handedIn / counted, 4) : 0,
    gradingRate: handedIn ? round(t.states.graded / handedIn, 4) : null,
    ...(t.gradeCount > 0 ? { averageGrade: round(t.gradeSum / t.gradeCount, 2) } : {}),
  };
}

function tallyDistribution(tally: Tally): GradeBucket[] {
  return SCORE_BUCKETS.map((b, i) => ({
    label: b.label,
    min: b.min,
    max: i === SCORE_BUCKET_COUNT - 1 ? SCORE_MAX : b.max - 1,
    count: tally.buckets[i] ?? 0,
  }));
}

// ── analytics.institution ───────────────────────────────────────────────────────────────────────────────────

/** admin only: the whole institution. */
export async function institutionAnalytics(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'analytics.institution'>,
  now = new Date(),
): Promise<InstitutionAnalytics> {
  if (actor.role !== 'admin')
    throw new AppError('FORBIDDEN', 'Only the institution admin sees these figures.');
  const handle = await tenantOf(deps, actor);
  const { models } = handle;
  const range = seriesRange(input, now);
  const tz = stationTimeZone();
  const days = attendanceRange(input, now, INSTITUTION_ATTENDANCE_DAYS);
  const today = schoolDayOf(now);

  const windowed = dueWithin(input).dueDate;
  const [teachers, students, subjects, base, logins, messages, marks, todays] = await Promise.all([
    models.User.countDocuments({ role: 'teacher' }),
    models.User.countDocuments({ role: 'student' }),
    models.Subject.countDocuments({}),
    reportBaseOf(deps, handle, windowed, now),
    countsPerDay(
      handle.databaseName,
      'logins',
      (day) => models.ActivityLog.countDocuments({ action: 'LOGIN', timestamp: day }),
      range,
      tz,
      now,
    ),
    countsPerDay(
      handle.databaseName,
      'messages',
      (day) => models.Message.countDocuments({ timestamp: day }),
      range,
      tz,
      now,
    ),
    countsByClass(models, days.from, days.to),
    countsByClass(models, today, today),
  ]);

  const { classes } = base;
  const tallies = schoolTallies(base, windowed !== undefined, now);
  const all = tallySummary(tallies.all);
  const loginDays = logins;
  const messageDays = messages;
  const submissionDays = perDaySeries([], range.from, range.to, tz).map((d) => ({
    day: d.day,
    count: tallies.handIns[d.day] ?? 0,
  }));

  const schoolCounts = emptyCounts();
  for (const counts of marks.values()) addCounts(schoolCounts, counts);
  const todayCounts = emptyCounts();
  for (const counts of todays.values()) addCounts(todayCounts, counts);

  return {
    totals: { teachers, students, classes: classes.length, subjects, assignments: tallies.assignments },
    ...all,
    distribution: tallyDistribution(tallies.all),
    perClass: [...classes]
      .sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name))
      .map((c) => {
        return {
          classId: c._id.toString(),
          name: c.name,
          grade: c.grade,
          students: c.students,
          ...tallySummary(tallies.byClass.get(c._id.toString())),
          attendanceRate: attendanceRate(addCounts(emptyCounts(), marks.get(c._id.toString()))),
        };
      }),
    attendance: {
      ...attendanceOf(days, schoolCounts),
      today: {
        classes: classes.length,
        registersTaken: todays.size,
        counts: todayCounts,
        rate: attendanceRate(todayCounts),
      },
    },
    // The three series cover the same days in the same order.
    perDay: loginDays.map((d, i) => ({
      day: d.day,
      logins: d.count,
      submissions: submissionDays[i]?.count ?? 0,
      messages: messageDays[i]?.count ?? 0,
    })),
  };
}
