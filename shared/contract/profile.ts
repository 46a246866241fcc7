/**
 * The signed-in person's own profile, whatever their role: contact details and date of birth for everyone, a
 * teacher's department and employee number, and a student's class and roll number (shown, set by the office).
 * The admin's profile lives in the master registry, a teacher's or student's in their institution's users.
 */
import { z } from 'zod';
import { TEXT_LIMITS } from '../domain';
import { ROLES } from '../roles';
import { defineChannel } from './channel';
import {
  clearableDate,
  clearableEmail,
  clearablePhone,
  clearableText,
  objectId,
  personName,
  strictObject,
} from './common';

export const profileSchema = strictObject({
  id: objectId,
  role: z.enum(ROLES),
  username: z.string(),
  name: z.string(),
  institutionName: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
  address: z.string().optional(),
  dateOfBirth: z.date().optional(),
  /** Teachers only. */
  department: z.string().optional(),
  employeeNumber: z.string().optional(),
  /** Students only, read-only here: the office sets them. */
  className: z.string().optional(),
  rollNumber: z.number().int().optional(),
});
export type ProfileDto = z.infer<typeof profileSchema>;

// any signed-in user: themselves (from the token; no id to name anyone else).
export const profileGet = defineChannel({
  name: 'profile.get',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: strictObject({}),
  output: profileSchema,
  summary: 'Any signed-in user: their own profile (a student sees their class and roll number).',
});

// any signed-in user, for themselves. Absent keeps a field, null or "" clears it. Department and employee
// number are a teacher's: anyone else sending them is VALIDATION on that field. Logged as an update of the user.
export const profileUpdate = defineChannel({
  name: 'profile.update',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: strictObject({
    name: personName.optional(),
    email: clearableEmail,
    phone: clearablePhone,
    address: clearableText(TEXT_LIMITS.address, { multiline: true }),
    dateOfBirth: clearableDate,
    department: clearableText(TEXT_LIMITS.department),
    employeeNumber: clearableText(TEXT_LIMITS.employeeNumber),
  }),
  output: profileSchema,
  summary:
    'Any signed-in user: changes their own name, contact details and date of birth (teachers: department).',
});
