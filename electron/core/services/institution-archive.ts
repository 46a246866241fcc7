/**
 * Archiving: an institution that is `isActive: false` keeps its data and registry entry, but every sign-in
 * and every session of it is refused (services/auth.ts checks `isActive` on each request) and its tenant
 * handle is evicted. Its admin reactivates it with their username and password.
 */
import { adminUsernameKey } from '../db/names';
import { AppError } from '../errors/app-error';
import { adminLogActor } from './activity-log';
import type { AuthDeps } from './auth';
import type { Actor, ServiceDeps } from './context';
import type { Origin } from './institutions';

export async function archiveInstitution(deps: ServiceDeps, actor: Actor, password: string): Promise<void> {
  const { AdminRegistry } = deps.db.masterModels;
  const admin = await AdminRegistry.findById(actor.userId).select('+password').lean();
  if (!admin || admin.state !== 'active')
    throw new AppError('NOT_FOUND', 'This institution no longer exists.');
  if (!(await deps.passwords.verify(password, admin.password))) {
    throw new AppError('VALIDATION', 'The password is not correct.', { password: 'Wrong password.' });
  }
  await AdminRegistry.updateOne({ _id: admin._id }, { $set: { isActive: false } });
  deps.db.evictTenant(admin.databaseName);
  await deps.activity.recordMaster(actor, {
    action: 'ARCHIVE',
    targetType: 'INSTITUTION',
    targetId: admin._id,
    targetName: admin.institutionName,
  });
}

const WRONG = 'The username or password is not correct, or the institution is not archived.';

export async function reactivateInstitution(
  deps: AuthDeps,
  input: { username: string; password: string },
  origin: Origin,
): Promise<{ reactivated: true; institutionName: string }> {
  const key = `reactivate|${adminUsernameKey(input.username)}`;
  const wait = deps.throttles.accounts.retryAfter(key);
  if (wait > 0) throw new AppError('RATE_LIMITED', 'Too many failed attempts. Try again later.');
  const { AdminRegistry } = deps.db.masterModels;
  const admin = await AdminRegistry.findOne({ usernameKey: adminUsernameKey(input.username) })
    .select('+password')
    .lean();
  const archived = admin !== null && admin.state === 'active' && admin.isActive === false;
  const ok = archived
    ? await deps.passwords.verify(input.password, admin.password)
    : await deps.passwords.verifyNothing(input.password);
  if (!ok || !admin) {
    deps.throttles.accounts.fail(key, admin !== null);
    deps.throttles.addresses.fail(origin.ip, false);
    throw new AppError('UNAUTHENTICATED', WRONG);
  }
  deps.throttles.accounts.succeed(key);
  await AdminRegistry.updateOne({ _id: admin._id }, { $set: { isActive: true } });
  await deps.activity.recordMaster(adminLogActor(admin._id.toString(), admin, origin), {
    action: 'REACTIVATE',
    targetType: 'INSTITUTION',
    targetId: admin._id,
    targetName: admin.institutionName,
  });
  return { reactivated: true, institutionName: admin.institutionName };
}

/** How many institutions of the installation are archived (a count: names stay with their schools). */
export async function archivedInstitutions(deps: ServiceDeps): Promise<number> {
  return deps.db.masterModels.AdminRegistry.countDocuments({ state: 'active', isActive: false });
}
