/**
 * `npm run station`: starts the HTTP server at once (health answers 503 while the engine starts), then the
 * engine; stops both on SIGINT/SIGTERM. `--lan` (or CRM_LAN=1): the school's network, HTTPS only, on
 * 0.0.0.0:4780 unless CRM_HOST/CRM_PORT say otherwise (docs/architecture.md, "The station on the network").
 */
// First: the collector's setting, before the app's modules load.
import '../gc-tuning';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findEngineBinary } from '../engine/locate';
import { startRuntime } from '../runtime';
import { createSecretStore } from '../security/secret-store';
import { defaultDataDir } from './data-dir';
import { openStationNetwork } from './lan/network';
import { startStation } from './server';

const log = (line: string): void => console.error(line);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// CRM_RENDERER_DIR: another build of the renderer (tests building side by side).
const staticDir = process.env.CRM_RENDERER_DIR || path.join(root, 'out', 'renderer');
const lan = process.argv.includes('--lan') || process.env.CRM_LAN === '1';
const host = process.env.CRM_HOST || (lan ? '0.0.0.0' : '127.0.0.1');
const port = Number(process.env.CRM_PORT || 4780);
const dataDir = process.env.CRM_DATA_DIR || defaultDataDir();
const started = Date.now();
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

const secrets = await createSecretStore({
  service: 'smart-crm',
  // Beside the engine's data directory, which holds nothing but the engine's own files.
  fallbackDir: path.join(path.dirname(dataDir), 'secrets'),
  warn: log,
});
// Beside the engine's data directory, like the secrets: certificates, paired devices, remembered answers.
const networkDir = process.env.CRM_NETWORK_DIR || path.join(path.dirname(dataDir), 'network');
const engineBin = findEngineBinary();
if (lan && !engineBin) {
  log('The network service needs crm-engine to make its certificates: run `npm run build:engine`.');
  process.exit(1);
}
const network =
  lan && engineBin
    ? await openStationNetwork({
        dir: networkDir,
        host,
        engineBin,
        extraNames: (process.env.CRM_LAN_NAMES ?? '').split(',').filter(Boolean),
      })
    : undefined;
const runtime = startRuntime({
  network: network?.office,
  dataDir,
  mongodbUri: process.env.MONGODB_URI || undefined,
  secrets,
  version,
  backupRoot: process.env.CRM_BACKUP_DIR || undefined,
  logDir: process.env.CRM_LOG_DIR || undefined,
  logger: (line) => {
    if (!line.startsWith('[engine]') || process.env.CRM_ENGINE_LOG === '1') log(line);
  },
});
const { engine, router } = runtime;
const served = {
  router,
  engine,
  ready: () => runtime.services() !== undefined,
  live: { services: () => runtime.services(), events: runtime.events },
  staticDir: existsSync(path.join(staticDir, 'index.html')) ? staticDir : undefined,
  logger: runtime.log,
};
const station = await startStation({ ...served, host, port, network });
// In network mode the station's own computer keeps a plain loopback door (CRM_LOCAL_PORT, default 4781) for
// the admin's browser there: how the first device gets paired. The network sees HTTPS only.
const local = network
  ? await startStation({ ...served, host: '127.0.0.1', port: Number(process.env.CRM_LOCAL_PORT ?? 4781) })
  : undefined;
console.log(
  `Smart School CRM station on ${station.url}${local ? ` (network; this computer: ${local.url})` : ''} ` +
    `(data: ${process.env.MONGODB_URI ? 'MONGODB_URI' : dataDir})`,
);

engine.on('status', (s) => runtime.log(`[engine] ${s.state}${s.detail ? `: ${s.detail}` : ''}`));
void runtime.ready.then((ready) => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (ready) console.log(`Ready after ${seconds} s. Open ${station.url}`);
  else log(`The database is unavailable: ${engine.status().detail ?? 'see the messages above'}`);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  runtime.log(`[station] ${signal}: stopping`);
  await station.close();
  await local?.close();
  await runtime.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
