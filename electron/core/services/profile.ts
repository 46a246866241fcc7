/**
 * profile.get / profile.update: the signed-in person's own details. The admin's are in the master registry, a
 * teacher's or student's in their institution's users; who it is comes from the token, never from the input.
 * A student's class and roll number are shown, never changed here (the office sets them).
 */
import type { ProfileDto, ServiceInput } from '../../../shared/contract';
import { AppError } from '../errors/app-error';
import type { Actor, ServiceDeps } from './context';
import { objectId, tenantOf } from './tenant-access';
import { PUBLIC_FIELDS, refuseTeacherOnlyFields } from './users';

type ProfileInput = ServiceInput<'profile.update'>;

const CONTACT_FIELDS = ['email', 'phone', 'address', 'dateOfBirth'] as const;
const TEACHER_FIELDS = ['department', 'employeeNumber'] as const;

interface StoredPerson {
  _id: { toString(): string };
  username: string;
  name: string;
  role?: string;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  dateOfBirth?: Date | null;
  department?: string | null;
  employeeNumber?: string | null;
  rollNumber?: number | null;
}

function gone(): AppError {
  return new AppError('NOT_FOUND', 'Your account was not found.');
}

/** Absent keeps a field, null clears it, a value replaces it. */
function changesOf(input: ProfileInput, keys: readonly (keyof ProfileInput)[]) {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, 1> = {};
  if (input.name !== undefined) $set.name = input.name;
  for (const key of keys) {
    const value = input[key];
    if (value === null) $unset[key] = 1;
    else if (value !== undefined) $set[key] = value;
  }
  return {
    update: {
      ...(Object.keys($set).length > 0 ? { $set } : {}),
      ...(Object.keys($unset).length > 0 ? { $unset } : {}),
    },
    fields: [...Object.keys($set), ...Object.keys($unset)],
  };
}

function toProfile(
  actor: Actor,
  person: StoredPerson,
  institutionName: string,
  className?: string,
): ProfileDto {
  const dto: ProfileDto = {
    id: person._id.toString(),
    role: actor.role,
    username: person.username,
    name: person.name,
    institutionName,
  };
  if (person.email) dto.email = person.email;
  if (person.phone) dto.phone = person.phone;
  if (person.address) dto.address = person.address;
  if (person.dateOfBirth) dto.dateOfBirth = person.dateOfBirth;
  if (actor.role === 'teacher') {
    if (person.department) dto.department = person.department;
    if (person.employeeNumber) dto.employeeNumber = person.employeeNumber;
  }
  if (actor.role === 'student') {
    if (className !== undefined) dto.className = className;
    if (typeof person.rollNumber === 'number') dto.rollNumber = person.rollNumber;
  }
  return dto;
}

async function institutionNameOf(deps: ServiceDeps, actor: Actor): Promise<string> {
  const registry = await deps.db.masterModels.AdminRegistry.findOne(
    { databaseName: actor.databaseName },
    { institutionName: 1 },
  ).lean();
  return registry?.institutionName ?? '';
}

export async function getProfile(deps: ServiceDeps, actor: Actor): Promise<ProfileDto> {
  if (actor.role === 'admin') {
    const admin = await deps.db.masterModels.AdminRegistry.findById(actor.userId).lean<
      StoredPerson & {
        institutionName: string;
      }
    >();
    if (!admin) throw gone();
    return toProfile(actor, admin, admin.institutionName);
  }
  const { models } = await tenantOf(deps, actor);
  const me = objectId(actor.userId, 'You');
  const [person, cls, institutionName] = await Promise.all([
    models.User.findById(me, PUBLIC_FIELDS).lean<StoredPerson>(),
    actor.role === 'student' ? models.Class.findOne({ students: me }, { name: 1 }).lean() : null,
    institutionNameOf(deps, actor),
  ]);
  if (!person) throw gone();
  return toProfile(actor, person, institutionName, cls?.name);
}

export async function updateProfile(
  deps: ServiceDeps,
  actor: Actor,
  input: ProfileInput,
): Promise<ProfileDto> {
  refuseTeacherOnlyFields(actor.role, input);
  const keys = actor.role === 'teacher' ? [...CONTACT_FIELDS, ...TEACHER_FIELDS] : CONTACT_FIELDS;
  const { update, fields } = changesOf(input, keys);
  if (fields.length > 0) {
    // updateOne, then a read: the embedded engine refuses the projection mongoose adds to findOneAndUpdate.
    const result =
      actor.role === 'admin'
        ? await deps.db.masterModels.AdminRegistry.updateOne({ _id: actor.userId, state: 'active' }, update, {
            runValidators: true,
          })
        : await (
            await tenantOf(deps, actor)
          ).models.User.updateOne({ _id: objectId(actor.userId, 'You') }, update, { runValidators: true });
    if (result.matchedCount === 0) throw gone();
  }
  const profile = await getProfile(deps, actor);
  await deps.activity.record(actor, {
    action: 'UPDATE',
    targetType: actor.role === 'admin' ? 'ADMIN' : 'USER',
    targetId: profile.id,
    targetName: profile.username,
    details: { fields, ownProfile: true },
  });
  return profile;
}
