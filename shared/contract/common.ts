/**
 * Building blocks of the channel schemas. Every free-text field is a bounded `z.string()`, so an operator object
 * such as `{ $gt: '' }` can never stand in for a value; every input object is strict, so unknown keys are refused.
 */
import { z } from 'zod';
import { ROLES } from '../roles';
import {
  ADMIN_USERNAME_MESSAGE,
  ADMIN_USERNAME_PATTERN,
  CONTROL_CHARACTERS,
  CONTROL_CHARACTERS_EXCEPT_NEWLINES,
  DECEPTIVE_MESSAGE,
  isDeceptive,
  DATE_MAX,
  DATE_MIN,
  GRADE_MAX,
  GRADE_MIN,
  PAGE_MAX,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  PASSWORD_RULES,
  PERIOD_MAX,
  PERIOD_MIN,
  SCORE_MAX,
  SCORE_MIN,
  TENANT_USERNAME_RULES,
  TEXT_LIMITS,
  TIME_SLOT_MESSAGE,
  WEEKDAYS,
  isStrongEnoughPassword,
  isValidTimeSlot,
} from '../domain';

/** A strict object: the one way inputs (and outputs) are declared, so no channel forgets `.strict()`. */
export const strictObject = z.strictObject;

// ── Ids ─────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A MongoDB ObjectId as 24 hex characters, lower-cased so ids compare as plain strings. An EJSON `{$oid}` arrives
 * as a bson ObjectId object and is refused like any other non-string: clients send ids as strings.
 */
export const objectId = z
  .string({ error: 'must be an id' })
  .regex(/^[0-9a-fA-F]{24}$/, 'must be an id')
  .overwrite((s) => s.toLowerCase());

/** A list of distinct ids, at least `min` and at most `max`. */
export function objectIdList(max: number, min = 0) {
  return z
    .array(objectId)
    .min(min, min === 1 ? 'Choose at least one.' : `Choose at least ${min}.`)
    .max(max, `At most ${max} at once.`)
    .refine((ids) => new Set(ids).size === ids.length, 'The same id is listed twice.');
}

// ── Text ────────────────────────────────────────────────────────────────────────────────────────────────────

interface TextOptions {
  /** Characters after trimming; 1 (required) unless said. */
  min?: number;
  /** Tabs and line breaks allowed (messages, notes, descriptions). */
  multiline?: boolean;
}

/**
 * Trimmed, bounded text without control characters (multi-line text may hold tabs and line breaks). One-line
 * text (names, titles) also refuses characters that disguise it (`isDeceptive`); multi-line prose (messages,
 * descriptions) keeps them, as right-to-left writing may need direction marks.
 */
export function text(max: number, { min = 1, multiline = false }: TextOptions = {}) {
  const forbidden = multiline ? CONTROL_CHARACTERS_EXCEPT_NEWLINES : CONTROL_CHARACTERS;
  return z
    .string({ error: 'must be text' })
    .trim()
    .min(min, min === 1 ? 'Required.' : `At least ${min} characters.`)
    .max(max, `At most ${max} characters.`)
    .refine((s) => !forbidden.test(s), 'Contains control characters.')
    .refine((s) => multiline || !isDeceptive(s), DECEPTIVE_MESSAGE);
}

/** Optional text where an empty string means "not given" (forms send ""). */
export function optionalText(max: number, options: Omit<TextOptions, 'min'> = {}) {
  return text(max, { ...options, min: 0 })
    .transform((s) => (s === '' ? undefined : s))
    .optional();
}

/** For updates: absent keeps the value, `null` or "" clears it, text replaces it. */
export function clearableText(max: number, options: Omit<TextOptions, 'min'> = {}) {
  return z
    .union([text(max, { ...options, min: 0 }), z.null()])
    .transform((s) => (s === '' ? null : s))
    .optional();
}

/** A search box: trimmed, at most 100 characters; matched literally (the service escapes regex characters). */
export const search = optionalText(TEXT_LIMITS.search);

export const personName = text(TEXT_LIMITS.personName);
export const email = z
  .string({ error: 'must be text' })
  .trim()
  .max(TEXT_LIMITS.email, `At most ${TEXT_LIMITS.email} characters.`)
  .overwrite((s) => s.toLowerCase())
  .pipe(z.union([z.literal(''), z.email('Enter an email address such as name@school.org.')]));
export const optionalEmail = email.transform((s) => (s === '' ? undefined : s)).optional();
export const clearableEmail = z
  .union([email, z.null()])
  .transform((s) => (s === '' ? null : s))
  .optional();
export const phone = z
  .string({ error: 'must be text' })
  .trim()
  .max(TEXT_LIMITS.phone, `At most ${TEXT_LIMITS.phone} characters.`)
  .regex(/^$|^[+0-9 ()\-./]{3,}$/, 'Use digits, spaces and + ( ) - . / only.');
export const optionalPhone = phone.transform((s) => (s === '' ? undefined : s)).optional();
export const clearablePhone = z
  .union([phone, z.null()])
  .transform((s) => (s === '' ? null : s))
  .optional();

// ── Usernames and passwords ─────────────────────────────────────────────────────────────────────────────────

/** An admin's username (3–32 letters, digits, underscores); case is kept, the service compares lower-case keys. */
export const adminUsername = z
  .string({ error: 'must be text' })
  .trim()
  .regex(ADMIN_USERNAME_PATTERN, ADMIN_USERNAME_MESSAGE);

/** A teacher's or student's username (`Pratik sir`): trimmed and NFC-normalised, 1–64 characters. */
export const tenantUsername = z
  .string({ error: 'must be text' })
  .overwrite((s) => s.normalize('NFC').trim())
  .min(TENANT_USERNAME_RULES.minLength, TENANT_USERNAME_RULES.message)
  .max(TENANT_USERNAME_RULES.maxLength, TENANT_USERNAME_RULES.message)
  .refine((s) => !CONTROL_CHARACTERS.test(s), TENANT_USERNAME_RULES.message)
  .refine((s) => !isDeceptive(s, { identifier: true }), DECEPTIVE_MESSAGE);

/** A password being set: 8–72 characters (bcrypt reads 72 bytes) with a letter and a digit. Never trimmed: spaces are characters. */
export const newPassword = z
  .string({ error: 'must be text' })
  .refine(isStrongEnoughPassword, PASSWORD_RULES.message);

/** A password being checked (login, confirmations): any 1–72 characters, so older passwords still work. */
export const currentPassword = z
  .string({ error: 'must be text' })
  .min(1, 'Enter the password.')
  .max(PASSWORD_RULES.maxLength, `At most ${PASSWORD_RULES.maxLength} characters.`);

// ── Numbers, enums ──────────────────────────────────────────────────────────────────────────────────────────

export const role = z.enum(ROLES);
/** Accounts inside an institution; the admin lives in the master registry. */
export const TENANT_ROLES = ['teacher', 'student'] as const;
export const tenantRole = z.enum(TENANT_ROLES);

export const grade = z
  .number({ error: 'must be a number' })
  .int('Use a whole number.')
  .min(GRADE_MIN, `Grades are ${GRADE_MIN}–${GRADE_MAX}.`)
  .max(GRADE_MAX, `Grades are ${GRADE_MIN}–${GRADE_MAX}.`);
export const period = z
  .number({ error: 'must be a number' })
  .int('Use a whole number.')
  .min(PERIOD_MIN, `Periods are ${PERIOD_MIN}–${PERIOD_MAX}.`)
  .max(PERIOD_MAX, `Periods are ${PERIOD_MIN}–${PERIOD_MAX}.`);
export const weekday = z.enum(WEEKDAYS, { error: `Use a weekday name: ${WEEKDAYS.join(', ')}.` });
export const timeSlot = z.string({ error: 'must be text' }).trim().refine(isValidTimeSlot, TIME_SLOT_MESSAGE);
/** A score out of 100. */
export const score = z
  .number({ error: 'must be a number' })
  .min(SCORE_MIN, `Grades are ${SCORE_MIN}–${SCORE_MAX}.`)
  .max(SCORE_MAX, `Grades are ${SCORE_MIN}–${SCORE_MAX}.`);
export const count = z.number().int().nonnegative();
/** A share between 0 and 1 (completion rates). */
export const ratio = z.number().min(0).max(1);

// ── Dates ───────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A date from any transport: a Date (Electron IPC, EJSON `$date`), or an ISO 8601 string: a date-time with `Z`
 * or an offset, or a plain `YYYY-MM-DD` (midnight UTC). Numbers, other strings and Invalid Date are refused;
 * `z.coerce.date()` would turn `null` into 1970 and `true` into a timestamp.
 */
export const dateInput = z
  .union(
    [
      z.date(),
      z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
      z.iso.date().transform((s) => new Date(`${s}T00:00:00.000Z`)),
    ],
    { error: 'Use a date (ISO 8601, e.g. 2025-09-01 or 2025-09-01T08:30:00Z).' },
  )
  .pipe(
    z
      .date()
      .min(DATE_MIN, 'The date is too far in the past.')
      .max(DATE_MAX, 'The date is too far in the future.'),
  );

/** For updates: `null` clears an optional date. */
export const clearableDate = z.union([dateInput, z.null()]).optional();

/** A calendar day in output series: `YYYY-MM-DD` in the station's time zone, not an instant. */
export const dayKey = z.iso.date();

// ── Paging ──────────────────────────────────────────────────────────────────────────────────────────────────

export const page = z.number({ error: 'must be a number' }).int().min(1).max(PAGE_MAX).default(1);
export const pageSize = z
  .number({ error: 'must be a number' })
  .int()
  .min(1)
  .max(PAGE_SIZE_MAX, `At most ${PAGE_SIZE_MAX} per page.`)
  .default(PAGE_SIZE_DEFAULT);
/** Spread into a list input: `{ ...paging, role: … }`. */
export const paging = { page, pageSize } as const;

/** A school catalogue's list (classes, subjects): by grade, by teacher, by name or code, a page at a time. */
export const catalogueListInput = strictObject({
  grade: grade.optional(),
  teacherId: objectId.optional(),
  search,
  ...paging,
});

/** A page of a list: the items, how many match in all, and the page that was asked for. */
/**
 * Lists that can grow without bound (the activity log) count matches exactly up to this many and then report
 * "at least": an exact count of a year's log reads it all, for a figure nobody pages to the end of.
 */
export const EXACT_COUNT_LIMIT = 10_000;

export function paged<T extends z.ZodType>(item: T) {
  return strictObject({
    items: z.array(item),
    total: count,
    /** `total` is EXACT_COUNT_LIMIT and there are more: show "10,000+". */
    totalIsLowerBound: z.boolean().optional(),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1).max(PAGE_SIZE_MAX),
  });
}

// ── Common outputs ──────────────────────────────────────────────────────────────────────────────────────────

/** Someone named in an output: enough to show a name next to an id. */
export const personRef = strictObject({ id: objectId, name: z.string() });
export type PersonRef = z.infer<typeof personRef>;

/** A stored file as outputs name it; the bytes come from `files.get`. */
export const fileRef = strictObject({
  id: objectId,
  name: z.string(),
  mimeType: z.string(),
  size: count,
});
export type FileRef = z.infer<typeof fileRef>;

/** The input of a channel that acts on one record: its id. */
export const byId = strictObject({ id: objectId });

/** The answer of a delete. */
export const deleted = strictObject({ id: objectId, deleted: z.literal(true) });

/** The answer of an action with nothing else to say. */
export const done = strictObject({ ok: z.literal(true) });
