/**
 * Wires the Node-only core for the Electron main process. Nothing here imports `electron`: the main process
 * passes in what it knows (paths, the secret store, a logger).
 */
import type { EngineStatus } from '../../shared/engine-status';
import type { Router } from '../core/api/router';
import type { EngineSupervisor } from '../core/engine/supervisor';
import { AppError } from '../core/errors/app-error';
import { startRuntime } from '../core/runtime';
import type { SecretStore } from '../core/security/secret-store';
import { LOCAL_CALLER } from '../core/services/institutions';
import { openEventStream, type OpenStream, type StreamSink } from '../core/services/events/stream';
import type { NetworkOffice } from '../core/services/network-office';

export interface CoreOptions {
  /** crm-engine binary (the packaged app passes the one in its resources). Default: the supervisor's lookup. */
  engineBin?: string;
  /** PostgreSQL's bin/ directory (packaged app: resources/postgres/bin). Default: the supervisor's lookup. */
  pgBin?: string;
  /** MONGODB_URI: use this MongoDB and start no embedded engine. Default: process.env.MONGODB_URI. */
  mongodbUri?: string;
  /** The app's secrets: the session-signing key. */
  secrets: SecretStore;
  version?: string;
  logger?: (line: string) => void;
  /** Station mode with the network on: the devices and pairing behind the admin's Devices page. */
  network?: NetworkOffice | undefined;
  /** The save dialog for a copy of a backup, and the open dialog for a backup file to restore. */
  chooseSavePath?: (suggestedName: string) => Promise<string | undefined>;
  chooseOpenPath?: () => Promise<string | undefined>;
}

export interface CoreHandle {
  readonly dataDir: string;
  /** Writes a line to the console and, redacted, to the app's log file. */
  log(line: string): void;
  readonly engine: EngineSupervisor;
  readonly router: Router;
  /** Settles when the database is connected (true) or start-up failed (false); never rejects. */
  readonly ready: Promise<boolean>;
  status(): EngineStatus;
  onStatus(listener: (status: EngineStatus) => void): () => void;
  /** Opens the event stream of a window's session (the desktop app's relay of pushed events). */
  openEvents(token: string, sink: StreamSink): Promise<OpenStream>;
  /** Stops the services and the engine (SIGTERM, then SIGKILL after the grace period). Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts the engine and the services without waiting: the window opens at once and shows the progress. */
export function startCore(dataDir: string, options: CoreOptions): Promise<CoreHandle> {
  const runtime = startRuntime({
    dataDir,
    secrets: options.secrets,
    mongodbUri: options.mongodbUri ?? (process.env.MONGODB_URI || undefined),
    engineBin: options.engineBin,
    pgBin: options.pgBin,
    ...(options.version ? { version: options.version } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    network: options.network,
    chooseSavePath: options.chooseSavePath,
    chooseOpenPath: options.chooseOpenPath,
  });
  return Promise.resolve({
    dataDir,
    log: runtime.log,
    engine: runtime.engine,
    router: runtime.router,
    ready: runtime.ready,
    status: () => runtime.engine.status(),
    onStatus: (listener) => runtime.engine.on('status', listener),
    openEvents: (token, sink) => {
      const deps = runtime.services();
      if (!deps) return Promise.reject(new AppError('UNAVAILABLE', 'The database is starting.'));
      const claims = deps.tokens.verify(token);
      if (!claims) return Promise.reject(new AppError('UNAUTHENTICATED', 'The session has ended.'));
      const origin = { ip: LOCAL_CALLER, userAgent: 'electron' };
      return openEventStream(deps, runtime.events, claims, origin, undefined, sink);
    },
    stop: () => runtime.stop(),
  });
}
