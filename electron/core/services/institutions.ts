/**
 * The institution lifecycle of the specification: registration creates an admin and its tenant database,
 * deletion removes both. Without transactions (the embedded engine has none) the steps are ordered and marked
 * in the registry (`state`), so a failure is undone at once and a crash is finished or undone at start-up:
 * never a registry entry without its database, never an orphan database.
 */
import type { DatabaseManager } from '../db/database-manager';
import { adminUsernameKey, isTenantDatabaseName, tenantDatabaseName } from '../db/names';
import { AppError, isDuplicateKeyError } from '../errors/app-error';
import { adminLogActor } from './activity-log';
import type { ServiceDeps } from './context';
import { sessionsChanged } from './events/publish';

export interface RegisterInstitutionInput {
  username: string;
  password: string;
  name: string;
  institutionName: string;
}

export interface InstitutionAdmin {
  id: string;
  username: string;
  name: string;
  institutionName: string;
  databaseName: string;
  createdAt: Date;
}

/** Where the request came from, for the activity log. */
export interface Origin {
  /** The caller's address, or LOCAL_CALLER for the desktop app's own window. */
  ip: string;
  userAgent: string;
}

/** The address the desktop app's own window calls from (IPC, not the network). */
export const LOCAL_CALLER = 'local';

/** Test hook: throwing from it at a step simulates a failure there. */
export type StepHook = (step: string) => void | Promise<void>;

export async function registerInstitution(
  deps: ServiceDeps,
  input: RegisterInstitutionInput,
  origin: Origin,
  beforeStep: StepHook = () => undefined,
): Promise<InstitutionAdmin> {
  // 1. The admin must not exist (case-insensitively), before the hash's cost is paid.
  await refuseTakenAdmin(deps, input.username);
  // 3. The password hash, computed on a worker thread.
  const password = await deps.passwords.hash(input.password);
  const admin = await provisionInstitution(deps, { ...input, password }, beforeStep);
  await deps.activity.recordMaster(adminLogActor(admin.id, admin, origin), {
    action: 'CREATE',
    targetType: 'INSTITUTION',
    targetId: admin.id,
    targetName: input.institutionName,
  });
  return admin;
}

async function refuseTakenAdmin(deps: ServiceDeps, username: string): Promise<string> {
  const usernameKey = adminUsernameKey(username);
  if (await deps.db.masterModels.AdminRegistry.exists({ usernameKey })) {
    throw new AppError('CONFLICT', `An institution admin named "${username}" already exists.`, {
      username: 'This username is taken.',
    });
  }
  return usernameKey;
}

/** An institution's admin as it is stored: the password already a bcrypt hash, optionally with a given id. */
export interface ProvisionedAdmin {
  username: string;
  /** A bcrypt hash. */
  password: string;
  name: string;
  institutionName: string;
  /** Keeps an id from elsewhere (an import from the original system), so references to the admin hold. */
  id?: string | undefined;
}

/**
 * Steps 1–6 of the registration with a hash in hand: the registry entry marked `provisioning`, the tenant
 * database, then `fill` (an import writes the school's records here), then the entry becomes active. Any
 * failure, `fill`'s included, drops the database and the entry; a crash is undone at the next start.
 */
export async function provisionInstitution(
  deps: ServiceDeps,
  input: ProvisionedAdmin,
  beforeStep: StepHook = () => undefined,
  fill: (databaseName: string) => Promise<void> = () => Promise.resolve(),
): Promise<InstitutionAdmin> {
  const { AdminRegistry } = deps.db.masterModels;
  const usernameKey = await refuseTakenAdmin(deps, input.username);
  // 2. A unique database name.
  const databaseName = tenantDatabaseName(usernameKey);

  // 4. The registry entry, marked as provisioning: a crash from here on is undone by the start-up repair.
  await beforeStep('registry');
  let admin;
  try {
    admin = await AdminRegistry.create({
      ...(input.id ? { _id: input.id } : {}),
      username: input.username,
      usernameKey,
      password: input.password,
      name: input.name,
      institutionName: input.institutionName,
      databaseName,
      state: 'provisioning',
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) {
      throw new AppError('CONFLICT', `An institution admin named "${input.username}" already exists.`, {
        username: 'This username is taken.',
      });
    }
    throw err;
  }

  try {
    // 5–6. The tenant database with its collections and indexes, its records, then the entry becomes active.
    await beforeStep('database');
    await deps.db.createTenantDatabase(databaseName);
    await beforeStep('fill');
    await fill(databaseName);
    await beforeStep('activate');
    const activated = await AdminRegistry.updateOne(
      { _id: admin._id, state: 'provisioning' },
      { $set: { state: 'active' } },
    );
    if (activated.modifiedCount !== 1) throw new Error('the registry entry changed during registration');
  } catch (err) {
    await undoRegistration(deps.db, admin._id.toString(), databaseName);
    throw err;
  }

  return {
    id: admin._id.toString(),
    username: admin.username,
    name: admin.name,
    institutionName: admin.institutionName,
    databaseName,
    createdAt: admin.createdAt,
  };
}

async function undoRegistration(db: DatabaseManager, adminId: string, databaseName: string): Promise<void> {
  await db.dropTenantDatabase(databaseName).catch(() => undefined);
  await db.masterModels.AdminRegistry.deleteOne({ _id: adminId, state: 'provisioning' });
}

/**
 * The specification's deletion: verify the admin's password, drop the tenant database, close and evict its
 * handle, delete the registry entry, log the deletion in the master log. The entry is first marked `deleting`,
 * which already refuses its tokens; calling again after an interruption finishes the job.
 */
export async function deleteInstitution(
  deps: ServiceDeps,
  adminId: string,
  password: string,
  origin: Origin,
  beforeStep: StepHook = () => undefined,
): Promise<void> {
  const { AdminRegistry } = deps.db.masterModels;
  const admin = await AdminRegistry.findById(adminId).select('+password');
  if (!admin) throw new AppError('NOT_FOUND', 'This institution no longer exists.');
  if (!(await deps.passwords.verify(password, admin.password))) {
    // VALIDATION, not UNAUTHENTICATED: the session is fine, the confirmation is wrong.
    throw new AppError('VALIDATION', 'The password is not correct.', { password: 'Wrong password.' });
  }
  await AdminRegistry.updateOne({ _id: admin._id }, { $set: { state: 'deleting' } });
  await finishDeletion(deps, admin._id.toString(), admin.databaseName, beforeStep);
  await deps.activity.recordMaster(adminLogActor(admin._id.toString(), admin, origin), {
    action: 'DELETE',
    targetType: 'INSTITUTION',
    targetId: admin._id,
    targetName: admin.institutionName,
  });
  sessionsChanged(deps, admin.databaseName);
}

async function finishDeletion(
  deps: ServiceDeps,
  adminId: string,
  databaseName: string,
  beforeStep: StepHook,
) {
  await beforeStep('drop');
  await deps.db.dropTenantDatabase(databaseName);
  await beforeStep('registry');
  await deps.db.masterModels.AdminRegistry.deleteOne({ _id: adminId, state: 'deleting' });
}

/**
 * Start-up repair after a crash: finishes interrupted deletions, undoes registrations that never completed,
 * and drops tenant databases no registry entry names. Returns what it did, for the log.
 */
export async function repairInstitutions(
  deps: ServiceDeps,
  options: { staleAfterMs?: number; now?: number } = {},
): Promise<{ finishedDeletions: number; undoneRegistrations: number; orphansDropped: number }> {
  const { AdminRegistry } = deps.db.masterModels;
  const staleBefore = new Date((options.now ?? Date.now()) - (options.staleAfterMs ?? 10 * 60_000));
  const result = { finishedDeletions: 0, undoneRegistrations: 0, orphansDropped: 0 };

  for (const entry of await AdminRegistry.find({ state: 'deleting' }).lean()) {
    await finishDeletion(deps, entry._id.toString(), entry.databaseName, () => undefined);
    result.finishedDeletions += 1;
  }
  const stale = await AdminRegistry.find({ state: 'provisioning', createdAt: { $lt: staleBefore } }).lean();
  for (const entry of stale) {
    await undoRegistration(deps.db, entry._id.toString(), entry.databaseName);
    result.undoneRegistrations += 1;
  }
  const known = new Set(
    (await AdminRegistry.find({}, { databaseName: 1 }).lean()).map((e) => e.databaseName),
  );
  for (const { name } of await deps.db.listDatabases()) {
    if (!isTenantDatabaseName(name) || known.has(name)) continue;
    // The name carries its creation time: leave a registration that may be in progress alone.
    const created = Number(name.slice(name.lastIndexOf('_') + 1));
    if (created > staleBefore.getTime()) continue;
    await deps.db.dropTenantDatabase(name);
    result.orphansDropped += 1;
  }
  return result;
}

/**
 * Start-up check of every active institution's collections and indexes: a missing index (a restore from an
 * older backup, a manual drop) is created again before it is relied on. Returns how many were checked.
 */
export async function verifyInstitutionIndexes(deps: ServiceDeps): Promise<number> {
  const active = await deps.db.masterModels.AdminRegistry.find(
    { state: 'active' },
    { databaseName: 1 },
  ).lean();
  for (const { databaseName } of active) await deps.db.verifyTenant(databaseName);
  return active.length;
}
