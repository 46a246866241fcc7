/** The institution's calendar: holidays and events, written by the admin, read by everyone. */
import { z } from 'zod';
import {
  CALENDAR_RANGE_MAX_DAYS,
  CALENDAR_TYPES,
  HOLIDAY_YEAR_MAX,
  HOLIDAY_YEAR_MIN,
  TEXT_LIMITS,
} from '../domain';
import { defineChannel, defineDeleteChannel } from './channel';
import { clearableText, count, dateInput, objectId, optionalText, strictObject, text } from './common';

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
  /** Set on public holidays imported from the holiday tables (`calendar.importHolidays`). */
  publicHoliday: strictObject({ country: z.string(), region: z.string().optional() }).optional(),
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
export const calendarDelete = defineDeleteChannel({
  name: 'calendar.delete',
  roles: ['admin'],
  summary: 'Admin: removes a holiday or an event.',
});

/** An ISO 3166-1 country code ("IN") or a subdivision code within it ("BY" for Bavaria), upper case. */
const placeCode = (what: string) =>
  z
    .string({ error: `must be ${what}` })
    .regex(/^[A-Z0-9]{1,3}$/, `Use ${what}, e.g. ${what === 'a country code' ? 'IN' : 'BY'}.`);

export const holidayPlaceSchema = strictObject({
  code: z.string(),
  name: z.string(),
  /** States or provinces with holidays of their own (may be empty). */
  regions: z.array(strictObject({ code: z.string(), name: z.string() })),
});
export type HolidayPlace = z.infer<typeof holidayPlaceSchema>;

// admin only: the countries the holiday tables know, India first, each with its regions.
export const calendarHolidayCountries = defineChannel({
  name: 'calendar.holidayCountries',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({}),
  output: strictObject({ countries: z.array(holidayPlaceSchema) }),
  summary: 'Admin: the countries (India first) and regions whose public holidays can be imported.',
});

// admin only. Offline: the tables ship with the app. Each holiday is stored once (a key of country, region, day
// and name), so importing the same year again adds nothing.
export const calendarImportHolidays = defineChannel({
  name: 'calendar.importHolidays',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({
    country: placeCode('a country code'),
    region: placeCode('a region code').optional(),
    year: z.number().int().min(HOLIDAY_YEAR_MIN).max(HOLIDAY_YEAR_MAX),
  }),
  output: strictObject({
    country: z.string(),
    region: z.string().optional(),
    year: z.number().int(),
    added: count,
    alreadyThere: count,
    holidays: z.array(strictObject({ day: z.iso.date(), title: z.string(), added: z.boolean() })),
  }),
  summary: "Admin: adds a year's public holidays of a country (and region) to the calendar, each once.",
});
