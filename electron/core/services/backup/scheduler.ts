/**
 * Daily scheduled backups: each institution whose schedule is on is backed up once a day, at or after the
 * time its admin set (the station's local time; a station that was off at that time catches up when it
 * starts), and only its last N scheduled backups are kept. One timer for the whole runtime; `stop` ends it and
 * stops a backup under way (its temporary file is removed).
 */
import { pruneScheduled, readState, writeState } from '../../db/backup/store';
import type { ServiceDeps } from '../context';
import { backupInstitution, folderOf } from './backup';

export interface SchedulerClock {
  now(): Date;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: SchedulerClock = {
  now: () => new Date(),
  setTimeout: (run, ms) => {
    const timer = setTimeout(run, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

function localDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export interface ScheduledRun {
  adminId: string;
  ok: boolean;
  name?: string;
  message?: string;
  removed?: string[];
}

/** Runs the backups due at `now`, one after another; each outcome is kept in its institution's folder. */
export async function runDueBackups(
  deps: ServiceDeps,
  now: Date,
  signal?: AbortSignal,
): Promise<ScheduledRun[]> {
  const entries = await deps.db.masterModels.AdminRegistry.find(
    { state: 'active', isActive: { $ne: false } },
    { _id: 1 },
  ).lean();
  const runs: ScheduledRun[] = [];
  for (const { _id } of entries) {
    if (signal?.aborted) break;
    const adminId = _id.toString();
    const folder = folderOf(deps, adminId);
    const state = await readState(folder);
    const { schedule } = state;
    const today = localDay(now);
    if (!schedule.enabled || state.lastScheduledDay === today) continue;
    if (now.getHours() * 60 + now.getMinutes() < minutesOf(schedule.time)) continue;
    // Marked first: a backup that fails is reported, not retried in a loop all day.
    await writeState(folder, { ...state, lastScheduledDay: today });
    try {
      const info = await backupInstitution(deps, adminId, {
        scheduled: true,
        now,
        ...(signal ? { signal } : {}),
      });
      const removed = await pruneScheduled(folder, schedule.keep);
      runs.push({ adminId, ok: true, name: info.name, removed });
    } catch (err) {
      runs.push({ adminId, ok: false, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return runs;
}

export interface BackupScheduler {
  /** Stops the timer and any backup under way; resolves when nothing runs anymore. */
  stop(): Promise<void>;
}

export function startBackupScheduler(
  deps: ServiceDeps,
  options: { clock?: SchedulerClock; intervalMs?: number; log?: (line: string) => void } = {},
): BackupScheduler {
  const clock = options.clock ?? systemClock;
  const interval = options.intervalMs ?? 60_000;
  const log = options.log ?? (() => undefined);
  const abort = new AbortController();
  let timer: unknown;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const tick = (): void => {
    running = runDueBackups(deps, clock.now(), abort.signal)
      .then((runs) => {
        for (const run of runs) {
          log(
            run.ok
              ? `[backup] scheduled backup ${run.name ?? ''} made${run.removed?.length ? `, ${run.removed.length} old one(s) removed` : ''}`
              : `[backup] scheduled backup failed: ${run.message ?? ''}`,
          );
        }
      })
      .catch((err: unknown) => log(`[backup] scheduler: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        if (!stopped) timer = clock.setTimeout(tick, interval);
      });
  };
  timer = clock.setTimeout(tick, interval);

  return {
    stop: async () => {
      stopped = true;
      clock.clearTimeout(timer);
      abort.abort();
      await running;
    },
  };
}
