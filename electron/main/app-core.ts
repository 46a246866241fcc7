/**
 * Wires the Node-only core (engine supervisor, api router) for the Electron main process.
 * Nothing here imports `electron`: the main process passes in what it knows (paths, logger).
 */
import type { EngineStatus } from '../../shared/engine-status';
import { createRouter, type Router } from '../core/api/router';
import { createEngineSupervisor, type EngineSupervisor } from '../core/engine/supervisor';
import type { SecretStore } from '../core/security/secret-store';

export interface CoreOptions {
  /** crm-engine binary (the packaged app passes the one in its resources). Default: the supervisor's lookup. */
  engineBin?: string;
  /** PostgreSQL's bin/ directory (packaged app: resources/postgres/bin). Default: the supervisor's lookup. */
  pgBin?: string;
  /** MONGODB_URI: use this MongoDB and start no embedded engine. Default: process.env.MONGODB_URI. */
  mongodbUri?: string;
  /** The app's secrets (the JWT key, in a later issue). */
  secrets?: SecretStore;
  logger?: (line: string) => void;
}

export interface CoreHandle {
  readonly dataDir: string;
  readonly engine: EngineSupervisor;
  readonly router: Router;
  readonly secrets: SecretStore | undefined;
  /** Settles when the engine is ready (true) or has failed to start (false); never rejects. */
  readonly ready: Promise<boolean>;
  status(): EngineStatus;
  onStatus(listener: (status: EngineStatus) => void): () => void;
  /** Stops the engine (SIGTERM, then SIGKILL after the supervisor's grace period). Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Creates the supervisor and the router and starts the engine without waiting for it: the window opens at
 * once and shows the engine's progress (system.status, the engine:status event).
 */
export function startCore(dataDir: string, options: CoreOptions = {}): Promise<CoreHandle> {
  const logger = options.logger ?? ((line: string) => console.log(line));
  const mongodbUri = options.mongodbUri ?? (process.env.MONGODB_URI || undefined);
  const engine = createEngineSupervisor({
    dataDir,
    logger,
    mongodbUri,
    pgBin: options.pgBin,
    engineBin: options.engineBin,
  });
  const router = createRouter({ engine });

  const ready = engine.start().then(
    () => true,
    (err: unknown) => {
      logger(`[core] the database engine did not start: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    },
  );

  let stopping: Promise<void> | undefined;
  return Promise.resolve({
    dataDir,
    engine,
    router,
    secrets: options.secrets,
    ready,
    status: () => engine.status(),
    onStatus: (listener) => engine.on('status', listener),
    stop: () => (stopping ??= engine.stop()),
  });
}
