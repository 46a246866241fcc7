/**
 * Signing in and out. Admins sign in against the master registry; teachers and students against their
 * institution's database, named by the admin username that registered it.
 */
import { z } from 'zod';
import { ADMIN_USERNAME_MESSAGE, ADMIN_USERNAME_PATTERN, TEXT_LIMITS } from '../domain';
import { ROLES } from '../roles';
import { defineChannel } from './channel';
import {
  adminUsername,
  currentPassword,
  done,
  newPassword,
  objectId,
  personName,
  strictObject,
  tenantUsername,
  text,
} from './common';

/** Who is signed in, as the app shell shows it. */
export const sessionUserSchema = strictObject({
  id: objectId,
  role: z.enum(ROLES),
  name: z.string(),
  username: z.string(),
  institutionName: z.string(),
  /** Signed in with a password older than today's rules (e.g. moved in from the original system): asked to change it. */
  mustChangePassword: z.boolean().optional(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** An institution's admin account as outputs show it. */
export const adminSchema = strictObject({
  id: objectId,
  username: z.string(),
  name: z.string(),
  institutionName: z.string(),
  /** `smart_crm_<username>_<time>`: shown to the admin on the settings page, never to anyone else. */
  databaseName: z.string(),
  isActive: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type AdminDto = z.infer<typeof adminSchema>;

// public. The seed's six steps; CONFLICT when the admin username exists (case-insensitively). Throttled per
// caller address like login, so the endpoint cannot be used to create databases in a loop.
export const authRegisterInstitution = defineChannel({
  name: 'auth.registerInstitution',
  roles: 'public',
  input: strictObject({
    username: adminUsername,
    password: newPassword,
    name: personName,
    institutionName: text(TEXT_LIMITS.institutionName),
  }),
  output: strictObject({ admin: adminSchema, databaseName: z.string() }),
  summary:
    'Anyone: registers an institution with its admin account and creates its database; sign in afterwards.',
});

// public. Without `institution`: the admin with that username. With it: a teacher or student of the
// institution whose admin username it is. Wrong institution, username or password all answer the same
// UNAUTHENTICATED message; 5 failures for one institution+username answer RATE_LIMITED with a growing delay.
export const authLogin = defineChannel({
  name: 'auth.login',
  roles: 'public',
  session: 'issues',
  input: strictObject({
    institution: adminUsername.optional(),
    /** The institution as auth.institutions lists it (instead of `institution`, never with it). */
    institutionKey: objectId.optional(),
    username: tenantUsername,
    password: currentPassword,
  }).superRefine((value, ctx) => {
    if (value.institution !== undefined && value.institutionKey !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['institutionKey'],
        message: 'Name the institution once: by its key or by its admin username.',
      });
    }
    // An admin signs in with an admin username; checking it here saves a registry lookup for junk.
    const admin = value.institution === undefined && value.institutionKey === undefined;
    if (admin && !ADMIN_USERNAME_PATTERN.test(value.username)) {
      ctx.addIssue({ code: 'custom', path: ['username'], message: ADMIN_USERNAME_MESSAGE });
    }
  }),
  output: strictObject({
    token: z.string(),
    /** 24 hours after sign-in. */
    expiresAt: z.date(),
    user: sessionUserSchema,
  }),
  summary:
    'Anyone: signs in. Admins give their username; teachers and students also give the institution ' +
    "(its key from auth.institutions, or its admin's username).",
});

/** An institution as the sign-in screen lists it: what its people call it and a key that names nothing else. */
export const institutionListingSchema = strictObject({
  /** The registry entry's id: opaque, unlike the admin username (a sign-in name). */
  key: objectId,
  name: z.string(),
});
export type InstitutionListing = z.infer<typeof institutionListingSchema>;

// public. The active institutions of this station, by display name (docs/architecture.md, "Signing in without the
// institution's code"): one means the sign-in screen asks nothing, several make a searchable list. Rate-limited per
// caller address on the network.
export const authInstitutions = defineChannel({
  name: 'auth.institutions',
  roles: 'public',
  idempotent: true,
  input: strictObject({}),
  output: strictObject({ institutions: z.array(institutionListingSchema).max(1000) }),
  summary: "Anyone: this station's institutions by display name, each with an opaque key to sign in with.",
});

// any signed-in user: themselves.
export const authMe = defineChannel({
  name: 'auth.me',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: strictObject({}),
  output: strictObject({ user: sessionUserSchema, expiresAt: z.date() }),
  summary: 'Any signed-in user: who the token belongs to and when it expires.',
});

// any signed-in user. Tokens are stateless, so the service logs the event; the client drops its token.
export const authLogout = defineChannel({
  name: 'auth.logout',
  roles: ['admin', 'teacher', 'student'],
  session: 'ends',
  input: strictObject({}),
  output: done,
  summary: 'Any signed-in user: signs out (logged in the activity log).',
});

// any signed-in user, for their own account. A wrong current password is VALIDATION on `currentPassword` and
// counts towards throttling; success ends the user's other sessions (token version raised) and returns a new token.
export const authChangePassword = defineChannel({
  name: 'auth.changePassword',
  roles: ['admin', 'teacher', 'student'],
  // Ends the other sessions and answers a new token for this one.
  session: 'issues',
  input: strictObject({
    currentPassword,
    newPassword,
  }).refine((v) => v.currentPassword !== v.newPassword, {
    path: ['newPassword'],
    message: 'Choose a password different from the current one.',
  }),
  output: strictObject({ token: z.string(), expiresAt: z.date() }),
  summary:
    'Any signed-in user: changes their own password; other sessions end and this one gets a new token.',
});
