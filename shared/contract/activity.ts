/** The institution's activity log (tenant `ActivityLog`): who did what, when, from where. Admin only. */
import { z } from 'zod';
import { ROLES } from '../roles';
import { defineChannel } from './channel';
import { dateInput, objectId, paged, paging, search, strictObject } from './common';

export const activitySchema = strictObject({
  id: objectId,
  /** Absent for a failed login of an unknown username. */
  userId: objectId.optional(),
  username: z.string(),
  /** Absent when unknown (a failed login). */
  role: z.enum(ROLES).optional(),
  /** CREATE, UPDATE, DELETE, LOGIN, LOGIN_FAILED, LOGOUT, … */
  action: z.string(),
  /** USER, CLASS, SCHEDULE, ASSIGNMENT, … */
  targetType: z.string(),
  targetId: objectId.optional(),
  targetName: z.string().optional(),
  /** What changed; never a password, hash or token (the service leaves them out when logging). */
  details: z.record(z.string(), z.unknown()).optional(),
  ipAddress: z.string(),
  userAgent: z.string(),
  timestamp: z.date(),
});
export type ActivityDto = z.infer<typeof activitySchema>;

/** Action and target names are upper-case words (LOGIN_FAILED); the filter is an exact match. */
const logWord = z
  .string({ error: 'must be text' })
  .trim()
  .overwrite((s) => s.toUpperCase())
  .regex(/^[A-Z][A-Z_]{0,63}$/, 'Use an action or target name such as LOGIN or CLASS.');

// admin only: the log of their own institution. Newest first.
export const activityList = defineChannel({
  name: 'activity.list',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({
    userId: objectId.optional(),
    /** Username contains (literal, case-insensitive). */
    search,
    action: logWord.optional(),
    targetType: logWord.optional(),
    from: dateInput.optional(),
    to: dateInput.optional(),
    /**
     * Only entries older than this one (its time and id): how the log is read past the counted 10,000 —
     * pages then count from it, so a deep page is never a long skip.
     */
    before: strictObject({ timestamp: dateInput, id: objectId }).optional(),
    ...paging,
  }),
  output: paged(activitySchema),
  summary:
    "Admin: the institution's activity log, filtered by user, action, target type and date range, newest first.",
});
