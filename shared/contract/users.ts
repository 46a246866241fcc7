/**
 * Teachers and students of the caller's institution. The admin is not a tenant user: it lives in the master
 * registry and is managed through `institution.*` and `auth.*`.
 */
import { z } from 'zod';
import { CSV_IMPORT_LIMITS, TEXT_LIMITS } from '../domain';
import { defineChannel, defineDeleteChannel, textBodyLimit } from './channel';
import {
  byId,
  clearableDate,
  clearableEmail,
  clearablePhone,
  clearableText,
  count,
  dateInput,
  grade,
  newPassword,
  objectId,
  optionalEmail,
  optionalPhone,
  optionalText,
  paged,
  paging,
  personName,
  search,
  strictObject,
  tenantRole,
  tenantUsername,
} from './common';

/** A teacher or student as every output shows them. No password, no hash, no token version. */
export const userSchema = strictObject({
  id: objectId,
  role: tenantRole,
  username: z.string(),
  name: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
  address: z.string().optional(),
  dateOfBirth: z.date().optional(),
  joiningDate: z.date().optional(),
  /** Teachers. */
  department: z.string().optional(),
  employeeNumber: z.string().optional(),
  /** Students: their roll number within their class. */
  rollNumber: z.number().int().optional(),
  /** Students in a class: which (users.list, users.get). */
  classId: objectId.optional(),
  className: z.string().optional(),
  isActive: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type UserDto = z.infer<typeof userSchema>;

/** The fields of a new account; also what one CSV import row is checked against (without `role`). */
export const userFields = {
  username: tenantUsername,
  password: newPassword,
  name: personName,
  email: optionalEmail,
  phone: optionalPhone,
  address: optionalText(TEXT_LIMITS.address, { multiline: true }),
  dateOfBirth: dateInput.optional(),
  joiningDate: dateInput.optional(),
};

/** One CSV row after its columns are mapped to fields (empty cells as ""). */
export const importRowSchema = strictObject(userFields);
export type ImportRow = z.infer<typeof importRowSchema>;

/**
 * A row of the people list as a page boundary: its name and id, exactly as the list showed them (the list's
 * order is name, then id). Only compared, never stored, so the name is not trimmed.
 */
export const peopleCursorSchema = strictObject({
  name: z
    .string({ error: 'must be text' })
    .min(1, 'must not be empty')
    .max(TEXT_LIMITS.personName, `At most ${TEXT_LIMITS.personName} characters.`),
  id: objectId,
});
export type PeopleCursor = z.infer<typeof peopleCursorSchema>;

// admin: every teacher and student. teacher: students of the classes they teach (the service forces
// role=student and refuses a classId that is not theirs). students cannot list people.
export const usersList = defineChannel({
  name: 'users.list',
  idempotent: true,
  roles: ['admin', 'teacher'],
  input: strictObject({
    role: tenantRole.optional(),
    search,
    classId: objectId.optional(),
    /** Students of the classes of this grade (admin). */
    grade: grade.optional(),
    /** Students in no class (admin): those still to be placed. */
    withoutClass: z.boolean().optional(),
    isActive: z.boolean().optional(),
    /**
     * The page after this row (the last one of the page shown): read from the name index, so the next page
     * costs the same at any depth. `page` is then only the number the answer carries, and the total is the
     * filter's as always.
     */
    after: peopleCursorSchema.optional(),
    /** The page before this row (the first one of the page shown), in the same way. */
    before: peopleCursorSchema.optional(),
    ...paging,
  })
    .refine((v) => !(v.withoutClass && (v.classId !== undefined || v.grade !== undefined)), {
      path: ['withoutClass'],
      message: 'Students in no class have no class or grade to filter by.',
    })
    .refine((v) => !(v.after && v.before), {
      path: ['before'],
      message: 'A page is read after one row or before another, not both.',
    }),
  output: paged(userSchema),
  summary:
    'Lists teachers and students by role, class, active state and a name/username search, a page at a time. ' +
    'Admin: everyone; teacher: students of the classes they teach.',
});

// admin: anyone. teacher: themselves and students of their classes. student: only themselves.
// Someone the caller may not see is NOT_FOUND, not FORBIDDEN, so ids of other people leak nothing.
export const usersGet = defineChannel({
  name: 'users.get',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: byId,
  output: userSchema,
  summary:
    'One teacher or student. Admin: anyone; teacher: themselves and their students; student: themselves.',
});

// admin only. The service checks the username is free in the institution (case-insensitively: CONFLICT).
export const usersCreate = defineChannel({
  name: 'users.create',
  roles: ['admin'],
  input: strictObject({ role: tenantRole, ...userFields }),
  output: userSchema,
  summary: 'Admin: creates a teacher or student account with its first password.',
});

// admin only. Role cannot change (a teacher is not turned into a student: delete and create). A new password or
// `isActive: false` also ends that user's sessions (the service raises their token version).
export const usersUpdate = defineChannel({
  name: 'users.update',
  roles: ['admin'],
  input: strictObject({
    id: objectId,
    username: tenantUsername.optional(),
    password: newPassword.optional(),
    name: personName.optional(),
    email: clearableEmail,
    phone: clearablePhone,
    address: clearableText(TEXT_LIMITS.address, { multiline: true }),
    dateOfBirth: clearableDate,
    joiningDate: clearableDate,
    department: clearableText(TEXT_LIMITS.department),
    employeeNumber: clearableText(TEXT_LIMITS.employeeNumber),
    isActive: z.boolean().optional(),
  }),
  output: userSchema,
  summary:
    'Admin: changes a teacher or student (absent keeps a field, null clears it); a new password or ' +
    'deactivation signs them out.',
});

// admin only. The service removes the user from classes (students, teacherId), schedules and subjects.
export const usersDelete = defineDeleteChannel({
  name: 'users.delete',
  roles: ['admin'],
  summary:
    'Admin: deletes a teacher or student and every reference to them in classes, subjects and timetables.',
});

export const IMPORT_ROW_STATUSES = ['created', 'valid', 'invalid'] as const;

export const importReportSchema = strictObject({
  /** True when every row was created; false when any row was invalid (then none was) or on a dry run. */
  imported: z.boolean(),
  created: count,
  rows: z.array(
    strictObject({
      /** The CSV line, counting the header as line 1. */
      line: z.number().int().min(2),
      username: z.string().optional(),
      status: z.enum(IMPORT_ROW_STATUSES),
      /** The new account (status `created`). */
      id: objectId.optional(),
      /** Column → message (status `invalid`). Passwords are never echoed. */
      errors: z.record(z.string(), z.string()).optional(),
    }),
  ),
});
export type ImportReport = z.infer<typeof importReportSchema>;

// admin only. All or nothing: every row is checked (fields, duplicates within the file and against the
// institution) before any account is created; a failure while creating removes the rows already created.
export const usersImport = defineChannel({
  name: 'users.import',
  roles: ['admin'],
  maxBodyBytes: textBodyLimit(CSV_IMPORT_LIMITS.maxChars),
  input: strictObject({
    role: tenantRole,
    csv: z
      .string({ error: 'must be text' })
      .min(1, 'The file is empty.')
      .max(
        CSV_IMPORT_LIMITS.maxChars,
        `A CSV file may have at most ${CSV_IMPORT_LIMITS.maxChars} characters.`,
      ),
    /** Check every row and report, creating nothing. */
    dryRun: z.boolean().optional(),
  }),
  output: importReportSchema,
  summary:
    `Admin: imports teachers or students from CSV text (header: ${CSV_IMPORT_LIMITS.columns.join(',')}; ` +
    `at most ${CSV_IMPORT_LIMITS.maxRows} rows) with a per-row report; nothing is created unless every row is valid.`,
});
