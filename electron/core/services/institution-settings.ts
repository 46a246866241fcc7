/** The admin's own institution: its name and the admin's display name. The admin username cannot change. */
import { AppError } from '../errors/app-error';
import type { Actor, ServiceDeps } from './context';

export interface AdminRecord {
  id: string;
  username: string;
  name: string;
  institutionName: string;
  databaseName: string;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
}

type StoredAdmin = {
  _id: { toString(): string };
  username: string;
  name: string;
  institutionName: string;
  databaseName: string;
  isActive?: boolean | null;
  createdAt: Date;
  updatedAt: Date;
};

function toAdminRecord(a: StoredAdmin): AdminRecord {
  return {
    id: a._id.toString(),
    username: a.username,
    name: a.name,
    institutionName: a.institutionName,
    databaseName: a.databaseName,
    isActive: a.isActive !== false,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export async function getInstitution(deps: ServiceDeps, actor: Actor): Promise<AdminRecord> {
  const admin = await deps.db.masterModels.AdminRegistry.findById(actor.userId).lean();
  if (!admin) throw new AppError('NOT_FOUND', 'This institution no longer exists.');
  return toAdminRecord(admin);
}

export async function updateInstitution(
  deps: ServiceDeps,
  actor: Actor,
  input: { name?: string | undefined; institutionName?: string | undefined },
): Promise<AdminRecord> {
  const changes: Record<string, string> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.institutionName !== undefined) changes.institutionName = input.institutionName;
  // updateOne, then a read: mongoose would add a projection (hiding the password) to findOneAndUpdate, which the
  // embedded engine refuses.
  const { AdminRegistry } = deps.db.masterModels;
  const updated = await AdminRegistry.updateOne(
    { _id: actor.userId, state: 'active' },
    { $set: changes },
    { runValidators: true },
  );
  const admin = updated.matchedCount === 1 ? await AdminRegistry.findById(actor.userId).lean() : null;
  if (!admin) throw new AppError('NOT_FOUND', 'This institution no longer exists.');
  await deps.activity.record(actor, {
    action: 'UPDATE',
    targetType: 'INSTITUTION',
    targetId: admin._id,
    targetName: admin.institutionName,
    details: changes,
  });
  return toAdminRecord(admin);
}
