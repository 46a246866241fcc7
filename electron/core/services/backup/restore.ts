/**
 * Restoring a backup, over the same institution or as a new one. The whole file is checked against its manifest
 * before anything changes; the data then goes into a new, empty database, whose counts are checked; only then
 * does the registry entry point at it (one document update), and only after that is the old database dropped.
 * A failure at any step drops the new database and leaves the institution as it was; a crash meanwhile leaves
 * an unregistered database, which the start-up repair drops (services/institutions.ts, repairInstitutions).
 */
import type { Db, Document } from 'mongodb';
import { adminUsernameKey, tenantDatabaseName } from '../../db/names';
import { restoreInto, verifyBackup, type VerifiedBackup } from '../../db/backup/read';
import { rebuildAssignmentFigures } from '../../db/tenant/figures-upkeep';
import type { BackupManifest } from '../../db/backup/manifest';
import { ArchiveError } from '../../db/backup/tar';
import { AppError, isDuplicateKeyError } from '../../errors/app-error';
import type { Actor, ServiceDeps } from '../context';
import type { StepHook } from '../institutions';
import { isBcryptHash } from '../../security/passwords';
import { backupFile } from './backup';
import { asJob } from './jobs';

/** As the contract parses it: the fields each mode needs are checked there. */
export interface RestoreInput {
  backup: string;
  mode: 'replace' | 'new';
  institutionName?: string | undefined;
  password?: string | undefined;
  username?: string | undefined;
}

export interface RestoreOutput {
  username: string;
  institutionName: string;
  databaseName: string;
  documents: number;
  files: number;
}

/** The file, checked whole; a bad file is VALIDATION on `backup` with the reason in words. */
export async function verifiedBackup(file: string): Promise<VerifiedBackup> {
  try {
    return await verifyBackup(file);
  } catch (err) {
    if (err instanceof ArchiveError) {
      throw new AppError('VALIDATION', `${err.message} Nothing was changed.`, { backup: err.message });
    }
    throw err;
  }
}

function totalDocuments(manifest: BackupManifest): number {
  return Object.values(manifest.collections).reduce((n, c) => n + c.documents, 0);
}

/** What a restore works with, in either mode. */
interface RestoreJob {
  deps: ServiceDeps;
  actor: Actor;
  input: RestoreInput;
  file: string;
  report: Parameters<typeof restoreInto>[3];
  beforeStep: StepHook;
}

/** The backup's data into a new database, then its counts checked; throws (the caller drops it) if short. */
async function fill(
  { deps, file, report, beforeStep }: RestoreJob,
  databaseName: string,
  verified: VerifiedBackup,
): Promise<void> {
  const handle = await deps.db.createTenantDatabase(databaseName);
  const db: Db | undefined = handle.conn.db;
  if (!db) throw new AppError('UNAVAILABLE', 'The database is not connected right now.');
  await beforeStep('fill');
  try {
    await restoreInto(file, verified.manifest, db, report);
  } catch (err) {
    if (err instanceof ArchiveError)
      throw new AppError('VALIDATION', `${err.message} Nothing was changed.`, { backup: err.message });
    throw err;
  }
  await beforeStep('counts');
  for (const [name, { documents }] of Object.entries(verified.manifest.collections)) {
    const restored = await db.collection(name).countDocuments({});
    if (restored !== documents) {
      throw new Error(`restore check: ${name} has ${restored} documents, the backup ${documents}`);
    }
  }
  // Derived figures are not in a backup (db/backup/write.ts): built from what was restored. Then the upgrade
  // steps run on it, as a backup from an older version holds data in older shapes.
  await rebuildAssignmentFigures(handle.conn);
  await deps.db.verifyTenant(databaseName);
}

/**
 * Fills `databaseName`, then points the registry at it with `switchTo`: one document update, which must change
 * exactly one entry (else `changed`). Any failure drops the new database, then runs `undo`, and throws.
 */
async function fillAndSwitch(
  job: RestoreJob,
  databaseName: string,
  verified: VerifiedBackup,
  switchTo: () => Promise<{ modifiedCount: number }>,
  changed: string,
  undo: () => Promise<unknown> = () => Promise.resolve(),
): Promise<void> {
  try {
    await fill(job, databaseName, verified);
    await job.beforeStep('switch');
    const switched = await switchTo();
    if (switched.modifiedCount !== 1) throw new Error(`${changed} during the restore`);
  } catch (err) {
    await job.deps.db.dropTenantDatabase(databaseName).catch(() => undefined);
    await undo();
    throw err;
  }
}

/** The answer of a restore into `databaseName` for the registry entry `entry`. */
function restoredAs(
  entry: { username: string; institutionName: string },
  databaseName: string,
  verified: VerifiedBackup,
): RestoreOutput {
  return {
    username: entry.username,
    institutionName: entry.institutionName,
    databaseName,
    documents: totalDocuments(verified.manifest),
    files: verified.manifest.files.count,
  };
}

/** The restore of `input.backup` for the admin `actor`; see the module comment for the order of the steps. */
export async function restoreBackup(
  deps: ServiceDeps,
  actor: Actor,
  input: RestoreInput,
  beforeStep: StepHook = () => undefined,
): Promise<RestoreOutput> {
  const file = await backupFile(deps, actor.userId, input.backup);
  return asJob(actor.userId, 'restore', async (report) => {
    const output =
      input.mode === 'replace'
        ? await replaceInstitution({ deps, actor, input, file, report, beforeStep })
        : await restoreAsNew({ deps, actor, input, file, report, beforeStep });
    await deps.activity.recordMaster(
      { ...actor },
      {
        action: 'RESTORE',
        targetType: 'INSTITUTION',
        targetName: output.institutionName,
        details: {
          mode: input.mode,
          backup: input.backup,
          databaseName: output.databaseName,
          documents: output.documents,
          files: output.files,
        },
      },
    );
    return output;
  });
}

async function replaceInstitution(job: RestoreJob): Promise<RestoreOutput> {
  const { deps, actor, input, file } = job;
  const { AdminRegistry } = deps.db.masterModels;
  const admin = await AdminRegistry.findById(actor.userId).select('+password').lean();
  if (!admin || admin.state !== 'active')
    throw new AppError('NOT_FOUND', 'This institution no longer exists.');
  if ((input.institutionName ?? '').trim().toLowerCase() !== admin.institutionName.trim().toLowerCase()) {
    throw new AppError('VALIDATION', "Type the institution's name exactly as it is shown.", {
      institutionName: `Type “${admin.institutionName}”.`,
    });
  }
  if (!(await deps.passwords.verify(input.password ?? '', admin.password))) {
    throw new AppError('VALIDATION', 'The password is not correct.', { password: 'Wrong password.' });
  }
  const verified = await verifiedBackup(file);
  const from = verified.manifest.institution;
  if (adminUsernameKey(from.username) !== admin.usernameKey) {
    const message = `This backup is of ${from.institutionName} (${from.username}): restore it as a new institution.`;
    throw new AppError('VALIDATION', message, { backup: message });
  }
  const previous = admin.databaseName;
  let databaseName = tenantDatabaseName(admin.usernameKey);
  if (databaseName === previous) databaseName = tenantDatabaseName(admin.usernameKey, Date.now() + 1);
  // One document update: the institution is either the old database or the restored one, never neither.
  await fillAndSwitch(
    job,
    databaseName,
    verified,
    () =>
      AdminRegistry.updateOne(
        { _id: admin._id, databaseName: previous, state: 'active' },
        { $set: { databaseName } },
      ),
    'the institution changed',
  );
  // Sessions named the old database: everyone signs in again, with the passwords of the backup.
  await deps.db.dropTenantDatabase(previous).catch(() => undefined);
  return restoredAs(admin, databaseName, verified);
}

async function restoreAsNew(job: RestoreJob): Promise<RestoreOutput> {
  const { deps, input, file } = job;
  const { AdminRegistry } = deps.db.masterModels;
  const username = input.username ?? '';
  const usernameKey = adminUsernameKey(username);
  const taken = () =>
    new AppError('CONFLICT', `An institution admin named "${username}" already exists.`, {
      username: 'This username is taken.',
    });
  if (await AdminRegistry.exists({ usernameKey })) throw taken();
  const verified = await verifiedBackup(file);
  const backedUp: Document = verified.admin;
  let password: string;
  if (input.password !== undefined) password = await deps.passwords.hash(input.password);
  else if (isBcryptHash(backedUp.password)) password = backedUp.password;
  else {
    throw new AppError('VALIDATION', "The backup's admin password cannot be used: choose a new one.", {
      password: 'Choose a password for the new admin.',
    });
  }
  const databaseName = tenantDatabaseName(usernameKey);
  const entry = await AdminRegistry.create({
    username,
    usernameKey,
    password,
    name: verified.manifest.institution.name,
    institutionName: verified.manifest.institution.institutionName,
    databaseName,
    state: 'provisioning',
  }).catch((err: unknown) => {
    throw isDuplicateKeyError(err) ? taken() : err;
  });
  await fillAndSwitch(
    job,
    databaseName,
    verified,
    () => AdminRegistry.updateOne({ _id: entry._id, state: 'provisioning' }, { $set: { state: 'active' } }),
    'the registry entry changed',
    () => AdminRegistry.deleteOne({ _id: entry._id, state: 'provisioning' }).catch(() => undefined),
  );
  return restoredAs(entry, databaseName, verified);
}
