/**
 * Dual activity logging: every create, update, delete and login goes to the tenant's ActivityLog; admin actions
 * also go to the master log with the tenant's database name. Logging never fails the operation it records, but
 * each failure is counted for the health page. Old entries are removed by a retention job, since TTL indexes
 * are not available on every engine.
 */
import type { Types } from 'mongoose';
import type { DatabaseManager } from '../db/database-manager';
import type { Actor } from './actor';

export const ACTIONS = ['CREATE', 'UPDATE', 'DELETE', 'LOGIN', 'LOGIN_FAILED', 'LOGOUT'] as const;
export type Action = (typeof ACTIONS)[number] | (string & {});

export interface ActivityEntry {
  action: Action;
  targetType: string;
  targetId?: Types.ObjectId | string | undefined;
  targetName?: string | undefined;
  details?: Record<string, unknown> | undefined;
}

/** The entry of an update: the record changed, and the names of the fields that changed. */
export function updateEntry(
  targetType: string,
  targetId: Types.ObjectId | string,
  targetName: string,
  fields: readonly string[],
): ActivityEntry {
  return { action: 'UPDATE', targetType, targetId, targetName, details: { fields } };
}

/** The fields an update's input changes: every key but the record's id. */
export function changedFields(input: object): string[] {
  return Object.keys(input).filter((key) => key !== 'id');
}

/** The actor of a log entry: a signed-in user, or someone who only claims a username (failed login). */
export type LogActor = Pick<Actor, 'username' | 'databaseName' | 'ip' | 'userAgent'> & {
  userId?: string | undefined;
  /** The actor's role, or 'unknown' for a failed sign-in with an unknown username. */
  role: Actor['role'] | 'unknown';
};

/** An institution's admin as the actor of a log entry, calling from `origin`. */
export function adminLogActor(
  userId: string,
  admin: { username: string; databaseName: string },
  origin: Pick<Actor, 'ip' | 'userAgent'>,
): LogActor {
  return { userId, username: admin.username, role: 'admin', databaseName: admin.databaseName, ...origin };
}

export interface ActivityLogger {
  /** Writes the entry; resolves even when logging failed (counted in `failures`). */
  record(actor: LogActor, entry: ActivityEntry): Promise<void>;
  /** Writes only the master log (institution registration and deletion: the tenant may not exist). */
  recordMaster(actor: LogActor, entry: ActivityEntry): Promise<void>;
  failures(): number;
}

export interface ActivityLoggerOptions {
  logger?: (line: string) => void;
  /** Test hook: called before each write; throwing simulates a logging failure. */
  beforeWrite?: (target: 'tenant' | 'master') => void;
}

const ID = /^[a-f0-9]{24}$/i;

function objectIdOrUndefined(id: Types.ObjectId | string | undefined): Types.ObjectId | string | undefined {
  if (id === undefined) return undefined;
  return typeof id === 'string' && !ID.test(id) ? undefined : id;
}

export function createActivityLogger(
  db: DatabaseManager,
  options: ActivityLoggerOptions = {},
): ActivityLogger {
  const log = options.logger ?? ((line: string) => console.error(line));
  let failures = 0;

  function fields(actor: LogActor, entry: ActivityEntry) {
    return {
      userId: objectIdOrUndefined(actor.userId),
      username: actor.username.slice(0, 64),
      action: entry.action,
      targetType: entry.targetType,
      targetId: objectIdOrUndefined(entry.targetId),
      targetName: entry.targetName?.slice(0, 300),
      details: entry.details,
      ipAddress: actor.ip.slice(0, 64) || 'local',
      userAgent: actor.userAgent.slice(0, 300),
      timestamp: new Date(),
    };
  }

  async function guarded(target: 'tenant' | 'master', write: () => Promise<unknown>): Promise<void> {
    try {
      options.beforeWrite?.(target);
      await write();
    } catch (err) {
      failures += 1;
      log(
        `[activity] could not write the ${target} log: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  async function recordMaster(actor: LogActor, entry: ActivityEntry): Promise<void> {
    const { userId, role: _role, ...rest } = { ...fields(actor, entry), role: actor.role };
    await guarded('master', () =>
      db.masterModels.MasterActivityLog.create({
        ...rest,
        adminId: userId,
        databaseName: actor.databaseName,
      }),
    );
  }

  return {
    async record(actor, entry) {
      // An admin's action goes to both logs at once: neither write waits for the other (each is guarded).
      await Promise.all([
        guarded('tenant', async () => {
          const tenant = await db.tenant(actor.databaseName);
          await tenant.models.ActivityLog.create({ ...fields(actor, entry), role: actor.role });
        }),
        actor.role === 'admin' ? recordMaster(actor, entry) : undefined,
      ]);
    },
    recordMaster,
    failures: () => failures,
  };
}

/**
 * Removes log entries older than `days` from the master log and every active tenant's log.
 * Resolves to how many were removed.
 */
export async function pruneActivityLogs(
  db: DatabaseManager,
  days: number,
  now = new Date(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 24 * 3600 * 1000);
  let removed = (await db.masterModels.MasterActivityLog.deleteMany({ timestamp: { $lt: cutoff } }))
    .deletedCount;
  const institutions = await db.masterModels.AdminRegistry.find(
    { state: 'active' },
    { databaseName: 1 },
  ).lean();
  for (const { databaseName } of institutions) {
    const tenant = await db.tenant(databaseName);
    removed += (await tenant.models.ActivityLog.deleteMany({ timestamp: { $lt: cutoff } })).deletedCount;
  }
  return removed;
}

export function retentionDays(): number {
  const days = Number(process.env.CRM_LOG_RETENTION_DAYS);
  return Number.isInteger(days) && days > 0 ? days : 365;
}

/** Runs the retention job now and then daily; the timer never keeps the process alive. */
export function scheduleLogRetention(db: DatabaseManager, log: (line: string) => void): () => void {
  const run = () =>
    pruneActivityLogs(db, retentionDays()).then(
      (n) => n > 0 && log(`[activity] retention removed ${n} entries older than ${retentionDays()} days`),
      (err: unknown) =>
        log(`[activity] retention failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  void run();
  const timer = setInterval(() => void run(), 24 * 3600 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
