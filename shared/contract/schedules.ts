/** The timetable: one entry per class, day and period, with its teacher, subject and time slot. */
import { z } from 'zod';
import { TEXT_LIMITS } from '../domain';
import { defineChannel, defineDeleteChannel } from './channel';
import { objectId, period, strictObject, text, timeSlot, weekday } from './common';

export const scheduleSchema = strictObject({
  id: objectId,
  teacherId: objectId,
  classId: objectId,
  subject: z.string(),
  day: weekday,
  period,
  timeSlot: z.string(),
  createdAt: z.date(),
  /** For display, so a week grid needs no second request. */
  teacherName: z.string().optional(),
  className: z.string().optional(),
  roomId: objectId.optional(),
  roomName: z.string().optional(),
  /** The curriculum lesson a generated entry came from. */
  lessonId: objectId.optional(),
  /** Classes and teachers of a lesson taught together, besides `classId` and `teacherId`. */
  alsoClassIds: z.array(objectId).optional(),
  alsoTeacherIds: z.array(objectId).optional(),
});
export type ScheduleDto = z.infer<typeof scheduleSchema>;

// admin: any class or teacher. teacher: without filters their own week; may also view a class they teach
// (another class or teacher is NOT_FOUND). student: their own class's week (filters other than it are NOT_FOUND).
export const schedulesList = defineChannel({
  name: 'schedules.list',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: strictObject({
    classId: objectId.optional(),
    teacherId: objectId.optional(),
    day: weekday.optional(),
  }),
  // A whole week at most (7 × 10 per class or teacher), or the institution's timetable for the admin: not paged.
  output: strictObject({ items: z.array(scheduleSchema) }),
  summary:
    'Timetable entries of a class or a teacher, sorted by day and period. Admin: any; teacher: their own and ' +
    "their classes'; student: their class's.",
});

const entryFields = {
  teacherId: objectId,
  classId: objectId,
  subject: text(TEXT_LIMITS.subjectName),
  day: weekday,
  period,
  /** Absent: the period's bell time from the school's week. */
  timeSlot: timeSlot.optional(),
  roomId: objectId.optional(),
};

// admin only. CONFLICT naming the clash when the teacher, the class or the room already has that day and period
// ("Pratik sir already teaches Class 9-B on Monday, period 3"); the teacher, class and room must exist, and the
// day and period must be in the school's week.
export const schedulesCreate = defineChannel({
  name: 'schedules.create',
  roles: ['admin'],
  input: strictObject(entryFields),
  output: scheduleSchema,
  summary:
    'Admin: adds a timetable entry; a teacher, class or room already busy that day and period is CONFLICT.',
});

// admin only. Same conflict rule as create, ignoring the entry being changed.
export const schedulesUpdate = defineChannel({
  name: 'schedules.update',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({
    id: objectId,
    teacherId: entryFields.teacherId.optional(),
    classId: entryFields.classId.optional(),
    subject: entryFields.subject.optional(),
    day: entryFields.day.optional(),
    period: entryFields.period.optional(),
    timeSlot: entryFields.timeSlot,
    roomId: objectId.nullable().optional(),
  }),
  output: scheduleSchema,
  summary: 'Admin: changes a timetable entry, with the same clash check.',
});

// admin only.
export const schedulesDelete = defineDeleteChannel({
  name: 'schedules.delete',
  roles: ['admin'],
  summary: 'Admin: removes a timetable entry.',
});
