/**
 * `npm run station`: starts the HTTP server at once (health answers 503 while the engine starts), then the
 * engine; stops both on SIGINT/SIGTERM.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRouter } from '../api/router';
import { createEngineSupervisor } from '../engine/supervisor';
import { defaultDataDir } from './data-dir';
import { startStation } from './server';

const log = (line: string): void => console.error(line);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const staticDir = path.join(root, 'out', 'renderer');
const host = process.env.CRM_HOST || '127.0.0.1';
const port = Number(process.env.CRM_PORT || 4780);
const dataDir = process.env.CRM_DATA_DIR || defaultDataDir();
const started = Date.now();

const engine = createEngineSupervisor({
  dataDir,
  mongodbUri: process.env.MONGODB_URI || undefined,
  logger: process.env.CRM_ENGINE_LOG === '1' ? log : () => undefined,
});
const router = createRouter({ engine, logger: log });
const station = await startStation({
  router,
  engine,
  host,
  port,
  staticDir: existsSync(path.join(staticDir, 'index.html')) ? staticDir : undefined,
  logger: log,
});
console.log(
  `Smart School CRM station on ${station.url} (data: ${process.env.MONGODB_URI ? 'MONGODB_URI' : dataDir})`,
);

engine.on('status', (s) => log(`[engine] ${s.state}${s.detail ? `: ${s.detail}` : ''}`));
engine.start().then(
  () =>
    console.log(`Engine ready after ${((Date.now() - started) / 1000).toFixed(1)} s. Open ${station.url}`),
  (err: unknown) =>
    log(`The database engine is unavailable: ${err instanceof Error ? err.message : String(err)}`),
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`[station] ${signal}: stopping`);
  await station.close();
  await engine.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
