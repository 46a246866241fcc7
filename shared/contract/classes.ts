/** Classes ("Class 10-A"): grade, section, class teacher, enrolled students, capacity and subjects. */
import { z } from 'zod';
import {
  CLASS_CAPACITY_DEFAULT,
  CLASS_CAPACITY_MAX,
  CLASS_CAPACITY_MIN,
  LIST_LIMITS,
  TEXT_LIMITS,
} from '../domain';
import { defineChannel, defineDeleteChannel } from './channel';
import {
  byId,
  catalogueListInput,
  count,
  grade,
  objectId,
  objectIdList,
  paged,
  personRef,
  strictObject,
  text,
} from './common';

export const classSchema = strictObject({
  id: objectId,
  name: z.string(),
  grade,
  section: z.string(),
  teacherId: objectId.optional(),
  teacher: personRef.optional(),
  studentIds: z.array(objectId),
  studentCount: count,
  maxStudents: count,
  subjects: z.array(z.string()),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ClassDto = z.infer<typeof classSchema>;

const capacity = z
  .number({ error: 'must be a number' })
  .int('Use a whole number.')
  .min(CLASS_CAPACITY_MIN, `A class holds ${CLASS_CAPACITY_MIN}–${CLASS_CAPACITY_MAX} students.`)
  .max(CLASS_CAPACITY_MAX, `A class holds ${CLASS_CAPACITY_MIN}–${CLASS_CAPACITY_MAX} students.`);
/** "A", "B", "C": stored upper-case, so "10-a" and "10-A" are one class. */
const section = text(TEXT_LIMITS.section).overwrite((s) => s.toUpperCase());
const subjectNames = z
  .array(text(TEXT_LIMITS.subjectName))
  .max(LIST_LIMITS.subjectsPerClass, `At most ${LIST_LIMITS.subjectsPerClass} subjects.`);

// admin: every class. teacher: classes they are class teacher of or teach in the timetable.
// student: the classes they are enrolled in.
export const classesList = defineChannel({
  name: 'classes.list',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: catalogueListInput,
  output: paged(classSchema),
  summary:
    'Lists classes by grade, teacher or name. Admin: all; teacher: classes they lead or teach; ' +
    'student: their own class.',
});

// Same visibility as classes.list; a class the caller may not see is NOT_FOUND.
export const classesGet = defineChannel({
  name: 'classes.get',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: byId,
  output: classSchema,
  summary: 'One class. Admin: any; teacher: classes they lead or teach; student: their own class.',
});

// admin only. CONFLICT when grade+section exists; the teacher must be a teacher of this institution.
export const classesCreate = defineChannel({
  name: 'classes.create',
  roles: ['admin'],
  input: strictObject({
    name: text(TEXT_LIMITS.className),
    grade,
    section,
    teacherId: objectId.optional(),
    maxStudents: capacity.default(CLASS_CAPACITY_DEFAULT),
    subjects: subjectNames.optional(),
  }),
  output: classSchema,
  summary: `Admin: creates a class (grade, section, class teacher, capacity ${CLASS_CAPACITY_DEFAULT} unless said).`,
});

// admin only. `teacherId: null` removes the class teacher; a capacity below the enrolment is CONFLICT.
export const classesUpdate = defineChannel({
  name: 'classes.update',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({
    id: objectId,
    name: text(TEXT_LIMITS.className).optional(),
    grade: grade.optional(),
    section: section.optional(),
    teacherId: objectId.nullable().optional(),
    maxStudents: capacity.optional(),
    subjects: subjectNames.optional(),
  }),
  output: classSchema,
  summary: 'Admin: changes a class; teacherId null removes the class teacher.',
});

// admin only. The service deletes the class's schedules and removes its id from assignments.
export const classesDelete = defineDeleteChannel({
  name: 'classes.delete',
  roles: ['admin'],
  summary: 'Admin: deletes a class with its timetable entries; assignments lose the class.',
});

// admin only. The teacher must be an active teacher of this institution (else NOT_FOUND).
export const classesAssignTeacher = defineChannel({
  name: 'classes.assignTeacher',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({ classId: objectId, teacherId: objectId }),
  output: classSchema,
  summary: 'Admin: makes a teacher the class teacher.',
});

// admin only. Every id must be a student of this institution; students already enrolled are skipped;
// going over capacity is CONFLICT ("Class 10-A holds 40; 38 enrolled, 3 more asked").
export const classesAddStudents = defineChannel({
  name: 'classes.addStudents',
  roles: ['admin'],
  input: strictObject({
    classId: objectId,
    studentIds: objectIdList(LIST_LIMITS.studentsPerRequest, 1),
  }),
  output: classSchema,
  summary: 'Admin: enrols students in a class, within its capacity.',
});

// admin only. A student not enrolled is NOT_FOUND.
export const classesRemoveStudent = defineChannel({
  name: 'classes.removeStudent',
  roles: ['admin'],
  input: strictObject({ classId: objectId, studentId: objectId }),
  output: classSchema,
  summary: 'Admin: removes a student from a class.',
});
