/**
 * Backing up an institution: its whole tenant database and GridFS files, plus its registry entry, into one file
 * in the institution's backup folder (db/backup writes the file). The admin lists them, saves a copy where they
 * like (desktop) or downloads one (station), and sets the daily schedule (services/backup/scheduler.ts).
 */
import type { Document } from 'mongodb';
import type { BackupInfo, BackupResult, BackupSchedule } from '../../../../shared/contract';
import { writeBackup } from '../../db/backup/write';
import {
  backupFileName,
  backupPath,
  copyIn,
  copyOut,
  ensureFolder,
  institutionFolder,
  listBackups,
  readState,
  writeState,
  writeSummary,
  type StoredResult,
} from '../../db/backup/store';
import { AppError } from '../../errors/app-error';
import type { Actor, BackupHost, ServiceDeps } from '../context';
import { asJob, progressOf } from './jobs';

export function backupHost(deps: ServiceDeps): BackupHost {
  if (!deps.backups) throw new AppError('UNAVAILABLE', 'Backups are not available in this app.');
  return deps.backups;
}

export function folderOf(deps: ServiceDeps, adminId: string): string {
  return institutionFolder(backupHost(deps).root, adminId);
}

/** The registry entry as stored, password hash included: a restore may keep the admin account. */
export async function registryEntry(deps: ServiceDeps, adminId: string): Promise<Document> {
  const { AdminRegistry } = deps.db.masterModels;
  const entry = await AdminRegistry.collection.findOne({
    _id: new AdminRegistry.base.Types.ObjectId(adminId),
  });
  if (!entry) throw new AppError('NOT_FOUND', 'This institution no longer exists.');
  return entry;
}

function toResult(stored: StoredResult | undefined): BackupResult | undefined {
  if (!stored) return undefined;
  return {
    at: new Date(stored.at),
    ok: stored.ok,
    scheduled: stored.scheduled,
    ...(stored.name !== undefined ? { name: stored.name } : {}),
    ...(stored.size !== undefined ? { size: stored.size } : {}),
    ...(stored.message !== undefined ? { message: stored.message } : {}),
  };
}

export interface BackupRun {
  scheduled?: boolean;
  now?: Date;
  signal?: AbortSignal;
}

/**
 * Backs up the institution of `adminId` now. The outcome (success or the reason of a failure) is kept in the
 * folder's state for the settings page, the dashboard and the health page.
 */
export async function backupInstitution(
  deps: ServiceDeps,
  adminId: string,
  run: BackupRun = {},
): Promise<BackupInfo> {
  const host = backupHost(deps);
  const folder = folderOf(deps, adminId);
  const now = run.now ?? new Date();
  const scheduled = run.scheduled === true;
  return asJob(adminId, 'backup', async (report) => {
    const admin = await registryEntry(deps, adminId);
    const databaseName = String(admin.databaseName);
    const tenant = await deps.db.tenant(databaseName);
    const db = tenant.conn.db;
    if (!db) throw new AppError('UNAVAILABLE', 'The database is not connected right now.');
    const name = backupFileName(String(admin.usernameKey ?? admin.username), now, scheduled);
    const file = backupPath(folder, name);
    if (!file) throw new Error(`unsuitable backup name ${name}`);
    let outcome: StoredResult;
    try {
      await ensureFolder(folder);
      const written = await writeBackup(
        {
          db,
          admin: admin as Document & {
            username: string;
            name: string;
            institutionName: string;
            databaseName: string;
          },
          appVersion: host.appVersion,
          engine: deps.engineStatus?.().mode ?? 'external',
          now,
        },
        file,
        { onProgress: report, ...(run.signal ? { signal: run.signal } : {}) },
      );
      const documents = Object.values(written.manifest.collections).reduce((n, c) => n + c.documents, 0);
      await writeSummary(file, { documents, files: written.manifest.files.count });
      outcome = { at: new Date().toISOString(), ok: true, scheduled, name, size: written.size };
      await saveOutcome(folder, outcome);
      return {
        name,
        size: written.size,
        createdAt: now,
        scheduled,
        documents,
        files: written.manifest.files.count,
      };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      outcome = { at: new Date().toISOString(), ok: false, scheduled, message };
      await saveOutcome(folder, outcome).catch(() => undefined);
      if (err instanceof AppError) throw err;
      throw new AppError('UNAVAILABLE', message);
    }
  });
}

async function saveOutcome(folder: string, outcome: StoredResult): Promise<void> {
  const state = await readState(folder);
  state.last = outcome;
  if (outcome.scheduled) state.lastScheduled = outcome;
  await writeState(folder, state);
}

/** `system.backup`: the admin's own institution, recorded in its activity log. */
export async function backupNow(deps: ServiceDeps, actor: Actor): Promise<BackupInfo> {
  const info = await backupInstitution(deps, actor.userId);
  await deps.activity.record(actor, {
    action: 'BACKUP',
    targetType: 'INSTITUTION',
    targetId: actor.userId,
    targetName: info.name,
    details: { size: info.size, documents: info.documents, files: info.files },
  });
  return info;
}

export async function backupOverview(deps: ServiceDeps, actor: Actor) {
  const host = backupHost(deps);
  const folder = folderOf(deps, actor.userId);
  const [stored, state] = await Promise.all([listBackups(folder), readState(folder)]);
  const last = toResult(state.last);
  const lastScheduled = toResult(state.lastScheduled);
  return {
    backups: stored,
    schedule: state.schedule,
    ...(last ? { last } : {}),
    ...(lastScheduled && !lastScheduled.ok ? { failedScheduled: lastScheduled } : {}),
    progress: progressOf(actor.userId),
    canSaveCopy: host.chooseSavePath !== undefined,
    canOpenFile: host.chooseOpenPath !== undefined,
  };
}

/** The last backup's outcome and a failed scheduled one, for the dashboard and the health page. */
export async function backupStatusOf(
  deps: ServiceDeps,
  adminId: string,
): Promise<{ last?: BackupResult; failedScheduled?: BackupResult } | undefined> {
  if (!deps.backups) return undefined;
  const state = await readState(folderOf(deps, adminId));
  const last = toResult(state.last);
  const scheduled = toResult(state.lastScheduled);
  return { ...(last ? { last } : {}), ...(scheduled && !scheduled.ok ? { failedScheduled: scheduled } : {}) };
}

export async function setBackupSchedule(
  deps: ServiceDeps,
  actor: Actor,
  schedule: BackupSchedule,
): Promise<BackupSchedule> {
  const folder = folderOf(deps, actor.userId);
  const state = await readState(folder);
  state.schedule = { enabled: schedule.enabled, time: schedule.time, keep: schedule.keep };
  await writeState(folder, state);
  await deps.activity.record(actor, {
    action: 'UPDATE',
    targetType: 'BACKUP_SCHEDULE',
    targetId: actor.userId,
    targetName: schedule.enabled ? `daily at ${schedule.time}` : 'off',
    details: { ...schedule },
  });
  return state.schedule;
}

/** The file of one of the institution's backups, or NOT_FOUND. */
export async function backupFile(deps: ServiceDeps, adminId: string, name: string): Promise<string> {
  const folder = folderOf(deps, adminId);
  const file = backupPath(folder, name);
  const known = file ? (await listBackups(folder)).some((b) => b.name === name) : false;
  if (!file || !known) throw new AppError('NOT_FOUND', 'That backup is not in the list (anymore).');
  return file;
}

/** Desktop: a copy of a backup where the admin picks in the save dialog. */
export async function saveBackupCopy(
  deps: ServiceDeps,
  actor: Actor,
  name: string,
): Promise<{ saved: boolean; path?: string }> {
  const file = await backupFile(deps, actor.userId, name);
  const choose = backupHost(deps).chooseSavePath;
  if (!choose) throw new AppError('UNAVAILABLE', 'Download the backup from your browser instead.');
  const destination = await choose(name);
  if (!destination) return { saved: false };
  try {
    await copyOut(file, destination);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new AppError(
      'UNAVAILABLE',
      code === 'ENOSPC'
        ? 'The disk is full: the copy was not saved (nothing was left behind).'
        : `The copy could not be saved there: ${err instanceof Error ? err.message : String(err)}.`,
    );
  }
  return { saved: true, path: destination };
}

/** The largest backup file accepted from outside (an upload or a file opened on the desktop). */
export const MAX_BACKUP_FILE_BYTES = 16 * 1024 ** 3;

/**
 * A backup file from outside (the station's upload, the desktop's open dialog) into the institution's folder,
 * under a new name; it is checked only when restored, like any other backup.
 */
export async function importBackupFile(
  deps: ServiceDeps,
  actor: Actor,
  source: AsyncIterable<Uint8Array> | string,
  now = new Date(),
): Promise<BackupInfo> {
  const folder = folderOf(deps, actor.userId);
  const name = backupFileName('uploaded', now, false);
  try {
    await copyIn(folder, name, source, MAX_BACKUP_FILE_BYTES);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ETOOLARGE') throw new AppError('TOO_LARGE', 'The file is larger than any backup could be.');
    if (code === 'ENOSPC')
      throw new AppError('UNAVAILABLE', 'The disk is full: the file was not kept (nothing was left behind).');
    throw err;
  }
  const info = (await listBackups(folder)).find((b) => b.name === name);
  if (!info) throw new Error('the imported backup vanished');
  return info;
}

/** Desktop: a backup file the admin picks in the open dialog, brought into the list. */
export async function openBackupFile(
  deps: ServiceDeps,
  actor: Actor,
): Promise<{ opened: boolean; backup?: BackupInfo }> {
  const choose = backupHost(deps).chooseOpenPath;
  if (!choose) throw new AppError('UNAVAILABLE', 'Upload the backup file from your browser instead.');
  const source = await choose();
  if (!source) return { opened: false };
  return { opened: true, backup: await importBackupFile(deps, actor, source) };
}
