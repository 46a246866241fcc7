/**
 * Everything below the transports, started in order: the engine, the database manager, the services, the
 * router. The router answers at once (system.status shows the engine starting; other channels answer
 * UNAVAILABLE until the database is connected). Used by the Electron main process and by the station.
 */
import path from 'node:path';
import { createRouter, type Router } from './api/router';
import { createLogFile } from './runtime-log';
import { DatabaseManager } from './db/database-manager';
import { createEngineSupervisor, type EngineSupervisor } from './engine/supervisor';
import { createThrottles } from './security/throttles';
import { createPasswordHasher } from './security/passwords';
import { getOrCreateSecret, type SecretStore } from './security/secret-store';
import { createTokenService } from './security/tokens';
import { createUrlTickets } from './security/url-tickets';
import { createEventBus, type EventBus } from './services/events/bus';
import { createActivityLogger, scheduleLogRetention } from './services/activity-log';
import { pruneRevokedTokens, type AuthDeps } from './services/auth';
import { createSessionCache } from './services/session-cache';
import { createChatCircles } from './services/chat-circles';
import { createInstitutionReports } from './services/institution-report-base';
import type { NetworkOffice } from './services/network-office';
import { startBackupScheduler, type BackupScheduler } from './services/backup/scheduler';
import { sendDueRemindersEverywhere } from './services/due-reminders';
import { pruneUnreferencedUploadsEverywhere } from './services/files';
import { repairInstitutions, verifyInstitutionIndexes } from './services/institutions';

export interface RuntimeOptions {
  dataDir: string;
  mongodbUri?: string | undefined;
  engineBin?: string | undefined;
  pgBin?: string | undefined;
  /** Where the session-signing key lives (the OS keychain, or the encrypted-file fallback). */
  secrets: SecretStore;
  version?: string;
  logger?: (line: string) => void;
  /** The station's network service (paired devices, pairing codes), when it runs. */
  network?: NetworkOffice | undefined;
  /** Where the log file goes; default `logs/` beside the engine's data directory. */
  logDir?: string | undefined;
  /** Where each institution's backups go; default `backups/` beside the engine's data directory. */
  backupRoot?: string | undefined;
  /** The desktop app's save dialog for a copy of a backup (the station has none: it offers a download). */
  chooseSavePath?: ((suggestedName: string) => Promise<string | undefined>) | undefined;
  /** The desktop app's open dialog for a backup file to restore. */
  chooseOpenPath?: (() => Promise<string | undefined>) | undefined;
}

export interface Runtime {
  /** Writes a line to the caller's logger and, redacted, to the log file. */
  readonly log: (line: string) => void;
  readonly engine: EngineSupervisor;
  readonly router: Router;
  /** What the services publish after their writes; the event streams subscribe here. */
  readonly events: EventBus;
  /** The services, once the database is connected. */
  services(): AuthDeps | undefined;
  /** Settles true when the database is connected, false when start-up failed (the engine status says why). */
  readonly ready: Promise<boolean>;
  /** Stops everything in reverse order; safe to call twice. */
  stop(): Promise<void>;
}

const SIGNING_KEY_ACCOUNT = 'session-signing-key';

export function startRuntime(options: RuntimeOptions): Runtime {
  const print = options.logger ?? ((line: string) => console.error(line));
  const appData = path.dirname(path.resolve(options.dataDir));
  const logFile = createLogFile(options.logDir ?? path.join(appData, 'logs'));
  const log = (line: string): void => {
    print(line);
    logFile.line(line);
  };
  const engine = createEngineSupervisor({
    dataDir: options.dataDir,
    mongodbUri: options.mongodbUri,
    engineBin: options.engineBin,
    pgBin: options.pgBin,
    logger: log,
  });
  let services: AuthDeps | undefined;
  let stopTimers: Array<() => void> = [];
  const events = createEventBus();
  let scheduler: BackupScheduler | undefined;
  const router = createRouter({ engine, services: () => services, version: options.version, logger: log });

  const ready = (async () => {
    const connection = await engine.start();
    const db = await DatabaseManager.open(connection, { logger: log });
    const signingKey = await getOrCreateSecret(options.secrets, SIGNING_KEY_ACCOUNT);
    const deps: AuthDeps = {
      db,
      passwords: createPasswordHasher(),
      activity: createActivityLogger(db, { logger: log }),
      tokens: createTokenService(signingKey),
      tickets: createUrlTickets(signingKey),
      events,
      throttles: createThrottles(),
      // Kept only where this process is the one writer of its databases (DatabaseManager.oneWriter).
      sessions: db.oneWriter ? createSessionCache() : undefined,
      chatCircles: db.oneWriter ? createChatCircles() : undefined,
      institutionReports: db.oneWriter ? createInstitutionReports() : undefined,
      engineStatus: () => engine.status(),
      health: {
        version: options.version,
        apiErrors: () => router.errorCounts(),
        secrets: { store: options.secrets.kind, protection: options.secrets.protection },
        problems: () => logFile.problems(),
        diskOf: options.backupRoot ?? appData,
      },
      backups: {
        root: options.backupRoot ?? path.join(appData, 'backups'),
        appVersion: options.version ?? 'unknown',
        chooseSavePath: options.chooseSavePath,
        chooseOpenPath: options.chooseOpenPath,
      },
      network: options.network,
    };
    const repaired = await repairInstitutions(deps);
    if (repaired.finishedDeletions + repaired.undoneRegistrations + repaired.orphansDropped > 0) {
      log(`[runtime] start-up repair: ${JSON.stringify(repaired)}`);
    }
    // In the background: the app answers while older institutions' indexes are checked.
    void verifyInstitutionIndexes(deps).then(
      (n) => log(`[runtime] indexes verified for ${n} institution(s)`),
      (err: unknown) =>
        log(`[runtime] index check failed: ${err instanceof Error ? err.message : String(err)}`),
    );
    const stopRetention = scheduleLogRetention(db, log);
    // Due-date reminders: each assignment's once, within a day of its due date (at start, then hourly).
    const remind = () =>
      void sendDueRemindersEverywhere(db).catch((err: unknown) =>
        log(`[runtime] due reminders failed: ${err instanceof Error ? err.message : String(err)}`),
      );
    remind();
    // Hourly: signed-out tokens past their expiry, uploads nothing refers to after a day, due reminders.
    const pruneTimer = setInterval(() => {
      void pruneRevokedTokens(deps).catch(() => undefined);
      void pruneUnreferencedUploadsEverywhere(db).catch((err: unknown) =>
        log(`[runtime] upload clean-up failed: ${err instanceof Error ? err.message : String(err)}`),
      );
      remind();
    }, 3_600_000);
    pruneTimer.unref();
    stopTimers = [stopRetention, () => clearInterval(pruneTimer)];
    scheduler = startBackupScheduler(deps, { log });
    services = deps;
    return true;
  })().catch((err: unknown) => {
    log(`[runtime] not ready: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  });

  let stopping: Promise<void> | undefined;
  return {
    log,
    engine,
    router,
    events,
    services: () => services,
    ready,
    stop: () =>
      (stopping ??= (async () => {
        for (const stop of stopTimers) stop();
        // A scheduled backup under way is stopped (its temporary file removed) before the database closes.
        await scheduler?.stop();
        const current = services;
        services = undefined;
        if (current) {
          await current.passwords.close();
          await current.db.close().catch(() => undefined);
        }
        await engine.stop();
      })()),
  };
}
