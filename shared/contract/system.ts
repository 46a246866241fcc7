import { z } from 'zod';
import { engineStatusSchema } from '../engine-status';
import { defineChannel } from './channel';
import { count, strictObject } from './common';
import { backupResultSchema } from './backup';
import { ERROR_CODES } from './errors';

export const systemPing = defineChannel({
  name: 'system.ping',
  idempotent: true,
  roles: 'public',
  input: z.object({}).strict(),
  output: z.object({ pong: z.literal(true), time: z.date() }).strict(),
  summary: 'Answers pong with the server time: the API is reachable.',
});

export const systemStatus = defineChannel({
  name: 'system.status',
  idempotent: true,
  roles: 'public',
  input: z.object({}).strict(),
  output: z.object({ engine: engineStatusSchema, version: z.string() }).strict(),
  summary: "The database engine's state (starting, ready, failed…) and the app version.",
});

const storageSchema = strictObject({
  name: z.string(),
  dataSize: count,
  storageSize: count,
  indexSize: count,
  collections: count,
  objects: count,
});

/** What an office needs first (the health page's top): backups, disk space, problems, archived schools. */
export const healthSummarySchema = strictObject({
  /** The caller's institution: its last backup, and the last scheduled one when it failed. */
  backup: strictObject({
    last: backupResultSchema.optional(),
    failedScheduled: backupResultSchema.optional(),
    scheduleEnabled: z.boolean(),
  }).optional(),
  /** The disk holding the app's data, when the system reports it. */
  disk: strictObject({ free: count, total: count }).optional(),
  /** Problems on our side (INTERNAL and UNAVAILABLE answers, failed log writes) since `problemsSince`. */
  problems: count,
  problemsSince: z.date(),
  /** The newest problems, in words (no passwords, tokens or message text): for the health page and support. */
  recentProblems: z.array(strictObject({ at: z.date(), message: z.string() })),
  /** Institutions of this installation that are archived (a count: their names stay theirs). */
  archivedInstitutions: count,
});
export type HealthSummary = z.infer<typeof healthSummarySchema>;

export const systemHealthSchema = strictObject({
  engine: engineStatusSchema,
  version: z.string(),
  uptimeSeconds: count,
  connections: strictObject({
    /** Open connections the server reports (`serverStatus`), when the engine reports them. */
    current: count.optional(),
    available: count.optional(),
    /** The driver pool's size limit: every tenant shares it. */
    maxPoolSize: count,
  }),
  /** The LRU of tenant database handles. */
  tenantHandles: strictObject({ open: count, max: count, hits: count, misses: count, evictions: count }),
  /** The slowest recent operations on the caller's database, timed around each model operation. */
  slowOperations: z.array(
    strictObject({
      database: z.string(),
      collection: z.string().optional(),
      command: z.string(),
      durationMs: z.number().nonnegative(),
      at: z.date(),
    }),
  ),
  slowThresholdMs: count,
  /**
   * Where the session-signing key is kept: the OS keychain, or an owner-only encrypted file when no keychain
   * answers; `protection` says what guards that file's key (e.g. safeStorage, or file permissions only).
   */
  secrets: strictObject({
    store: z.enum(['keychain', 'file', 'unknown']),
    protection: z.string(),
  }),
  storage: strictObject({
    /** The caller's institution database and the master database. */
    databases: z.array(storageSchema),
    /** The installation's other institutions, summed: one school never sees another's names. */
    otherTenants: strictObject({ databases: count, storageSize: count }),
    /**
     * When the figures were measured: measuring reads statistics of every table (seconds on a year of data),
     * so they are kept for a few minutes and remeasured in the background, or now with `refreshStorage`.
     */
    measuredAt: z.date(),
  }),
  errors: strictObject({
    since: z.date(),
    /** API errors answered since `since`, per code. */
    byCode: z.record(z.enum(ERROR_CODES), count),
    /** Activity-log writes that failed (the operation itself went through). */
    loggingFailures: count,
  }),
  summary: healthSummarySchema.optional(),
});
export type SystemHealth = z.infer<typeof systemHealthSchema>;

// admin only. Installation-wide figures (engine, connections, handles) plus the caller's own database; other
// institutions appear only as a sum, never by name.
export const systemHealth = defineChannel({
  name: 'system.health',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({
    /** Measure storage now instead of showing the figures of the last few minutes. */
    refreshStorage: z.boolean().optional(),
  }),
  output: systemHealthSchema,
  summary:
    'Admin: engine state, connections, tenant handles, slow operations, storage per database and error counts.',
});
