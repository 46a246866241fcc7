/**
 * Attendance: a class's register per school day (period 0) or per lesson (periods 1–10), as the school's setting
 * says (`attendance.settings`), taken by a teacher of the class (per lesson: the lesson's teacher) on the day,
 * corrected the same day, excused by the office when a parent calls; records and rates per student and class,
 * the school's absences of a day, CSV exports. Holidays on the calendar are not school days.
 * Rates: present or late of present, late or absent (`attendanceRate` in shared/domain.ts), over every register's
 * marks: days in daily mode, lessons in per-lesson mode. A student's day: `dayStatusOf` (partial: away from some
 * lessons).
 */
import { z } from 'zod';
import {
  ATTENDANCE_LIMITS,
  ATTENDANCE_MODES,
  ATTENDANCE_STATUSES,
  CLASS_CAPACITY_MAX,
  PERIOD_MAX,
  SCHOOL_DAY_PATTERN,
} from '../domain';
import { defineChannel } from './channel';
import { count, objectId, personRef, ratio, strictObject, text } from './common';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD`, a real calendar day. */
export const schoolDay = z
  .string({ error: 'must be a date' })
  .regex(SCHOOL_DAY_PATTERN, 'Use a date as YYYY-MM-DD.')
  .refine((s) => {
    const at = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(at) && new Date(at).toISOString().startsWith(s);
  }, 'There is no such day.');

/** 0: the day's register; 1–10: one lesson's. */
const period = z.number().int().min(0).max(PERIOD_MAX).default(0);

const status = z.enum(ATTENDANCE_STATUSES);
const mode = z.enum(ATTENDANCE_MODES);
const dayStatus = z.enum([...ATTENDANCE_STATUSES, 'partial']);
const reason = text(ATTENDANCE_LIMITS.reason);
const lateMinutes = z.number().int().min(1).max(ATTENDANCE_LIMITS.lateMinutesMax);

const range = { from: schoolDay, to: schoolDay };

/** A range of school days, `from` to `to` inclusive, at most about a year. */
function checkRange(v: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const from = Date.parse(`${v.from}T00:00:00Z`);
  const to = Date.parse(`${v.to}T00:00:00Z`);
  if (to < from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end is before the start.' });
  else if ((to - from) / DAY_MS > ATTENDANCE_LIMITS.rangeDays) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `At most ${ATTENDANCE_LIMITS.rangeDays} days at once.`,
    });
  }
}

export const statusCounts = strictObject({ present: count, absent: count, late: count, excused: count });

export const attendanceSettingsSchema = strictObject({
  mode,
  /** When the admin last chose; absent while the default (daily) applies. */
  updatedAt: z.date().optional(),
});
export type AttendanceSettingsDto = z.infer<typeof attendanceSettingsSchema>;

// Everyone signed in: teachers open the register the mode asks for, students read their record by it.
export const attendanceSettings = defineChannel({
  name: 'attendance.settings',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: strictObject({}),
  output: attendanceSettingsSchema,
  summary: 'How the school takes attendance: once a day (daily) or in every lesson (period).',
});

// admin only; logged. Registers already taken the other way stay readable and keep counting.
export const attendanceUpdateSettings = defineChannel({
  name: 'attendance.updateSettings',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({ mode }),
  output: attendanceSettingsSchema,
  summary: 'Admin: takes attendance once a day or in every lesson from now on.',
});

export const registerSchema = strictObject({
  classId: objectId,
  className: z.string(),
  date: schoolDay,
  period: count,
  /** The school's mode now (the register itself may be from before a change). */
  mode,
  /** Per lesson: the timetable's subject in that period, when there is an entry. */
  subject: z.string().optional(),
  /** False until the register is first saved (everyone is shown present). */
  taken: z.boolean(),
  /** Whether the caller may save it now (teachers: today only; nobody: a holiday or a future day). */
  editable: z.boolean(),
  /** Why not, in words, when it is not editable. */
  readOnlyReason: z.string().optional(),
  /** The holiday's title when the day is one. */
  holiday: z.string().optional(),
  markedBy: personRef.optional(),
  markedAt: z.date().optional(),
  /** Saves after the first, the same day. */
  corrections: count,
  students: z.array(
    strictObject({
      studentId: objectId,
      name: z.string(),
      /** Their roll number in the class, when the office gave one. */
      rollNumber: z.number().int().optional(),
      status,
      lateMinutes: lateMinutes.optional(),
      reason: z.string().optional(),
    }),
  ),
  counts: statusCounts,
});
export type RegisterDto = z.infer<typeof registerSchema>;

// admin, or a teacher of the class (class teacher or a timetable entry).
export const attendanceRegister = defineChannel({
  name: 'attendance.register',
  idempotent: true,
  roles: ['admin', 'teacher'],
  input: strictObject({ classId: objectId, date: schoolDay, period }),
  output: registerSchema,
  summary:
    'Admin or a teacher of the class: the register of a day (or lesson), everyone present until marked.',
});

// Teachers save today's register of a class they teach (again the same day: a correction, logged); the admin
// any past day's. Daily mode: period 0 only; per lesson: periods 1–10, and a teacher only the lessons the
// timetable gives them. Students must be enrolled; those not listed stay present. A holiday is CONFLICT.
// May wait in a connected app's outbox: its Idempotency-Key makes a retry after a lost answer act once (no
// second correction, no second log entry).
export const attendanceSave = defineChannel({
  name: 'attendance.save',
  idempotent: true,
  outbox: true,
  roles: ['admin', 'teacher'],
  input: strictObject({
    classId: objectId,
    date: schoolDay,
    period,
    entries: z
      .array(
        strictObject({
          studentId: objectId,
          status,
          lateMinutes: lateMinutes.optional(),
          reason: reason.optional(),
        }),
      )
      .max(CLASS_CAPACITY_MAX, `At most ${CLASS_CAPACITY_MAX} students.`),
  }),
  output: registerSchema,
  summary: "Admin or a teacher of the class: saves a register in one go (teachers: today's only).",
});

// admin only: a parent called. The student must be marked in that register. `allDay`: also every other
// register of the class that day where they are marked absent or late (attendance per lesson).
export const attendanceExcuse = defineChannel({
  name: 'attendance.excuse',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({
    classId: objectId,
    date: schoolDay,
    period,
    studentId: objectId,
    reason,
    allDay: z.boolean().optional(),
  }),
  output: registerSchema,
  summary: 'Admin: marks a student excused in a register, with the reason the parent gave.',
});

// admin only: the whole school's absences, late arrivals and excusals of one day.
export const attendanceDay = defineChannel({
  name: 'attendance.day',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({ date: schoolDay }),
  output: strictObject({
    date: schoolDay,
    holiday: z.string().optional(),
    mode,
    classes: count,
    /** Classes with at least one register that day. */
    registersTaken: count,
    /** Per lesson: the timetable's lessons that day (registers expected) and the lesson registers taken. */
    lessons: count.optional(),
    lessonsTaken: count,
    absences: z.array(
      strictObject({
        studentId: objectId,
        studentName: z.string(),
        classId: objectId,
        className: z.string(),
        period: count,
        status: z.enum(['absent', 'late', 'excused']),
        lateMinutes: lateMinutes.optional(),
        reason: z.string().optional(),
        markedBy: z.string(),
        /** The student's whole day so far, from every register of their class taken that day. */
        dayStatus,
      }),
    ),
  }),
  summary: "Admin: today's (or a day's) absences across the school, who marked them and why.",
});

export const studentRecordSchema = strictObject({
  studentId: objectId,
  studentName: z.string(),
  from: schoolDay,
  to: schoolDay,
  mode,
  /** Marks: one a day (daily) or one a lesson (per lesson). */
  counts: statusCounts,
  /** Present or late of present, late or absent; null before anything counted. */
  rate: ratio.nullable(),
  /** Days by `dayStatusOf`: `absent` whole days missed, `partial` days away from some lessons. */
  dayCounts: strictObject({ ...statusCounts.shape, partial: count }),
  days: z.array(
    strictObject({
      date: schoolDay,
      period: count,
      status,
      lateMinutes: lateMinutes.optional(),
      reason: z.string().optional(),
    }),
  ),
});

// admin any student; a teacher a student of a class they teach; a student themselves (studentId left out).
export const attendanceStudent = defineChannel({
  name: 'attendance.student',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: strictObject({ studentId: objectId.optional(), ...range }).superRefine(checkRange),
  output: studentRecordSchema,
  summary: "A student's attendance over a range: counts, rate and each marked day (students: their own).",
});

// admin, or a teacher of the class.
export const attendanceClass = defineChannel({
  name: 'attendance.class',
  idempotent: true,
  roles: ['admin', 'teacher'],
  input: strictObject({ classId: objectId, threshold: ratio.default(0.9), ...range }).superRefine(checkRange),
  output: strictObject({
    classId: objectId,
    className: z.string(),
    from: schoolDay,
    to: schoolDay,
    mode,
    rate: ratio.nullable(),
    days: z.array(strictObject({ date: schoolDay, counts: statusCounts, rate: ratio.nullable() })),
    /** The same by week: `week` is the week's Monday. */
    weeks: z.array(strictObject({ week: schoolDay, counts: statusCounts, rate: ratio.nullable() })),
    /** Students whose rate is under the threshold, lowest first. */
    below: z.array(
      strictObject({
        studentId: objectId,
        name: z.string(),
        rate: ratio,
        /** Marks absent (days, or lessons per lesson). */
        absent: count,
        /** Whole days absent and days away from some lessons (`dayStatusOf`). */
        daysAbsent: count,
        partialDays: count,
      }),
    ),
  }),
  summary:
    "Admin or a teacher of the class: the class's rate per day and per week, and the students under a threshold.",
});

// admin: one class or the whole school; a teacher: a class they teach.
export const attendanceExport = defineChannel({
  name: 'attendance.export',
  idempotent: true,
  roles: ['admin', 'teacher'],
  input: strictObject({ classId: objectId.optional(), ...range }).superRefine(checkRange),
  output: strictObject({ filename: z.string(), csv: z.string(), rows: count }),
  summary: "Admin (a class or the school) or a teacher (a class they teach): a range's marks as CSV.",
});
