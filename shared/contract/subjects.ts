/** The institution's subject catalogue ("Mathematics", MATH101, grade 10, its teacher). */
import { z } from 'zod';
import { TEXT_LIMITS } from '../domain';
import { defineChannel, defineDeleteChannel } from './channel';
import {
  catalogueListInput,
  clearableText,
  grade,
  objectId,
  optionalText,
  paged,
  personRef,
  strictObject,
  text,
} from './common';

export const subjectSchema = strictObject({
  id: objectId,
  name: z.string(),
  code: z.string(),
  grade,
  teacherId: objectId.optional(),
  teacher: personRef.optional(),
  description: z.string().optional(),
  createdAt: z.date(),
});
export type SubjectDto = z.infer<typeof subjectSchema>;

/** "MATH101": letters, digits, - and _, stored upper-case; unique per grade. */
const subjectCode = z
  .string({ error: 'must be text' })
  .trim()
  .overwrite((s) => s.toUpperCase())
  .regex(/^[A-Z0-9_-]{1,20}$/, 'Use 1–20 letters, digits, - or _ (e.g. MATH101).');

// everyone signed in: the catalogue is school-wide and holds nothing personal.
export const subjectsList = defineChannel({
  name: 'subjects.list',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: catalogueListInput,
  output: paged(subjectSchema),
  summary: 'Anyone signed in: lists subjects by grade, teacher or name/code.',
});

// admin only. CONFLICT when the code exists for that grade; the teacher must be a teacher of this institution.
export const subjectsCreate = defineChannel({
  name: 'subjects.create',
  roles: ['admin'],
  input: strictObject({
    name: text(TEXT_LIMITS.subjectName),
    code: subjectCode,
    grade,
    teacherId: objectId.optional(),
    description: optionalText(TEXT_LIMITS.subjectDescription, { multiline: true }),
  }),
  output: subjectSchema,
  summary: 'Admin: adds a subject (code unique per grade).',
});

// admin only. `teacherId: null` or `description: null` clears them.
export const subjectsUpdate = defineChannel({
  name: 'subjects.update',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({
    id: objectId,
    name: text(TEXT_LIMITS.subjectName).optional(),
    code: subjectCode.optional(),
    grade: grade.optional(),
    teacherId: objectId.nullable().optional(),
    description: clearableText(TEXT_LIMITS.subjectDescription, { multiline: true }),
  }),
  output: subjectSchema,
  summary: 'Admin: changes a subject.',
});

// admin only. Classes and timetable entries keep the subject's name (the seed stores names, not ids).
export const subjectsDelete = defineDeleteChannel({
  name: 'subjects.delete',
  roles: ['admin'],
  summary: 'Admin: removes a subject from the catalogue.',
});
