/** Archiving an institution: its sign-ins are refused until its admin reactivates it. */
import { z } from 'zod';
import { defineChannel } from './channel';
import { adminUsername, currentPassword, strictObject } from './common';

// admin: their own institution, after re-entering the password (a wrong one is VALIDATION on `password`).
export const institutionArchive = defineChannel({
  name: 'institution.archive',
  roles: ['admin'],
  input: strictObject({ password: currentPassword }),
  output: strictObject({ archived: z.literal(true) }),
  summary: 'Admin: archives the institution: every sign-in is refused and every session ends; data is kept.',
});

// Public: an archived institution's admin cannot sign in, so its username and password reactivate it
// (throttled like a sign-in; a wrong pair is UNAUTHENTICATED, whether or not the institution exists).
export const institutionReactivate = defineChannel({
  name: 'institution.reactivate',
  roles: 'public',
  input: strictObject({ username: adminUsername, password: currentPassword }),
  output: strictObject({ reactivated: z.literal(true), institutionName: z.string() }),
  summary: "An archived institution's admin: reactivates it with the admin's username and password.",
});
