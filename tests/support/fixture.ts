/**
 * The institutions a services suite works in, set up once per test file: `useInstitutions()` registers the hooks
 * that open the real data layer on the shared test engine and register two institutions, and the bindings below
 * are filled in before the file's own `beforeAll` runs (ES module exports are live, so an import sees them).
 * `other` is a second tenant: its ids must stay NOT_FOUND to the first one's people.
 */
import { afterAll, beforeAll } from 'vitest';
import type { TenantModels } from '../../electron/core/db/tenant';
import type { Weekday } from '../../shared/domain';
import {
  addStudents,
  createClass,
  type ClassRecord,
  type CreateClassInput,
} from '../../electron/core/services/classes';
import type { Actor } from '../../electron/core/services/context';
import { createUser, type UserRecord } from '../../electron/core/services/users';
import { actorFor, newInstitution, openServices, type TestServices } from './services';

export let deps: TestServices;
/** The admin of the suite's institution. */
export let admin: Actor;
/** The admin of a second institution. */
export let other: Actor;
/** The models of `admin`'s tenant database, for checking what was stored. */
export let models: TenantModels;

export function useInstitutions(options: Parameters<typeof openServices>[0] = {}): void {
  beforeAll(async () => {
    deps = await openServices(options);
    ({ actor: admin } = await newInstitution(deps));
    ({ actor: other } = await newInstitution(deps));
    models = (await deps.db.tenant(admin.databaseName)).models;
  });
  afterAll(() => deps?.close());
}

/** A teacher or student named `name` (also their username), password Secret123, in `owner`'s institution. */
export function person(role: 'teacher' | 'student', name: string, owner: Actor = admin): Promise<UserRecord> {
  return createUser(deps, owner, { role, username: name, password: 'Secret123', name });
}

/** `person`, as the actor they act as. */
export async function personActor(
  role: 'teacher' | 'student',
  name: string,
  owner: Actor = admin,
): Promise<Actor> {
  return actorFor(await person(role, name, owner), owner.databaseName);
}

/** The actor `user` of the suite's institution acts as. */
export const actorOf = (user: { id: string; username: string; role: Actor['role'] }): Actor =>
  actorFor(user, admin.databaseName);

/** A class of `owner`'s institution with `studentIds` added, as the office sets one up. */
export async function classWith(
  input: CreateClassInput,
  studentIds: string[],
  owner: Actor = admin,
): Promise<ClassRecord> {
  const cls = await createClass(deps, owner, input);
  await addStudents(deps, owner, cls.id, studentIds);
  return cls;
}

/**
 * A lesson in the suite's timetable, stored directly (the timetable's own rules are tested through its
 * services): `teacherId` teaches `subject` to `classId` in `period` on `day`, at `timeSlot`.
 */
export function lesson(
  teacherId: string,
  classId: string,
  at: { subject: string; day: Weekday; period: number; timeSlot: string },
): Promise<unknown> {
  return models.Schedule.create({ teacherId, classId, ...at });
}
