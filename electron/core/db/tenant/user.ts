import { CONTACT_FIELDS } from '../contact-fields';
import { Schema, type InferSchemaType } from 'mongoose';
import {
  ROLL_NUMBER_MAX,
  TENANT_USERNAME_RULES,
  TEXT_LIMITS,
  USERNAME_KEY_MAX,
} from '../../../../shared/domain';
import { followSessionWrites } from '../session-generation';
import { followCircleWrites } from './circle-generation';
import { followReferenceWrites } from './reference-generation';
import { guarded } from './common';

export const TENANT_ROLES = ['teacher', 'student'] as const;

export const userSchema = guarded(
  new Schema(
    {
      /** As the school writes it (`Pratik sir`): trimmed, 1–64 characters. */
      username: {
        type: String,
        required: true,
        trim: true,
        minlength: TENANT_USERNAME_RULES.minLength,
        maxlength: TENANT_USERNAME_RULES.maxLength,
      },
      /** Lower-case key for case-insensitive uniqueness within the institution. */
      usernameKey: { type: String, required: true, maxlength: USERNAME_KEY_MAX },
      password: { type: String, required: true, select: false },
      role: { type: String, required: true, enum: TENANT_ROLES },
      name: { type: String, required: true, trim: true, minlength: 1, maxlength: TEXT_LIMITS.personName },
      ...CONTACT_FIELDS,
      joiningDate: { type: Date },
      /** Teachers: their department and the school's employee number. */
      department: { type: String, trim: true, maxlength: TEXT_LIMITS.department },
      employeeNumber: { type: String, trim: true, maxlength: TEXT_LIMITS.employeeNumber },
      /** Students: their roll number in their class (unique there: services/roll-numbers.ts). */
      rollNumber: { type: Number, min: 1, max: ROLL_NUMBER_MAX },
      isActive: { type: Boolean, default: true },
      /** Raised on password change or deactivation: tokens issued before are refused. */
      tokenVersion: { type: Number, default: 0, min: 0 },
      /** Signed in with a password weaker than today's rules (an imported account): asked to change it. */
      mustChangePassword: { type: Boolean },
    },
    { timestamps: true, collection: 'users' },
  ),
);
// Who may chat with whom (circle-generation.ts): a person's name, role and whether they are active.
followCircleWrites(userSchema, ['name', 'role', 'isActive']);
// People's names and roll numbers kept for the lists (services/kept-references.ts).
followReferenceWrites(userSchema, ['name', 'rollNumber']);
// What the session check reads of a person (services/session-cache.ts).
followSessionWrites(userSchema, [
  'username',
  'name',
  'role',
  'isActive',
  'tokenVersion',
  'mustChangePassword',
]);
userSchema.index({ username: 1 }, { unique: true });
userSchema.index({ usernameKey: 1 }, { unique: true });
userSchema.index({ role: 1 });
// The people list's page: by role, in name order (the pushdown reads it from the index).
userSchema.index({ role: 1, name: 1, _id: 1 });
// Everyone's list, in the same order: its first page and a page beside a row read from the index, not a sort of
// every person (users.list first page at 5,300 people: 17.8 ms in the data layer without it, 5.8 ms with it).
userSchema.index({ name: 1, _id: 1 });

export type UserDoc = InferSchemaType<typeof userSchema>;
