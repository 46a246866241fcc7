/**
 * The admin's health page: the engine's state, the shared pool, the LRU of tenant handles, slow operations and
 * storage. Installation-wide figures are shown as they are; anything per database is the caller's own database
 * and master only, other institutions as a sum, never by name (one school never learns another's).
 */
import type { Db } from 'mongodb';
import type { HealthSummary, SystemHealth } from '../../../shared/contract';
import { diskSpace, institutionFolder, readState } from '../db/backup/store';
import { ERROR_CODES, type ErrorCode } from '../../../shared/contract/errors';
import type { EngineStatus } from '../../../shared/engine-status';
import type { DatabaseStats } from '../db/database-manager';
import { isTenantDatabaseName, MASTER_DATABASE } from '../db/names';
import { AppError } from '../errors/app-error';
import type { Actor, HealthSources, ServiceDeps } from './context';
import { backupStatusOf } from './backup/backup';
import { archivedInstitutions } from './institution-archive';
import { tenantOf } from './tenant-access';

/** The DatabaseManager's default; used until its stats report the configured threshold. */
const DEFAULT_SLOW_MS = 200;
const SLOW_OPERATIONS_SHOWN = 20;
const PROCESS_STARTED = new Date(Date.now() - Math.round(process.uptime() * 1000));

type Storage = SystemHealth['storage']['databases'][number];

/** A non-negative whole number from a server reply (FerretDB and MongoDB answer int, double or Long). */
function countOf(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) && n > 0 ? Math.round(n) : 0;
}

/** How long measured storage figures are shown before they are remeasured in the background. */
const STORAGE_FRESH_MS = 5 * 60_000;

interface Measured {
  storage: Storage;
  at: Date;
  /** A remeasurement under way. */
  refreshing?: Promise<Measured>;
}

/** Measured storage per database name, per data layer (each test opens its own). */
const measuredStorage = new WeakMap<object, Map<string, Measured>>();

/**
 * A database's storage figures: measured now when there are none or `refresh` asks; otherwise the last ones,
 * remeasured in the background once they are older than STORAGE_FRESH_MS.
 */
async function cachedStorageOf(
  owner: object,
  name: string,
  db: Db | undefined,
  refresh: boolean,
): Promise<Measured> {
  let byName = measuredStorage.get(owner);
  if (!byName) measuredStorage.set(owner, (byName = new Map<string, Measured>()));
  const cache = byName;
  const measure = (): Promise<Measured> => {
    const pending = storageOf(name, db).then((storage) => {
      const fresh = { storage, at: new Date() };
      cache.set(name, fresh);
      return fresh;
    });
    const current = cache.get(name);
    if (current) current.refreshing = pending;
    return pending;
  };
  const known = cache.get(name);
  if (!known || refresh) return measure();
  if (Date.now() - known.at.getTime() > STORAGE_FRESH_MS && !known.refreshing) {
    measure().catch(() => {
      known.refreshing = undefined; // the old figures stay; the next request tries again
    });
  }
  return known;
}

async function storageOf(name: string, db: Db | undefined): Promise<Storage> {
  if (!db) throw new AppError('UNAVAILABLE', 'The database is not connected right now.');
  const s: Record<string, unknown> = await db.command({ dbStats: 1 });
  return {
    name,
    dataSize: countOf(s.dataSize),
    storageSize: countOf(s.storageSize),
    indexSize: countOf(s.indexSize),
    collections: countOf(s.collections),
    objects: countOf(s.objects),
  };
}

/** Open and available connections as the server reports them, when it does (not every engine does). */
async function serverConnections(db: Db | undefined): Promise<{ current?: number; available?: number }> {
  const status: unknown = await db
    ?.admin()
    .command({ serverStatus: 1 })
    .catch(() => undefined);
  const connections = (status as { connections?: { current?: unknown; available?: unknown } } | undefined)
    ?.connections;
  return {
    ...(connections?.current !== undefined ? { current: countOf(connections.current) } : {}),
    ...(connections?.available !== undefined ? { available: countOf(connections.available) } : {}),
  };
}

/** Without a supervisor (an external MONGODB_URI, tests) the engine is whatever answered this request. */
function fallbackEngineStatus(): EngineStatus {
  return {
    state: 'ready',
    mode: 'external',
    detail: 'No embedded engine is supervised by this process.',
    since: PROCESS_STARTED.toISOString(),
    restarts: 0,
  };
}

export async function systemHealth(
  deps: ServiceDeps,
  actor: Actor,
  input: { refreshStorage?: boolean | undefined },
  sources: HealthSources = {},
): Promise<SystemHealth> {
  if (actor.role !== 'admin')
    throw new AppError('FORBIDDEN', 'Only the institution admin sees system health.');
  const tenant = await tenantOf(deps, actor);
  const masterDb = deps.db.master.db;
  const stats: DatabaseStats & { slowOperationMs?: number } = deps.db.stats();

  const [own, master, databases, connections] = await Promise.all([
    cachedStorageOf(deps.db, actor.databaseName, tenant.conn.db, input.refreshStorage === true),
    cachedStorageOf(deps.db, MASTER_DATABASE, masterDb, input.refreshStorage === true),
    deps.db.listDatabases(),
    serverConnections(masterDb),
  ]);
  const others = databases.filter((d) => isTenantDatabaseName(d.name) && d.name !== actor.databaseName);

  const apiErrors = sources.apiErrors?.();
  const byCode = Object.fromEntries(
    ERROR_CODES.map((code) => [code, apiErrors?.byCode[code] ?? 0]),
  ) as Record<ErrorCode, number>;

  const problems = sources.problems?.();
  const summary: HealthSummary = {
    ...(await backupSummary(deps, actor.userId)),
    ...(sources.diskOf ? { disk: await diskSpace(sources.diskOf) } : {}),
    // Without the log file (tests), the API's own problem answers since the start.
    problems:
      problems?.count ??
      (apiErrors?.byCode.INTERNAL ?? 0) + (apiErrors?.byCode.UNAVAILABLE ?? 0) + deps.activity.failures(),
    problemsSince: problems?.since ?? apiErrors?.since ?? PROCESS_STARTED,
    recentProblems: problems?.recent ?? [],
    archivedInstitutions: await archivedInstitutions(deps),
  };
  if (!summary.disk) delete summary.disk;

  return {
    summary,
    engine: deps.engineStatus?.() ?? fallbackEngineStatus(),
    version: sources.version ?? process.env.npm_package_version ?? 'unknown',
    uptimeSeconds: Math.floor(process.uptime()),
    secrets: sources.secrets ?? { store: 'unknown', protection: 'a store this runtime does not report' },
    connections: {
      // The server's own count when it reports one; otherwise the sockets this app's client holds.
      current: connections.current ?? stats.connections,
      ...(connections.available !== undefined ? { available: connections.available } : {}),
      maxPoolSize: deps.db.master.getClient().options.maxPoolSize,
    },
    tenantHandles: {
      open: stats.tenantHandles.size,
      max: stats.tenantHandles.max,
      hits: stats.tenantHandles.hits,
      misses: stats.tenantHandles.misses,
      evictions: stats.tenantHandles.evictions,
    },
    slowOperations: stats.slowOperations
      .filter((op) => op.database === actor.databaseName)
      .sort((a, b) => b.durationMs - a.durationMs)
      .slice(0, SLOW_OPERATIONS_SHOWN)
      .map((op) => ({
        database: op.database,
        collection: op.collection,
        command: op.command,
        durationMs: op.durationMs,
        at: new Date(op.at),
      })),
    slowThresholdMs: stats.slowOperationMs ?? DEFAULT_SLOW_MS,
    storage: {
      databases: [own.storage, master.storage],
      otherTenants: {
        databases: others.length,
        storageSize: others.reduce((total, d) => total + countOf(d.sizeOnDisk), 0),
      },
      measuredAt: own.at < master.at ? own.at : master.at,
    },
    errors: {
      since: apiErrors?.since ?? PROCESS_STARTED,
      byCode,
      loggingFailures: deps.activity.failures(),
    },
  };
}

async function backupSummary(deps: ServiceDeps, adminId: string): Promise<Pick<HealthSummary, 'backup'>> {
  if (!deps.backups) return {};
  const status = await backupStatusOf(deps, adminId);
  const state = await readState(institutionFolder(deps.backups.root, adminId));
  return { backup: { ...status, scheduleEnabled: state.schedule.enabled } };
}
