/**
 * What a school describes for its timetable: the working week with its bell times, rooms, lessons (the
 * curriculum) and teachers' limits. The generator's channels are in ./timetable.ts.
 */
import { z } from 'zod';
import { PERIOD_MAX, TEXT_LIMITS, WEEKDAYS } from '../domain';
import { weekProblem } from '../school-week';
import { LESSON_LIMITS, ROOM_LIMITS } from '../timetable-rules';
import { defineChannel, defineDeleteChannel } from './channel';
import {
  count,
  objectId,
  objectIdList,
  paged,
  paging,
  period,
  personRef,
  search,
  strictObject,
  text,
  timeSlot,
  weekday,
} from './common';

// ── The week ────────────────────────────────────────────────────────────────────────────────────────────────

export const weekPeriodSchema = strictObject({ timeSlot: z.string(), breakAfter: z.boolean() });
export const weekSchema = strictObject({
  days: z.array(weekday),
  periods: z.array(weekPeriodSchema),
  /** False until the admin saves a week: these are the defaults. */
  saved: z.boolean(),
});
export type WeekDto = z.infer<typeof weekSchema>;

// everyone signed in: the week and its bell times shape every timetable view.
export const weekGet = defineChannel({
  name: 'week.get',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: strictObject({}),
  output: weekSchema,
  summary:
    "The school's working days and periods with their bell times (Monday–Saturday, 8 periods until set).",
});

// admin only. CONFLICT when timetable entries fall outside the new week (they would vanish from every view).
export const weekUpdate = defineChannel({
  name: 'week.update',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({
    days: z.array(weekday).min(1, 'Choose at least one working day.').max(WEEKDAYS.length),
    periods: z
      .array(strictObject({ timeSlot, breakAfter: z.boolean().default(false) }))
      .min(1, `A day has 1–${PERIOD_MAX} periods.`)
      .max(PERIOD_MAX, `A day has 1–${PERIOD_MAX} periods.`),
  }).superRefine((week, ctx) => {
    const problem = weekProblem(week);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.field.split('.') });
  }),
  output: weekSchema,
  summary: "Admin: sets the working days, the periods' bell times and the breaks.",
});

// ── Rooms ───────────────────────────────────────────────────────────────────────────────────────────────────

export const roomSchema = strictObject({
  id: objectId,
  name: z.string(),
  kind: z.string(),
  capacity: z.number().int(),
  createdAt: z.date(),
});
export type RoomDto = z.infer<typeof roomSchema>;

const roomName = text(ROOM_LIMITS.name);
const roomKind = text(ROOM_LIMITS.kind).overwrite((s) => s.toLowerCase());
const capacity = z
  .number({ error: 'must be a number' })
  .int('Use a whole number.')
  .min(1, 'At least 1 seat.')
  .max(ROOM_LIMITS.capacityMax, `At most ${ROOM_LIMITS.capacityMax} seats.`);

// admin; teachers too (a timetable names rooms).
export const roomsList = defineChannel({
  name: 'rooms.list',
  idempotent: true,
  roles: ['admin', 'teacher'],
  input: strictObject({ search, kind: roomKind.optional(), ...paging }),
  output: paged(roomSchema),
  summary: 'Rooms by name, with their kind and capacity.',
});

// admin only. CONFLICT when another room has the name (case-insensitive).
export const roomsCreate = defineChannel({
  name: 'rooms.create',
  roles: ['admin'],
  input: strictObject({ name: roomName, kind: roomKind, capacity }),
  output: roomSchema,
  summary: 'Admin: adds a room (name unique in the school).',
});

export const roomsUpdate = defineChannel({
  name: 'rooms.update',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({
    id: objectId,
    name: roomName.optional(),
    kind: roomKind.optional(),
    capacity: capacity.optional(),
  }),
  output: roomSchema,
  summary: 'Admin: renames a room or changes its kind or capacity.',
});

// admin only. CONFLICT while a lesson or a timetable entry uses the room.
export const roomsDelete = defineDeleteChannel({
  name: 'rooms.delete',
  roles: ['admin'],
  summary: 'Admin: removes a room no lesson or timetable entry uses.',
});

// ── Lessons ─────────────────────────────────────────────────────────────────────────────────────────────────

const groups = z
  .array(
    z
      .number({ error: 'must be a number' })
      .int('Use whole periods.')
      .min(1, 'A block has at least one period.')
      .max(LESSON_LIMITS.blockMax, `A block has at most ${LESSON_LIMITS.blockMax} periods.`),
  )
  .min(1, 'A lesson has at least one period a week.')
  .max(LESSON_LIMITS.groupsPerLesson, `At most ${LESSON_LIMITS.groupsPerLesson} blocks a week.`);

export const lessonSchema = strictObject({
  id: objectId,
  classes: z.array(personRef),
  subject: z.string(),
  teachers: z.array(personRef),
  groups: z.array(z.number().int()),
  periodsPerWeek: count,
  room: personRef.optional(),
  roomKind: z.string().optional(),
  createdAt: z.date(),
});
export type LessonDto = z.infer<typeof lessonSchema>;

// admin only. Lessons of a class (also those it shares) or of a teacher; all of them without a filter.
export const lessonsList = defineChannel({
  name: 'lessons.list',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({ classId: objectId.optional(), teacherId: objectId.optional() }),
  output: strictObject({ items: z.array(lessonSchema), truncated: z.boolean() }),
  summary: 'Admin: the curriculum: lessons of a class or a teacher, with their periods a week.',
});

const lessonFields = {
  classIds: objectIdList(LESSON_LIMITS.classesPerLesson, 1),
  subject: text(TEXT_LIMITS.subjectName),
  teacherIds: objectIdList(LESSON_LIMITS.teachersPerLesson, 1),
  groups,
};

// admin only. The classes and teachers must exist here; a fixed room wins over a room kind.
export const lessonsCreate = defineChannel({
  name: 'lessons.create',
  roles: ['admin'],
  input: strictObject({
    ...lessonFields,
    roomId: objectId.optional(),
    roomKind: roomKind.optional(),
  }),
  output: lessonSchema,
  summary:
    'Admin: adds a lesson: classes, subject, teachers, its blocks (e.g. [2, 2]) and a room or room kind.',
});

// admin only. `roomId: null` / `roomKind: null` clear them.
export const lessonsUpdate = defineChannel({
  name: 'lessons.update',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({
    id: objectId,
    classIds: lessonFields.classIds.optional(),
    subject: lessonFields.subject.optional(),
    teacherIds: lessonFields.teacherIds.optional(),
    groups: groups.optional(),
    roomId: objectId.nullable().optional(),
    roomKind: roomKind.nullable().optional(),
  }),
  output: lessonSchema,
  summary: 'Admin: changes a lesson.',
});

// admin only. Timetable entries generated from it stay (they lose the link).
export const lessonsDelete = defineDeleteChannel({
  name: 'lessons.delete',
  roles: ['admin'],
  summary: 'Admin: removes a lesson from the curriculum.',
});

// ── Teachers' limits ────────────────────────────────────────────────────────────────────────────────────────

const slotRef = strictObject({ day: weekday, period });
export const teacherLimitsSchema = strictObject({
  teacherId: objectId,
  unavailable: z.array(slotRef),
  maxPeriodsPerDay: z.number().int().optional(),
  maxDaysPerWeek: z.number().int().optional(),
});
export type TeacherLimitsDto = z.infer<typeof teacherLimitsSchema>;

// admin: any teacher; teacher: their own (another is NOT_FOUND).
export const availabilityGet = defineChannel({
  name: 'availability.get',
  idempotent: true,
  roles: ['admin', 'teacher'],
  input: strictObject({ teacherId: objectId }),
  output: teacherLimitsSchema,
  summary: "A teacher's unavailable slots and their most periods a day and working days a week.",
});

// admin only. `null` clears a limit; the list of slots replaces the stored one.
export const availabilitySet = defineChannel({
  name: 'availability.set',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({
    teacherId: objectId,
    unavailable: z
      .array(slotRef)
      .max(WEEKDAYS.length * PERIOD_MAX)
      .refine(
        (slots) => new Set(slots.map((s) => `${s.day}|${s.period}`)).size === slots.length,
        'A slot is listed twice.',
      ),
    maxPeriodsPerDay: z.number().int().min(1).max(PERIOD_MAX).nullable(),
    maxDaysPerWeek: z.number().int().min(1).max(WEEKDAYS.length).nullable(),
  }),
  output: teacherLimitsSchema,
  summary: "Admin: sets a teacher's unavailable slots and daily and weekly limits for the generator.",
});
