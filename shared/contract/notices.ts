/**
 * Notices: the admin writes to teachers, students or both; each reader sees the notices addressed to their role
 * and whether they have read them. (Not in the seed: a `notices` collection with per-user read marks.)
 */
import { z } from 'zod';
import { TEXT_LIMITS } from '../domain';
import { ROLES } from '../roles';
import { defineChannel, defineDeleteChannel } from './channel';
import { byId, objectId, paged, paging, strictObject, text } from './common';

export const noticeSchema = strictObject({
  id: objectId,
  title: z.string(),
  body: z.string(),
  audience: z.array(z.enum(ROLES)),
  createdAt: z.date(),
  createdBy: objectId,
  /** Whether the caller has read it (always true for its author). */
  read: z.boolean(),
  /** The assignment it announces or reminds of (a teacher's notice to a class, a due-date reminder). */
  assignmentId: objectId.optional(),
  /** When its author or the admin last changed it. */
  editedAt: z.date().optional(),
  /** Whether the caller may edit it (its author, or the admin). */
  editable: z.boolean(),
});
export type NoticeDto = z.infer<typeof noticeSchema>;

// everyone signed in: admin sees every notice; teachers and students those whose audience has their role.
// Newest first.
export const noticesList = defineChannel({
  name: 'notices.list',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: strictObject({ unreadOnly: z.boolean().optional(), ...paging }),
  output: paged(noticeSchema),
  summary: "Notices addressed to the caller's role (admin: all), newest first, with the caller's read mark.",
});

// admin only.
export const noticesCreate = defineChannel({
  name: 'notices.create',
  roles: ['admin'],
  input: strictObject({
    title: text(TEXT_LIMITS.title),
    body: text(TEXT_LIMITS.noticeBody, { multiline: true }),
    audience: z
      .array(z.enum(ROLES))
      .min(1, 'Choose who should read it.')
      .max(ROLES.length)
      .refine((r) => new Set(r).size === r.length, 'A role is listed twice.'),
  }),
  output: noticeSchema,
  summary: 'Admin: publishes a notice to teachers, students or both.',
});

// the admin any notice, a teacher their own (an assignment's notice): else NOT_FOUND. Absent keeps a field.
export const noticesUpdate = defineChannel({
  name: 'notices.update',
  idempotent: true,
  roles: ['admin', 'teacher'],
  input: strictObject({
    id: objectId,
    title: text(TEXT_LIMITS.title).optional(),
    body: text(TEXT_LIMITS.noticeBody, { multiline: true }).optional(),
  }),
  output: noticeSchema,
  summary: 'Admin, or the teacher who wrote it: changes a notice’s title or text.',
});

// admin only.
export const noticesDelete = defineDeleteChannel({
  name: 'notices.delete',
  roles: ['admin'],
  summary: 'Admin: removes a notice.',
});

// everyone signed in, for a notice addressed to their role (else NOT_FOUND). Marking twice is harmless.
export const noticesMarkRead = defineChannel({
  name: 'notices.markRead',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: byId,
  output: strictObject({ id: objectId, read: z.literal(true) }),
  summary: 'Marks a notice as read by the caller.',
});
