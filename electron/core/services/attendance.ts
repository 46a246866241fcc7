/**
 * Attendance registers (shared/contract/attendance.ts). A teacher of a class (class teacher or a timetable entry)
 * takes today's register and may correct it the same day; the office (admin) may save any past day and marks
 * reasons. Holidays on the calendar are not school days: nothing is taken on them and they never count.
 * The school's mode (attendance-mode.ts) decides which registers are taken: the day's (period 0), or each
 * lesson's (periods 1–10, by the lesson's teacher). Reads and rates take every register as it is, whichever
 * mode it was taken in: a rate is over marks (days, or lessons), a student's day is `dayStatusOf` its marks.
 */
import type { Types } from 'mongoose';
import type { RegisterDto, ServiceInput } from '../../../shared/contract';
import type { ErrorCode } from '../../../shared/contract/errors';
import {
  ATTENDANCE_STATUSES,
  attendanceRate,
  dayStatusOf,
  schoolDayOf,
  type AttendanceMode,
  type AttendanceStatus,
  type DayStatus,
} from '../../../shared/domain';
import { mutateDocument } from '../db/array-helpers';
import type { TenantModels } from '../db/tenant';
import { AppError, isDuplicateKeyError } from '../errors/app-error';
import { attendanceModeOf, lessonOf, lessonsOn, type Lesson } from './attendance-mode';
import { classIdsTaughtBy, namesOf, requireAdmin } from './classes';
import { byRollNumber, rollNumbersOf } from './roll-numbers';
import type { Actor, ServiceDeps } from './context';
import { publishEvent } from './events/publish';
import { objectId, tenantOf } from './tenant-access';

type Counts = Record<AttendanceStatus, number>;

interface Mark {
  studentId: Types.ObjectId;
  status: AttendanceStatus;
  lateMinutes?: number | null | undefined;
  reason?: string | null | undefined;
}

interface StoredRegister {
  _id: Types.ObjectId;
  classId: Types.ObjectId;
  date: string;
  period: number;
  subject?: string | null;
  marks: Mark[];
  markedBy: Types.ObjectId;
  markedAt: Date;
  corrections: number;
}

interface StoredClass {
  _id: Types.ObjectId;
  name: string;
  students: Types.ObjectId[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const TARGET = 'ATTENDANCE';

function emptyCounts(): Counts {
  return { present: 0, absent: 0, late: 0, excused: 0 };
}

/** Stored counts, a missing one as 0. */
function plainCounts(r: Partial<Record<AttendanceStatus, number | null>>): Counts {
  return { present: r.present ?? 0, absent: r.absent ?? 0, late: r.late ?? 0, excused: r.excused ?? 0 };
}

function countsOf(marks: readonly Pick<Mark, 'status'>[]): Counts {
  const counts = emptyCounts();
  for (const m of marks) counts[m.status] += 1;
  return counts;
}

/** The class, if the actor may take its register: the admin any, a teacher one they lead or teach. */
async function classToMark(models: TenantModels, actor: Actor, rawId: string): Promise<StoredClass> {
  const id = objectId(rawId, 'The class');
  const cls = await models.Class.findById(id, { name: 1, students: 1 }).lean<StoredClass>();
  if (!cls) throw new AppError('NOT_FOUND', 'The class was not found.');
  if (actor.role === 'teacher') {
    const taught = await classIdsTaughtBy(models, objectId(actor.userId, 'You'));
    if (!taught.some((c) => c.equals(id))) {
      throw new AppError('FORBIDDEN', 'You take registers only for the classes you teach.');
    }
  } else if (actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'Only teachers and the office take registers.');
  }
  return cls;
}

/** The calendar's holidays between two school days (inclusive), by day. */
async function holidaysBetween(models: TenantModels, from: string, to: string): Promise<Map<string, string>> {
  const start = new Date(`${from}T00:00:00.000Z`);
  const end = new Date(Date.parse(`${to}T00:00:00.000Z`) + DAY_MS);
  const found = await models.Calendar.find(
    { isHoliday: true, date: { $gte: start, $lt: end } },
    { title: 1, date: 1 },
  )
    .sort({ date: 1, _id: 1 }) // two holidays on one day: the newest one's title, every time
    .lean();
  return new Map(found.map((h) => [h.date.toISOString().slice(0, 10), h.title]));
}

/** The holiday's title when the calendar makes this school day one. */
async function holidayOn(models: TenantModels, day: string): Promise<string | undefined> {
  return (await holidaysBetween(models, day, day)).get(day);
}

/**
 * Names of students and of whoever marked a register: teachers are the institution's users, the office is its
 * admin, kept in the master registry.
 */
async function peopleNames(
  deps: ServiceDeps,
  models: TenantModels,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const names = await namesOf(models, unique);
  const missing = unique.filter((id) => !names.has(id));
  if (missing.length > 0) {
    const admins = await deps.db.masterModels.AdminRegistry.find(
      { _id: { $in: missing } },
      { name: 1 },
    ).lean();
    for (const a of admins) names.set(a._id.toString(), a.name);
  }
  return names;
}

function registerName(className: string, date: string, period: number): string {
  return period === 0 ? `${className}, ${date}` : `${className}, ${date}, period ${period}`;
}

interface Refusal {
  code: ErrorCode;
  message: string;
}

/** Where a register is: the day (and period), the school's mode, a holiday, the timetable's lesson. */
interface RegisterPlace {
  date: string;
  period: number;
  mode: AttendanceMode;
  holiday: string | undefined;
  lesson: Lesson | null;
}

/** Why the actor may not save this register, or undefined when they may. */
function refusalOf(actor: Actor, at: RegisterPlace): Refusal | undefined {
  const today = schoolDayOf(new Date());
  if (at.holiday) return { code: 'CONFLICT', message: `${at.date} is a holiday (${at.holiday}).` };
  if (at.date > today) {
    return { code: 'FORBIDDEN', message: 'A register cannot be taken for a day that has not come yet.' };
  }
  if (at.mode === 'daily' && at.period !== 0) {
    return {
      code: 'VALIDATION',
      message: 'This school takes attendance once a day: use the register of the day, not of a lesson.',
    };
  }
  if (at.mode === 'period' && at.period === 0) {
    return {
      code: 'VALIDATION',
      message: 'This school takes attendance in every lesson: open the register of a lesson.',
    };
  }
  if (actor.role !== 'teacher') return undefined;
  if (at.date !== today) {
    return {
      code: 'FORBIDDEN',
      message: 'Registers of past days are read-only for teachers; the office can correct them.',
    };
  }
  if (at.mode === 'period') {
    if (!at.lesson) {
      return {
        code: 'NOT_FOUND',
        message: `The timetable has no lesson of this class in period ${at.period} today.`,
      };
    }
    if (!at.lesson.teacherIds.some((id) => id.toString() === actor.userId)) {
      return { code: 'FORBIDDEN', message: "Only the lesson's teacher takes its register." };
    }
  }
  return undefined;
}

/** The mode, holiday and lesson of a register, read together. */
async function placeOf(
  models: TenantModels,
  classId: Types.ObjectId,
  date: string,
  period: number,
): Promise<RegisterPlace> {
  const [mode, holiday, lesson] = await Promise.all([
    attendanceModeOf(models),
    holidayOn(models, date),
    period > 0 ? lessonOf(models, classId, date, period) : Promise.resolve(null),
  ]);
  return { date, period, mode, holiday, lesson };
}

async function registerView(
  deps: ServiceDeps,
  models: TenantModels,
  actor: Actor,
  cls: StoredClass,
  at: RegisterPlace,
  stored: StoredRegister | null,
): Promise<RegisterDto> {
  const { date, period, holiday } = at;
  const refusal = refusalOf(actor, at);
  const subject = stored?.subject ?? at.lesson?.subject;
  const marks = new Map((stored?.marks ?? []).map((m) => [m.studentId.toString(), m]));
  const ids = cls.students.map(String);
  const [names, rolls] = await Promise.all([
    peopleNames(deps, models, stored ? [...ids, stored.markedBy.toString()] : ids),
    rollNumbersOf(models, cls.students),
  ]);
  const students = cls.students
    .map((id) => {
      const mark = marks.get(id.toString());
      const rollNumber = rolls.get(id.toString());
      return {
        studentId: id.toString(),
        name: names.get(id.toString()) ?? 'A former student',
        ...(rollNumber !== undefined ? { rollNumber } : {}),
        status: mark?.status ?? 'present',
        ...(mark?.lateMinutes ? { lateMinutes: mark.lateMinutes } : {}),
        ...(mark?.reason ? { reason: mark.reason } : {}),
      };
    })
    .sort(byRollNumber);
  return {
    classId: cls._id.toString(),
    className: cls.name,
    date,
    period,
    mode: at.mode,
    ...(subject ? { subject } : {}),
    taken: stored !== null,
    editable: refusal === undefined,
    ...(refusal ? { readOnlyReason: refusal.message } : {}),
    ...(holiday ? { holiday } : {}),
    ...(stored
      ? {
          markedBy: {
            id: stored.markedBy.toString(),
            name: names.get(stored.markedBy.toString()) ?? 'Someone',
          },
          markedAt: stored.markedAt,
        }
      : {}),
    corrections: stored?.corrections ?? 0,
    students,
    counts: countsOf(students),
  };
}

function findRegister(models: TenantModels, classId: Types.ObjectId, date: string, period: number) {
  return models.Attendance.findOne({ classId, date, period }).lean<StoredRegister>();
}

/** Tells the class's students, the one who marked and the office that a register changed. */
function registerChanged(deps: ServiceDeps, actor: Actor, cls: StoredClass, date: string): void {
  publishEvent(
    deps,
    actor,
    'attendance.changed',
    { classId: cls._id.toString(), date },
    { users: [actor.userId, ...cls.students.map(String)], roles: ['admin'] },
  );
}

/** attendance.register: today's (or any day's) register as the actor sees it. */
export async function getRegister(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'attendance.register'>,
): Promise<RegisterDto> {
  const { models } = await tenantOf(deps, actor);
  const cls = await classToMark(models, actor, input.classId);
  const [stored, at] = await Promise.all([
    findRegister(models, cls._id, input.date, input.period),
    placeOf(models, cls._id, input.date, input.period),
  ]);
  return registerView(deps, models, actor, cls, at, stored);
}

/** attendance.save: the whole register in one write; everyone not listed is present. */
export async function saveRegister(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'attendance.save'>,
): Promise<RegisterDto> {
  const { models } = await tenantOf(deps, actor);
  const cls = await classToMark(models, actor, input.classId);
  const at = await placeOf(models, cls._id, input.date, input.period);
  const refusal = refusalOf(actor, at);
  if (refusal) {
    throw new AppError(
      refusal.code,
      refusal.message,
      refusal.code === 'VALIDATION' ? { period: refusal.message } : undefined,
    );
  }
  const subject = at.lesson?.subject;

  const enrolled = new Set(cls.students.map(String));
  const given = new Map(input.entries.map((e) => [e.studentId.toLowerCase(), e]));
  const stranger = [...given.keys()].find((id) => !enrolled.has(id));
  if (stranger) {
    throw new AppError('VALIDATION', 'Everyone in a register must be enrolled in the class.', {
      entries: 'A student here is not in this class.',
    });
  }
  const marks: Mark[] = cls.students.map((studentId) => {
    const entry = given.get(studentId.toString());
    const status = entry?.status ?? 'present';
    return {
      studentId,
      status,
      ...(status === 'late' && entry?.lateMinutes ? { lateMinutes: entry.lateMinutes } : {}),
      ...(status !== 'present' && entry?.reason ? { reason: entry.reason } : {}),
    };
  });
  const counts = countsOf(marks);
  const me = objectId(actor.userId, 'You');
  const now = new Date();
  const name = registerName(cls.name, input.date, input.period);

  const existing = await findRegister(models, cls._id, input.date, input.period);
  let corrected = existing !== null;
  if (!existing) {
    try {
      await models.Attendance.create({
        classId: cls._id,
        date: input.date,
        period: input.period,
        ...(subject ? { subject } : {}),
        marks,
        ...counts,
        markedBy: me,
        markedAt: now,
      });
    } catch (err) {
      // Two saves of a first register at once: the later one is a correction of the earlier.
      if (!isDuplicateKeyError(err)) throw err;
      corrected = true;
    }
  }
  if (corrected) {
    const current = existing ?? (await findRegister(models, cls._id, input.date, input.period));
    if (!current) throw new AppError('CONFLICT', 'The register changed while saving; please try again.');
    await mutateDocument(models.Attendance, current._id, (doc) => {
      doc.set({
        marks,
        ...counts,
        markedBy: me,
        markedAt: now,
        corrections: (doc.corrections ?? 0) + 1,
        ...(subject && !doc.subject ? { subject } : {}),
      });
    });
  }
  await deps.activity.record(actor, {
    action: corrected ? 'UPDATE' : 'CREATE',
    targetType: TARGET,
    targetId: cls._id,
    targetName: name,
    details: { ...counts, ...(corrected ? { correction: true } : {}) },
  });
  registerChanged(deps, actor, cls, input.date);
  const saved = await findRegister(models, cls._id, input.date, input.period);
  if (saved) await syncDay(deps, models, saved, cls.name);
  return registerView(deps, models, actor, cls, at, saved);
}

/** attendance.excuse: the office marks a reason a parent gave. */
/**
 * Marks a student excused in one register with the parent's reason. `onlyAway`: only when they are marked absent
 * or late there (the other lessons of an excused day: a lesson they attended stays attended). True when it
 * changed; undefined when the student is not in the register.
 */
async function excuseIn(
  models: TenantModels,
  registerId: Types.ObjectId,
  student: Types.ObjectId,
  reason: string,
  onlyAway: boolean,
): Promise<boolean | undefined> {
  let outcome: boolean | undefined;
  await mutateDocument(models.Attendance, registerId, (doc) => {
    const marks = (doc.marks as unknown as Mark[]).map((m) => ({
      studentId: m.studentId,
      status: m.status,
      lateMinutes: m.lateMinutes ?? undefined,
      reason: m.reason ?? undefined,
    }));
    const mark = marks.find((m) => m.studentId.equals(student));
    if (!mark) return false;
    outcome = !onlyAway || mark.status === 'absent' || mark.status === 'late';
    if (!outcome) return false;
    mark.status = 'excused';
    mark.reason = reason;
    mark.lateMinutes = undefined;
    doc.set({ marks, ...countsOf(marks) });
    return true;
  });
  return outcome;
}

/**
 * attendance.excuse: the office marks a reason a parent gave, in one register; with `allDay`, also in every
 * other register of the class that day where the student is marked absent or late (a day of lessons).
 */
export async function excuseAbsence(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'attendance.excuse'>,
): Promise<RegisterDto> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const cls = await classToMark(models, actor, input.classId);
  const student = objectId(input.studentId, 'The student');
  const stored = await findRegister(models, cls._id, input.date, input.period);
  if (!stored) throw new AppError('NOT_FOUND', 'No register was taken for that class and day.');
  const found = await excuseIn(models, stored._id, student, input.reason, false);
  if (!found) throw new AppError('NOT_FOUND', 'That student is not in this register.');
  const changed = [stored.period];
  if (input.allDay) {
    const others = await models.Attendance.find(
      { classId: cls._id, date: input.date, period: { $ne: input.period } },
      { _id: 1, period: 1 },
    )
      .sort({ period: 1 })
      .lean();
    for (const other of others) {
      if (await excuseIn(models, other._id, student, input.reason, true)) changed.push(other.period);
    }
  }
  const names = await namesOf(models, [input.studentId]);
  await deps.activity.record(actor, {
    action: 'UPDATE',
    targetType: TARGET,
    targetId: cls._id,
    targetName: `${registerName(cls.name, input.date, input.period)} — ${names.get(input.studentId) ?? 'a student'}`,
    details: {
      studentId: input.studentId,
      status: 'excused',
      reason: input.reason,
      ...(input.allDay ? { periods: changed.sort((a, b) => a - b) } : {}),
    },
  });
  registerChanged(deps, actor, cls, input.date);
  for (const period of changed) {
    const register = await findRegister(models, cls._id, input.date, period);
    if (register) await syncDay(deps, models, register, cls.name);
  }
  const saved = await findRegister(models, cls._id, input.date, input.period);
  const at = await placeOf(models, cls._id, input.date, input.period);
  return registerView(deps, models, actor, cls, at, saved);
}

// ── The day's summary (db/tenant/attendance-day.ts) ──────────────────────────────────────────────────────

interface TakenRegister extends Counts {
  classId: Types.ObjectId;
  period: number;
}

function takenOf(r: StoredRegister): TakenRegister {
  return { classId: r.classId, period: r.period, ...countsOf(r.marks) };
}

interface AwayEntry {
  classId: Types.ObjectId;
  className: string;
  period: number;
  studentId: Types.ObjectId;
  studentName: string;
  status: 'absent' | 'late' | 'excused';
  lateMinutes?: number | null | undefined;
  reason?: string | null | undefined;
  markedBy: string;
}

interface DaySummary {
  registers: TakenRegister[];
  away: AwayEntry[];
}

/** The marks of some registers that are not "present", named: what the office's day view lists. */
async function awayEntries(
  deps: ServiceDeps,
  models: TenantModels,
  registers: readonly StoredRegister[],
  classNames: ReadonlyMap<string, string>,
): Promise<AwayEntry[]> {
  const missing = registers.flatMap((r) =>
    r.marks.filter((m) => m.status !== 'present').map((m) => ({ r, m })),
  );
  const names = await peopleNames(deps, models, [
    ...missing.map(({ m }) => m.studentId.toString()),
    ...registers.map((r) => r.markedBy.toString()),
  ]);
  return missing.map(({ r, m }) => ({
    classId: r.classId,
    className: classNames.get(r.classId.toString()) ?? 'A removed class',
    period: r.period,
    studentId: m.studentId,
    studentName: names.get(m.studentId.toString()) ?? 'A former student',
    status: m.status as AwayEntry['status'],
    ...(m.lateMinutes ? { lateMinutes: m.lateMinutes } : {}),
    ...(m.reason ? { reason: m.reason } : {}),
    markedBy: names.get(r.markedBy.toString()) ?? 'Someone',
  }));
}

/** Plain copies of a stored summary's entries (mongoose hands out sub-documents). */
function plainSummary(doc: { registers?: unknown; away?: unknown }): DaySummary {
  const registers = (doc.registers ?? []) as TakenRegister[];
  const away = (doc.away ?? []) as AwayEntry[];
  return {
    registers: registers.map((r) => ({ classId: r.classId, period: r.period, ...plainCounts(r) })),
    away: away.map((e) => ({
      classId: e.classId,
      className: e.className,
      period: e.period,
      studentId: e.studentId,
      studentName: e.studentName,
      status: e.status,
      ...(e.lateMinutes ? { lateMinutes: e.lateMinutes } : {}),
      ...(e.reason ? { reason: e.reason } : {}),
      markedBy: e.markedBy,
    })),
  };
}

/** Stores a day's summary whole (created when missing; two creations at once: the later one overwrites). */
async function storeDay(models: TenantModels, date: string, summary: DaySummary): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const existing = await models.AttendanceDay.findOne({ date }, { _id: 1 }).lean();
    if (existing) {
      await mutateDocument(models.AttendanceDay, existing._id, (doc) => {
        doc.set(summary);
      });
      return;
    }
    try {
      await models.AttendanceDay.create({ date, ...summary });
      return;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
}

/** A day's summary from its registers: for days saved before summaries existed, or after a failed write. */
async function rebuildDay(deps: ServiceDeps, models: TenantModels, date: string): Promise<DaySummary> {
  const registers = await models.Attendance.find({ date }).lean<StoredRegister[]>();
  const classIds = [...new Set(registers.map((r) => r.classId.toString()))];
  const classes = await models.Class.find({ _id: { $in: classIds } }, { name: 1 }).lean();
  const summary: DaySummary = {
    registers: registers.map(takenOf),
    away: await awayEntries(deps, models, registers, new Map(classes.map((c) => [c._id.toString(), c.name]))),
  };
  await storeDay(models, date, summary);
  return summary;
}

/** After a register is written: its part of the day's summary, replaced. */
async function syncDay(
  deps: ServiceDeps,
  models: TenantModels,
  register: StoredRegister,
  className: string,
): Promise<void> {
  const day = await models.AttendanceDay.findOne({ date: register.date }, { _id: 1 }).lean();
  if (!day) {
    await rebuildDay(deps, models, register.date);
    return;
  }
  const away = await awayEntries(
    deps,
    models,
    [register],
    new Map([[register.classId.toString(), className]]),
  );
  const same = (e: { classId: Types.ObjectId; period: number }) =>
    e.classId.equals(register.classId) && e.period === register.period;
  await mutateDocument(models.AttendanceDay, day._id, (doc) => {
    const current = plainSummary(doc);
    doc.set({
      registers: [...current.registers.filter((r) => !same(r)), takenOf(register)],
      away: [...current.away.filter((e) => !same(e)), ...away],
    });
  });
}

/**
 * Each away student's whole day from the day's summary: their class's registers taken that day, each one
 * their mark in it ("present" unless the summary lists them away), through `dayStatusOf`.
 */
function dayStatusesOf(day: DaySummary): Map<string, DayStatus> {
  const marks = new Map<string, AttendanceStatus[]>();
  const awayAt = new Map(
    day.away.map((e) => [`${e.classId.toString()}:${e.period}:${e.studentId.toString()}`, e.status]),
  );
  for (const e of day.away) {
    const key = `${e.classId.toString()}:${e.studentId.toString()}`;
    if (marks.has(key)) continue;
    marks.set(
      key,
      day.registers
        .filter((r) => r.classId.equals(e.classId))
        .map((r) => awayAt.get(`${r.classId.toString()}:${r.period}:${e.studentId.toString()}`) ?? 'present'),
    );
  }
  const out = new Map<string, DayStatus>();
  for (const [key, statuses] of marks) out.set(key, dayStatusOf(statuses) ?? 'present');
  return out;
}

/**
 * attendance.day: every absence, late arrival and excusal of one day, school-wide, from the day's summary
 * (rebuilt from the registers when it counts a different number of them), each with the student's whole day.
 * Per lesson, also the lessons the timetable has that day against the lesson registers taken.
 */
export async function dayAbsences(deps: ServiceDeps, actor: Actor, input: ServiceInput<'attendance.day'>) {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const [stored, registerCount, classes, holiday, mode] = await Promise.all([
    models.AttendanceDay.findOne({ date: input.date }).lean(),
    models.Attendance.countDocuments({ date: input.date }),
    models.Class.countDocuments({}),
    holidayOn(models, input.date),
    attendanceModeOf(models),
  ]);
  const day =
    stored && stored.registers.length === registerCount
      ? plainSummary(stored)
      : await rebuildDay(deps, models, input.date);
  const lessons = mode === 'period' ? (holiday ? 0 : await lessonsOn(models, input.date)) : undefined;
  const dayStatuses = dayStatusesOf(day);
  const absences = day.away
    .map(({ studentId, classId, lateMinutes, reason, ...rest }) => ({
      ...rest,
      studentId: studentId.toString(),
      classId: classId.toString(),
      ...(lateMinutes ? { lateMinutes } : {}),
      ...(reason ? { reason } : {}),
      dayStatus: dayStatuses.get(`${classId.toString()}:${studentId.toString()}`) ?? rest.status,
    }))
    .sort(
      (a, b) =>
        a.className.localeCompare(b.className) ||
        a.studentName.localeCompare(b.studentName) ||
        a.period - b.period,
    );
  return {
    date: input.date,
    ...(holiday ? { holiday } : {}),
    mode,
    classes,
    registersTaken: new Set(day.registers.map((r) => r.classId.toString())).size,
    ...(lessons !== undefined ? { lessons } : {}),
    lessonsTaken: day.registers.filter((r) => r.period > 0).length,
    absences,
  };
}

/** The registers of a range that count: holidays (even ones added later) are left out. */
async function countedRegisters(
  models: TenantModels,
  filter: Record<string, unknown>,
  from: string,
  to: string,
): Promise<StoredRegister[]> {
  const [registers, holidays] = await Promise.all([
    models.Attendance.find({ ...filter, date: { $gte: from, $lte: to } })
      .sort({ date: 1, period: 1, classId: 1, _id: 1 })
      .lean<StoredRegister[]>(),
    holidaysBetween(models, from, to),
  ]);
  return registers.filter((r) => !holidays.has(r.date));
}

export type AttendanceCounts = Counts;

/**
 * Counts per class of the registers that count in a range (holidays left out), from the days' summaries: one
 * small document a day instead of every register with its marks. When the summaries do not cover every
 * register of the range (days saved before they existed), from the registers themselves.
 */
export async function countsByClass(
  models: TenantModels,
  from: string,
  to: string,
): Promise<Map<string, Counts>> {
  const range = { date: { $gte: from, $lte: to } };
  const [days, registerCount, holidays] = await Promise.all([
    models.AttendanceDay.find(range, { date: 1, registers: 1 }).lean(),
    models.Attendance.countDocuments(range),
    holidaysBetween(models, from, to),
  ]);
  const summarized = days.reduce((n, d) => n + d.registers.length, 0);
  const registers: Array<Pick<StoredRegister, 'classId' | 'date'> & Partial<Counts>> =
    summarized === registerCount
      ? days.flatMap((d) => d.registers.map((r) => ({ ...plainCounts(r), classId: r.classId, date: d.date })))
      : await models.Attendance.find(range, {
          classId: 1,
          date: 1,
          present: 1,
          absent: 1,
          late: 1,
          excused: 1,
        }).lean<Array<Pick<StoredRegister, 'classId' | 'date'> & Partial<Counts>>>();
  const byClass = new Map<string, Counts>();
  for (const r of registers) {
    if (holidays.has(r.date)) continue;
    const key = r.classId.toString();
    const counts = byClass.get(key) ?? emptyCounts();
    byClass.set(key, counts);
    for (const status of ATTENDANCE_STATUSES) counts[status] += r[status] ?? 0;
  }
  return byClass;
}

/** Each student's counts in the registers of some classes over a range (holidays left out). */
export async function countsByStudent(
  models: TenantModels,
  classIds: readonly Types.ObjectId[],
  from: string,
  to: string,
): Promise<Map<string, Counts>> {
  if (classIds.length === 0) return new Map();
  const registers = await countedRegisters(models, { classId: { $in: [...classIds] } }, from, to);
  const byStudent = new Map<string, Counts>();
  for (const r of registers) {
    for (const m of r.marks) {
      const key = m.studentId.toString();
      const counts = byStudent.get(key) ?? emptyCounts();
      byStudent.set(key, counts);
      counts[m.status] += 1;
    }
  }
  return byStudent;
}

/** The Monday of a school day's week (`YYYY-MM-DD`), the key of the weekly series. */
export function weekOf(day: string): string {
  const at = new Date(`${day}T00:00:00.000Z`);
  const sinceMonday = (at.getUTCDay() + 6) % 7;
  return new Date(at.getTime() - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

/** attendance.student: a student's marks, counts and rate over a range. */
export async function studentRecord(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'attendance.student'>,
) {
  const { models } = await tenantOf(deps, actor);
  const studentId = input.studentId ?? (actor.role === 'student' ? actor.userId : undefined);
  if (!studentId) {
    throw new AppError('VALIDATION', 'Say whose record to show.', { studentId: 'Choose a student.' });
  }
  const student = objectId(studentId, 'The student');
  const person = await models.User.findOne({ _id: student, role: 'student' }, { name: 1 }).lean();
  if (!person) throw new AppError('NOT_FOUND', 'The student was not found.');
  if (actor.role === 'student' && actor.userId !== studentId) {
    throw new AppError('NOT_FOUND', 'The student was not found.');
  }
  if (actor.role === 'teacher') {
    const taught = await classIdsTaughtBy(models, objectId(actor.userId, 'You'));
    const theirs = await models.Class.exists({ _id: { $in: taught }, students: student });
    if (!theirs) throw new AppError('FORBIDDEN', 'You see the records of your own students only.');
  }
  const registers = await countedRegisters(models, { 'marks.studentId': student }, input.from, input.to);
  const days = registers.flatMap((r) =>
    r.marks
      .filter((m) => m.studentId.equals(student))
      .map((m) => ({
        date: r.date,
        period: r.period,
        status: m.status,
        ...(m.lateMinutes ? { lateMinutes: m.lateMinutes } : {}),
        ...(m.reason ? { reason: m.reason } : {}),
      })),
  );
  const counts = countsOf(days);
  return {
    studentId: student.toString(),
    studentName: person.name,
    from: input.from,
    to: input.to,
    mode: await attendanceModeOf(models),
    counts,
    rate: attendanceRate(counts),
    dayCounts: dayCountsOf(days),
    days,
  };
}

/** How many days of each kind some marks make (`dayStatusOf` of each day's marks). */
function dayCountsOf(
  marks: ReadonlyArray<{ date: string; status: AttendanceStatus }>,
): Record<DayStatus, number> {
  const byDay = new Map<string, AttendanceStatus[]>();
  for (const m of marks) byDay.set(m.date, [...(byDay.get(m.date) ?? []), m.status]);
  const out: Record<DayStatus, number> = { ...emptyCounts(), partial: 0 };
  for (const statuses of byDay.values()) {
    const status = dayStatusOf(statuses);
    if (status) out[status] += 1;
  }
  return out;
}

/** attendance.class: the class's rate per day and who is under the threshold. */
export async function classAttendance(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'attendance.class'>,
) {
  const { models } = await tenantOf(deps, actor);
  const cls = await classToMark(models, actor, input.classId);
  const [registers, mode] = await Promise.all([
    countedRegisters(models, { classId: cls._id }, input.from, input.to),
    attendanceModeOf(models),
  ]);
  const byDay = new Map<string, Counts>();
  const byStudent = new Map<string, Counts>();
  const marksOf = new Map<string, Array<{ date: string; status: AttendanceStatus }>>();
  for (const r of registers) {
    const day = byDay.get(r.date) ?? emptyCounts();
    byDay.set(r.date, day);
    for (const m of r.marks) {
      day[m.status] += 1;
      const key = m.studentId.toString();
      const own = byStudent.get(key) ?? emptyCounts();
      byStudent.set(key, own);
      own[m.status] += 1;
      marksOf.set(key, [...(marksOf.get(key) ?? []), { date: r.date, status: m.status }]);
    }
  }
  const total = emptyCounts();
  const byWeek = new Map<string, Counts>();
  for (const [date, counts] of byDay) {
    const week = byWeek.get(weekOf(date)) ?? emptyCounts();
    byWeek.set(weekOf(date), week);
    for (const s of ATTENDANCE_STATUSES) {
      total[s] += counts[s];
      week[s] += counts[s];
    }
  }
  const names = await namesOf(models, [...byStudent.keys()]);
  const below = [...byStudent.entries()]
    .map(([id, counts]) => {
      const days = dayCountsOf(marksOf.get(id) ?? []);
      return {
        studentId: id,
        name: names.get(id) ?? 'A former student',
        rate: attendanceRate(counts),
        absent: counts.absent,
        daysAbsent: days.absent,
        partialDays: days.partial,
      };
    })
    .filter((s): s is typeof s & { rate: number } => s.rate !== null && s.rate < input.threshold)
    .sort((a, b) => a.rate - b.rate || a.name.localeCompare(b.name));
  return {
    classId: cls._id.toString(),
    className: cls.name,
    from: input.from,
    to: input.to,
    mode,
    rate: attendanceRate(total),
    days: [...byDay.entries()].map(([date, counts]) => ({ date, counts, rate: attendanceRate(counts) })),
    weeks: [...byWeek.entries()].map(([week, counts]) => ({ week, counts, rate: attendanceRate(counts) })),
    below,
  };
}

/** A CSV field, quoted when needed; a leading = + - @ is neutralised so a spreadsheet never runs it. */
function csvField(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** attendance.export: a range's marks as CSV, a class's or (admin) the whole school's. */
export async function exportAttendance(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'attendance.export'>,
) {
  const { models } = await tenantOf(deps, actor);
  if (!input.classId && actor.role !== 'admin') {
    throw new AppError('VALIDATION', 'Choose one of your classes.', { classId: 'Choose a class.' });
  }
  const cls = input.classId ? await classToMark(models, actor, input.classId) : undefined;
  const registers = await countedRegisters(models, cls ? { classId: cls._id } : {}, input.from, input.to);
  const classes = await models.Class.find({}, { name: 1 }).lean();
  const classNames = new Map(classes.map((c) => [c._id.toString(), c.name]));
  const names = await peopleNames(
    deps,
    models,
    registers.flatMap((r) => [r.markedBy.toString(), ...r.marks.map((m) => m.studentId.toString())]),
  );
  const rolls = await rollNumbersOf(
    models,
    registers.flatMap((r) => r.marks.map((m) => m.studentId)),
  );
  const header = [
    'date',
    'period',
    'class',
    'roll_number',
    'student',
    'status',
    'late_minutes',
    'reason',
    'marked_by',
    'subject',
  ];
  const rows = registers.flatMap((r) =>
    r.marks.map((m) => [
      r.date,
      r.period,
      classNames.get(r.classId.toString()) ?? 'A removed class',
      rolls.get(m.studentId.toString()),
      names.get(m.studentId.toString()) ?? 'A former student',
      m.status,
      m.lateMinutes ?? undefined,
      m.reason ?? undefined,
      names.get(r.markedBy.toString()) ?? 'Someone',
      r.subject ?? undefined,
    ]),
  );
  const csv = [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
  const scope = (cls?.name ?? 'school').replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-|-$/g, '') || 'class';
  return { filename: `attendance-${scope}-${input.from}-to-${input.to}.csv`, csv, rows: rows.length };
}
