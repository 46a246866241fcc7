/**
 * A student's place in a class beyond being enrolled: their roll number (unique in the class, set one by one or
 * by numbering the class alphabetically) and moving them to another class in one step.
 */
import { z } from 'zod';
import { ROLL_NUMBER_MAX } from '../domain';
import { defineChannel } from './channel';
import { classSchema } from './classes';
import { count, objectId, strictObject } from './common';

export const rollNumber = z
  .number({ error: 'must be a number' })
  .int('Use a whole number.')
  .min(1, `Use a roll number from 1 to ${ROLL_NUMBER_MAX}.`)
  .max(ROLL_NUMBER_MAX, `Use a roll number from 1 to ${ROLL_NUMBER_MAX}.`);

// admin only. The student must be enrolled in the class (else NOT_FOUND); a number another student of the class
// has is CONFLICT; null takes the number away. Logged.
export const classesSetRollNumber = defineChannel({
  name: 'classes.setRollNumber',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({ classId: objectId, studentId: objectId, rollNumber: rollNumber.nullable() }),
  output: strictObject({ studentId: objectId, rollNumber: rollNumber.optional() }),
  summary: "Admin: sets or clears a student's roll number within their class (unique in the class).",
});

// admin only. Numbers every student of the class 1, 2, 3… by name (then id), replacing earlier numbers. Logged.
export const classesNumberAlphabetically = defineChannel({
  name: 'classes.numberAlphabetically',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({ classId: objectId }),
  output: strictObject({ classId: objectId, numbered: count }),
  summary: "Admin: gives a class's students roll numbers 1, 2, 3… in alphabetical order.",
});

// admin only. Takes the student out of their class (if any) and into `toClassId` in one step: an active
// student of this institution, a class with room (CONFLICT when full, or when already in that class). Their
// roll number is cleared (numbers belong to a class). Logged once, naming both classes.
export const classesMoveStudent = defineChannel({
  name: 'classes.moveStudent',
  roles: ['admin'],
  input: strictObject({ studentId: objectId, toClassId: objectId }),
  output: strictObject({ from: classSchema.optional(), to: classSchema }),
  summary: 'Admin: moves a student to another class in one step (capacity and the one-class rule checked).',
});
