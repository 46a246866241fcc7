/**
 * Teachers and students of one institution. Usernames are unique case-insensitively through a stored key;
 * deleting a person removes them from classes and the timetable.
 */
import type { Types } from 'mongoose';
import { normalizeTenantUsername } from '../db/names';
import { AppError, isDuplicateKeyError } from './app-error';
import type { Actor, ServiceDeps } from './context';
import { objectId, tenantOf } from './tenant-access';

export interface CreateUserInput {
  role: 'teacher' | 'student';
  username: string;
  password: string;
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
  dateOfBirth?: Date | undefined;
  joiningDate?: Date | undefined;
}

export interface UserRecord {
  id: string;
  role: 'teacher' | 'student';
  username: string;
  name: string;
  email?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
  dateOfBirth?: Date | undefined;
  joiningDate?: Date | undefined;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
}

type StoredUser = {
  _id: Types.ObjectId;
  role: string;
  username: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  dateOfBirth?: Date | null;
  joiningDate?: Date | null;
  isActive?: boolean | null;
  createdAt: Date;
  updatedAt: Date;
};

/** The stored user as callers see it: never the password hash or the internal keys. */
export function toUserRecord(user: StoredUser): UserRecord {
  return {
    id: user._id.toString(),
    role: user.role as UserRecord['role'],
    username: user.username,
    name: user.name,
    email: user.email ?? undefined,
    phone: user.phone ?? undefined,
    address: user.address ?? undefined,
    dateOfBirth: user.dateOfBirth ?? undefined,
    joiningDate: user.joiningDate ?? undefined,
    isActive: user.isActive !== false,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export function usernameTaken(username: string): AppError {
  return new AppError('CONFLICT', `The username "${username}" is already used in this institution.`, {
    username: 'This username is taken.',
  });
}

export async function createUser(
  deps: ServiceDeps,
  actor: Actor,
  input: CreateUserInput,
): Promise<UserRecord> {
  const { models } = await tenantOf(deps, actor);
  const { username, usernameKey } = normalizeTenantUsername(input.username);
  if (await models.User.exists({ usernameKey })) throw usernameTaken(username);
  const password = await deps.passwords.hash(input.password);
  let created;
  try {
    created = await models.User.create({ ...input, username, usernameKey, password });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw usernameTaken(username);
    throw err;
  }
  await deps.activity.record(actor, {
    action: 'CREATE',
    targetType: 'USER',
    targetId: created._id,
    targetName: username,
    details: { role: input.role },
  });
  return toUserRecord(created.toObject());
}

/**
 * Deletes a teacher or student and the references to them: class enrolment, class teacher, timetable entries
 * and subject assignments. References go first, so an interruption leaves a user without references, never
 * references to a missing user.
 */
export async function deleteUser(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  const { models } = await tenantOf(deps, actor);
  const userId = objectId(id, 'This person');
  const user = await models.User.findById(userId).lean();
  if (!user) throw new AppError('NOT_FOUND', 'This person was not found.');

  await deps.db.consistently(async (session) => {
    await models.Class.updateMany({ students: userId }, { $pull: { students: userId } }, { session });
    await models.Class.updateMany({ teacherId: userId }, { $unset: { teacherId: 1 } }, { session });
    await models.Schedule.deleteMany({ teacherId: userId }, { session });
    await models.Subject.updateMany({ teacherId: userId }, { $unset: { teacherId: 1 } }, { session });
    await models.User.deleteOne({ _id: userId }, { session });
  });
  await deps.activity.record(actor, {
    action: 'DELETE',
    targetType: 'USER',
    targetId: userId,
    targetName: user.username,
    details: { role: user.role },
  });
}
