/**
 * Performance figures computed in the service from narrowed, projected queries (the embedded engine's aggregation
 * has no averages or buckets). Grades are scores out of 100; rates are shares from 0 to 1.
 */
import { z } from 'zod';
import { statusCounts } from './attendance';
import { defineChannel } from './channel';
import { count, dateInput, dayKey, objectId, ratio, score, strictObject } from './common';

/** Scores in [min, max] (10-point buckets, the last is 90–100; `scoreBucketIndex` in shared/domain.ts). */
export const gradeBucketSchema = strictObject({
  label: z.string(),
  min: score,
  max: score,
  count,
});

/** Counts of assignment rows by state (see SUBMISSION_STATES). */
const stateCounts = strictObject({ pending: count, submitted: count, graded: count, overdue: count });

/**
 * Attendance beside the grades: the registers that counted from `from` to `to` (school days; holidays left out).
 * The rate is present or late of present, late or absent; null before anything counted.
 */
const attendanceSummary = strictObject({
  from: dayKey,
  to: dayKey,
  counts: statusCounts,
  rate: ratio.nullable(),
});

/** The optional time window of a report (by due date); without it, everything. */
const window = { from: dateInput.optional(), to: dateInput.optional() };
function checkWindow(v: { from?: Date | undefined; to?: Date | undefined }, ctx: z.RefinementCtx): void {
  if (v.from && v.to && v.to.getTime() < v.from.getTime()) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end is before the start.' });
  }
}

export const studentAnalyticsSchema = strictObject({
  studentId: objectId,
  name: z.string(),
  assignments: count,
  states: stateCounts,
  /** Handed in (submitted or graded) ÷ assignments due so far. */
  completionRate: ratio,
  /** Absent until something is graded. */
  averageGrade: score.optional(),
  distribution: z.array(gradeBucketSchema),
  /** Graded work in due-date order, for a trend line. */
  grades: z.array(
    strictObject({ assignmentId: objectId, title: z.string(), dueDate: z.date(), grade: score }),
  ),
  /** Over the window's days, or the last year without one. */
  attendance: attendanceSummary,
});
export type StudentAnalytics = z.infer<typeof studentAnalyticsSchema>;

// student: themselves (studentId omitted or their own; another is NOT_FOUND). teacher: students of the classes
// they lead or teach, counting the assignments any teacher set them. admin: any student.
export const analyticsStudent = defineChannel({
  name: 'analytics.student',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: strictObject({ studentId: objectId.optional(), ...window }).superRefine(checkWindow),
  output: studentAnalyticsSchema,
  summary: "A student's completion rate, average grade, grade distribution and grades over time.",
});

export const classAnalyticsSchema = strictObject({
  classId: objectId,
  name: z.string(),
  students: count,
  assignments: count,
  completionRate: ratio,
  averageGrade: score.optional(),
  distribution: z.array(gradeBucketSchema),
  /** One row per enrolled student, for the class table. */
  perStudent: z.array(
    strictObject({
      studentId: objectId,
      name: z.string(),
      completionRate: ratio,
      averageGrade: score.optional(),
      overdue: count,
      attendanceRate: ratio.nullable(),
    }),
  ),
  /** Over the window's days, or the last year without one. */
  attendance: attendanceSummary,
  /** Submissions handed in per day within the window (days without any included as 0). */
  perDay: z.array(strictObject({ day: dayKey, submissions: count })),
});
export type ClassAnalytics = z.infer<typeof classAnalyticsSchema>;

// teacher: classes they lead or teach (others NOT_FOUND). admin: any class.
export const analyticsClass = defineChannel({
  name: 'analytics.class',
  idempotent: true,
  roles: ['admin', 'teacher'],
  input: strictObject({ classId: objectId, ...window }).superRefine(checkWindow),
  output: classAnalyticsSchema,
  summary:
    "A class's completion rate, average grade, grade distribution, per-student rows and daily submissions.",
});

export const institutionAnalyticsSchema = strictObject({
  totals: strictObject({
    teachers: count,
    students: count,
    classes: count,
    subjects: count,
    assignments: count,
  }),
  completionRate: ratio,
  /** Graded of handed in (submitted or graded); null before anything was handed in. */
  gradingRate: ratio.nullable(),
  averageGrade: score.optional(),
  distribution: z.array(gradeBucketSchema),
  perClass: z.array(
    strictObject({
      classId: objectId,
      name: z.string(),
      grade: z.number().int(),
      students: count,
      completionRate: ratio,
      gradingRate: ratio.nullable(),
      averageGrade: score.optional(),
      attendanceRate: ratio.nullable(),
    }),
  ),
  /** Over the window's days, or the last 30 days without one; `today` is today's registers. */
  attendance: attendanceSummary.extend({
    today: strictObject({
      classes: count,
      registersTaken: count,
      counts: statusCounts,
      rate: ratio.nullable(),
    }),
  }),
  /** Activity per day within the window (at most the last 90 days when no window is given). */
  perDay: z.array(strictObject({ day: dayKey, logins: count, submissions: count, messages: count })),
});
export type InstitutionAnalytics = z.infer<typeof institutionAnalyticsSchema>;

// admin only: their institution.
export const analyticsInstitution = defineChannel({
  name: 'analytics.institution',
  idempotent: true,
  roles: ['admin'],
  input: strictObject(window).superRefine(checkWindow),
  output: institutionAnalyticsSchema,
  summary:
    'Admin: totals, completion rate, average grade, distribution, per-class figures and daily activity.',
});
