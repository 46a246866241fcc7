/** The institution's calendar: holidays and events, written by the admin, read by everyone. */
import { z } from 'zod';
import { CALENDAR_RANGE_MAX_DAYS, CALENDAR_TYPES, TEXT_LIMITS } from '../domain';
import { defineChannel } from './channel';
import { clearableText, dateInput, deleted, objectId, optionalText, strictObject, text } from './common';

export const calendarEntrySchema = strictObject({
  id: objectId,
  title: z.string(),
  description: z.string().optional(),
  date: z.date(),
  type: z.enum(CALENDAR_TYPES),
  /** The seed keeps both; always `type === 'holiday'`. */
  isHoliday: z.boolean(),
  createdBy: objectId,
  createdAt: z.date(),
});
export type CalendarEntryDto = z.infer<typeof calendarEntrySchema>;

const DAY_MS = 24 * 60 * 60 * 1000;

// everyone signed in: the whole institution's calendar for a range of at most about a year.
export const calendarList = defineChannel({
  name: 'calendar.list',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: strictObject({ from: dateInput, to: dateInput }).superRefine((v, ctx) => {
    if (v.to.getTime() < v.from.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end is before the start.' });
    } else if (v.to.getTime() - v.from.getTime() > CALENDAR_RANGE_MAX_DAYS * DAY_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `At most ${CALENDAR_RANGE_MAX_DAYS} days at once.`,
      });
    }
  }),
  output: strictObject({
    items: z.array(calendarEntrySchema),
    /**
     * Assignments due in the range that the caller sees (issue 19, finding 11): a student their classes', a
     * teacher their own, the admin all (at most 500, soonest first).
     */
    due: z
      .array(strictObject({ assignmentId: objectId, title: z.string(), dueDate: z.date() }))
      .max(500)
      .optional(),
  }),
  summary: 'Anyone signed in: holidays and events from `from` to `to` (inclusive), by date, and work due.',
});

// admin only. `isHoliday` is not an input: it follows from `type`.
export const calendarCreate = defineChannel({
  name: 'calendar.create',
  roles: ['admin'],
  input: strictObject({
    title: text(TEXT_LIMITS.title),
    description: optionalText(TEXT_LIMITS.description, { multiline: true }),
    date: dateInput,
    type: z.enum(CALENDAR_TYPES),
  }),
  output: calendarEntrySchema,
  summary: 'Admin: adds a holiday or an event.',
});

// admin only.
export const calendarUpdate = defineChannel({
  name: 'calendar.update',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({
    id: objectId,
    title: text(TEXT_LIMITS.title).optional(),
    description: clearableText(TEXT_LIMITS.description, { multiline: true }),
    date: dateInput.optional(),
    type: z.enum(CALENDAR_TYPES).optional(),
  }),
  output: calendarEntrySchema,
  summary: 'Admin: changes a holiday or an event.',
});

// admin only.
export const calendarDelete = defineChannel({
  name: 'calendar.delete',
  roles: ['admin'],
  input: strictObject({ id: objectId }),
  output: deleted,
  summary: 'Admin: removes a holiday or an event.',
});
