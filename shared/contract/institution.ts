/** The caller's institution: its admin account and its database. Admin only. */
import { z } from 'zod';
import { TEXT_LIMITS } from '../domain';
import { adminSchema } from './auth';
import { defineChannel } from './channel';
import { currentPassword, personName, strictObject, text } from './common';

// admin: their own institution (from the token; there is no id to pass).
export const institutionGet = defineChannel({
  name: 'institution.get',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({}),
  output: adminSchema,
  summary: "Admin: the institution's name, its admin account and its database name.",
});

// admin: their own institution. The admin username (which names the database) cannot change.
export const institutionUpdate = defineChannel({
  name: 'institution.update',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({
    name: personName.optional(),
    institutionName: text(TEXT_LIMITS.institutionName).optional(),
  }).refine((v) => v.name !== undefined || v.institutionName !== undefined, 'Nothing to change.'),
  output: adminSchema,
  summary: "Admin: renames the institution or the admin's display name.",
});

// admin: their own institution, after re-entering the password (a wrong one is VALIDATION on `password`).
// The seed's six deletion steps; afterwards every token of the institution is refused.
export const institutionDelete = defineChannel({
  name: 'institution.delete',
  roles: ['admin'],
  input: strictObject({ password: currentPassword }),
  output: strictObject({ deleted: z.literal(true), databaseName: z.string() }),
  summary: 'Admin: deletes the institution, its database and every account in it. Cannot be undone.',
});
