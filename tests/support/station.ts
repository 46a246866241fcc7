import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { makeTempDir } from './temp-dir';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface StationProcess {
  url: string;
  /** Network mode: the plain loopback door on the station's own computer. */
  localUrl?: string | undefined;
  child: ChildProcess;
  /** SIGTERM and wait; resolves to the exit code. */
  stop(): Promise<number | null>;
}

/** Runs the real station (`electron/core/station/main.ts`) on a free port with its own data directory. */
export async function startStationProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<StationProcess> {
  // Backups and the log file go beside the data directory by default: here, a folder of the test's own.
  const files = makeTempDir('crm-station-files');
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/core/station/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      CRM_DATA_DIR: dataDir,
      CRM_BACKUP_DIR: path.join(files.dir, 'backups'),
      CRM_LOG_DIR: path.join(files.dir, 'logs'),
      CRM_PORT: '0',
      CRM_HOST: '127.0.0.1',
      MONGODB_URI: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.resume();
  let localUrl: string | undefined;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the station printed no address')), 30_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /station on (https?:\/\/\S+)/.exec(line);
      localUrl ??= /this computer: (http:\/\/[^\s)]+)/.exec(line)?.[1];
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`station exited with ${code}`)));
  });
  return {
    url,
    localUrl,
    child,
    stop: () =>
      new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }).finally(() => files.remove()),
  };
}
