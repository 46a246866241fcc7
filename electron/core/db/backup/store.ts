/**
 * The backup folders on disk: one per institution (named by its registry id, which a restore over the same
 * institution keeps), holding the `.crmbackup` files, a small summary beside each, and `state.json` (the
 * schedule and how the last backups went). Names are checked here, so no caller can reach outside the folder.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, statfs, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

export const BACKUP_EXTENSION = '.crmbackup';
const NAME = /^[A-Za-z0-9_-]{1,100}\.crmbackup$/;
const AUTO_MARK = '-auto-';

export interface StoredBackup {
  name: string;
  size: number;
  createdAt: Date;
  scheduled: boolean;
  documents?: number;
  files?: number;
}

export interface StoredResult {
  at: string;
  ok: boolean;
  scheduled: boolean;
  name?: string;
  size?: number;
  message?: string;
}

export interface BackupState {
  schedule: { enabled: boolean; time: string; keep: number };
  last?: StoredResult;
  lastScheduled?: StoredResult;
  /** The local day (YYYY-MM-DD) the schedule last ran on: it runs once a day. */
  lastScheduledDay?: string;
}

export const DEFAULT_SCHEDULE: BackupState['schedule'] = { enabled: false, time: '02:00', keep: 7 };

export function institutionFolder(root: string, adminId: string): string {
  if (!/^[a-f0-9]{24}$/.test(adminId)) throw new Error('not an institution id');
  return path.join(root, adminId);
}

/** `<slug>-2026-11-30-081500[-auto-].crmbackup`, in the station's local time. */
export function backupFileName(slug: string, when: Date, scheduled: boolean): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${when.getFullYear()}-${p(when.getMonth() + 1)}-${p(when.getDate())}-${p(when.getHours())}${p(when.getMinutes())}${p(when.getSeconds())}`;
  const safe = slug.replace(/[^A-Za-z0-9_]/g, '').slice(0, 40) || 'institution';
  return `${safe}${scheduled ? AUTO_MARK : '-'}${stamp}${BACKUP_EXTENSION}`;
}

/** The path of a backup in the folder, or null when the name is not one of ours. */
export function backupPath(folder: string, name: string): string | null {
  return NAME.test(name) ? path.join(folder, name) : null;
}

const summaryPath = (file: string) => `${file}.json`;

export async function writeSummary(
  file: string,
  summary: { documents: number; files: number },
): Promise<void> {
  await writeFile(summaryPath(file), JSON.stringify(summary), { mode: 0o600 });
}

export async function listBackups(folder: string): Promise<StoredBackup[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return [];
    throw err;
  }
  const out: StoredBackup[] = [];
  for (const name of names.filter((n) => NAME.test(n))) {
    const file = path.join(folder, name);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) continue;
    const summary = await readFile(summaryPath(file), 'utf8')
      .then((t) => JSON.parse(t) as { documents?: unknown; files?: unknown })
      .catch((): { documents?: unknown; files?: unknown } => ({}));
    out.push({
      name,
      size: info.size,
      createdAt: info.mtime,
      scheduled: name.includes(AUTO_MARK),
      ...(typeof summary.documents === 'number' ? { documents: summary.documents } : {}),
      ...(typeof summary.files === 'number' ? { files: summary.files } : {}),
    });
  }
  return out.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.name.localeCompare(a.name));
}

/** Removes the oldest scheduled backups beyond `keep`; the admin's own backups are never removed. */
export async function pruneScheduled(folder: string, keep: number): Promise<string[]> {
  const scheduled = (await listBackups(folder)).filter((b) => b.scheduled);
  const removed: string[] = [];
  for (const old of scheduled.slice(keep)) {
    const file = path.join(folder, old.name);
    await rm(file, { force: true });
    await rm(summaryPath(file), { force: true });
    removed.push(old.name);
  }
  return removed;
}

export async function ensureFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
}

export async function readState(folder: string): Promise<BackupState> {
  try {
    const raw = JSON.parse(await readFile(path.join(folder, 'state.json'), 'utf8')) as Partial<BackupState>;
    return { ...raw, schedule: { ...DEFAULT_SCHEDULE, ...raw.schedule } };
  } catch {
    return { schedule: { ...DEFAULT_SCHEDULE } };
  }
}

/** Written to a temporary name and renamed: a crash never leaves half a state file. */
export async function writeState(folder: string, state: BackupState): Promise<void> {
  await ensureFolder(folder);
  const temporary = path.join(folder, `.state.${randomBytes(4).toString('hex')}.json`);
  await writeFile(temporary, JSON.stringify(state, null, 1), { mode: 0o600 });
  await rename(temporary, path.join(folder, 'state.json'));
}

/** Copies a backup to where the admin chose, through a temporary name beside it. */
export async function copyOut(source: string, destination: string): Promise<void> {
  const temporary = `${destination}.${randomBytes(4).toString('hex')}.partial`;
  try {
    await pipeline(
      createReadStream(source),
      createWriteStream(temporary, { flags: 'wx', mode: 0o600, flush: true }),
    );
    await rename(temporary, destination);
  } catch (err) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw err;
  }
}

/**
 * Brings a backup file into the folder (an upload, or a file the admin opened) under `name`, through a
 * temporary name: an interrupted upload leaves nothing. At most `maxBytes` are accepted.
 */
export async function copyIn(
  folder: string,
  name: string,
  source: AsyncIterable<Uint8Array> | string,
  maxBytes: number,
): Promise<string> {
  const destination = backupPath(folder, name);
  if (!destination) throw new Error('unsuitable backup name');
  await ensureFolder(folder);
  const temporary = path.join(folder, `.${name}.${randomBytes(4).toString('hex')}.partial`);
  let size = 0;
  const limited = async function* () {
    const pieces: AsyncIterable<Uint8Array> = typeof source === 'string' ? createReadStream(source) : source;
    for await (const piece of pieces) {
      size += piece.byteLength;
      if (size > maxBytes) throw Object.assign(new Error('too large'), { code: 'ETOOLARGE' });
      yield piece;
    }
  };
  try {
    await pipeline(limited(), createWriteStream(temporary, { flags: 'wx', mode: 0o600, flush: true }));
    await rename(temporary, destination);
  } catch (err) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw err;
  }
  return destination;
}

/** Free and total bytes of the disk holding `dir` (its nearest existing parent), when the system says. */
export async function diskSpace(dir: string): Promise<{ free: number; total: number } | undefined> {
  let probe = dir;
  for (;;) {
    try {
      const s = await statfs(probe);
      return { free: s.bavail * s.bsize, total: s.blocks * s.bsize };
    } catch {
      const parent = path.dirname(probe);
      if (parent === probe) return undefined;
      probe = parent;
    }
  }
}
