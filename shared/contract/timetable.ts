/**
 * The timetable generator: generate (starts a job off the main thread), preview (its progress and result),
 * accept (writes the result), discard and cancel. One job per institution, kept in memory by the station.
 */
import { z } from 'zod';
import { GENERATOR_LIMITS } from '../timetable-rules';
import { defineChannel } from './channel';
import { count, objectId, objectIdList, period, strictObject, weekday } from './common';

export const GENERATE_STATES = ['running', 'done', 'failed', 'cancelled'] as const;

const jobId = objectId;

export const generateScope = z.discriminatedUnion('kind', [
  strictObject({ kind: z.literal('school') }),
  strictObject({ kind: z.literal('classes'), classIds: objectIdList(GENERATOR_LIMITS.scopeMax, 1) }),
  strictObject({ kind: z.literal('teachers'), teacherIds: objectIdList(GENERATOR_LIMITS.scopeMax, 1) }),
]);
export type GenerateScope = z.infer<typeof generateScope>;

// admin only. CONFLICT when a job of this institution is still running.
export const timetableGenerate = defineChannel({
  name: 'timetable.generate',
  roles: ['admin'],
  input: strictObject({
    scope: generateScope.default({ kind: 'school' }),
    /** keep: entries already in the scope stay where they are; replace: generated entries of the scope are redone. */
    existing: z.enum(['keep', 'replace']).default('replace'),
    timeLimitSeconds: z
      .number({ error: 'must be a number' })
      .int()
      .min(1, 'At least 1 second.')
      .max(GENERATOR_LIMITS.timeLimitMaxSeconds, `At most ${GENERATOR_LIMITS.timeLimitMaxSeconds} seconds.`)
      .default(GENERATOR_LIMITS.timeLimitDefaultSeconds),
    seed: z.number().int().min(0).max(GENERATOR_LIMITS.seedMax).default(1),
  }),
  output: strictObject({ jobId }),
  summary: 'Admin: starts generating a timetable for the school, some classes or some teachers.',
});

export const previewEntrySchema = strictObject({
  lessonId: objectId.optional(),
  subject: z.string(),
  classIds: z.array(objectId),
  className: z.string(),
  teacherIds: z.array(objectId),
  teacherName: z.string(),
  roomId: objectId.optional(),
  roomName: z.string().optional(),
  day: weekday,
  period,
  timeSlot: z.string(),
  /** An entry that stays (kept, or outside the scope); the others are new. */
  kept: z.boolean(),
});
export type PreviewEntryDto = z.infer<typeof previewEntrySchema>;

export const unplacedSchema = strictObject({
  lessonId: objectId,
  subject: z.string(),
  className: z.string(),
  teacherName: z.string(),
  /** The block's length in periods. */
  length: count,
  reason: z.string(),
});

const progressSchema = strictObject({
  placedGroups: count,
  totalGroups: count,
  hardViolations: count,
  elapsedMs: count,
});

export const previewSchema = strictObject({
  jobId,
  state: z.enum(GENERATE_STATES),
  progress: progressSchema,
  startedAt: z.date(),
  /** When done (or cancelled with a best result). */
  result: strictObject({
    entries: z.array(previewEntrySchema),
    unplaced: z.array(unplacedSchema),
    hardViolations: count,
    soft: strictObject({
      sameSubjectSameDay: count,
      teacherGaps: count,
      loadImbalance: count,
      total: z.number(),
    }),
    /** Entries accept would remove (generated entries of the scope being replaced). */
    replaces: count,
  }).optional(),
  error: z.string().optional(),
});
export type TimetablePreviewDto = z.infer<typeof previewSchema>;

// admin only. NOT_FOUND for another institution's or a forgotten job.
export const timetablePreview = defineChannel({
  name: 'timetable.preview',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({ jobId }),
  output: previewSchema,
  summary: "Admin: a generation job's progress, and its timetable, score and unplaced lessons when done.",
});

// admin only. CONFLICT with hard violations, a running job, or data changed since generating. Lessons it could
// not place stay unplaced (the preview lists them).
export const timetableAccept = defineChannel({
  name: 'timetable.accept',
  roles: ['admin'],
  input: strictObject({ jobId }),
  output: strictObject({ created: count, removed: count }),
  summary: "Admin: writes the generated timetable at once, replacing the scope's generated entries.",
});

export const timetableDiscard = defineChannel({
  name: 'timetable.discard',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({ jobId }),
  output: strictObject({ discarded: z.literal(true) }),
  summary: 'Admin: throws a generated timetable away (stopping the job if it runs).',
});

export const timetableCancel = defineChannel({
  name: 'timetable.cancel',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({ jobId }),
  output: previewSchema,
  summary: 'Admin: stops a running job; its best result so far stays to preview.',
});
