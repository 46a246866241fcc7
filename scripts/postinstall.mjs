#!/usr/bin/env node
// The project's own install step (npm's "postinstall" of the root package). It never fails the install for
// something this machine cannot do; it says what is missing and how to get it.
//
//  a. Electron's binary: npm is told not to run electron's own install script (package.json "allowScripts"),
//     because it downloads from outside the npm registry and fails the whole install where that is blocked.
//     Here we try the same download with a time limit; without it the desktop window is unavailable but the
//     station (npm run station) works.
//  b. crm-engine, the embedded database engine: built with Go when Go is installed.
//     CRM_SKIP_ENGINE_BUILD=1 skips it (e.g. when MONGODB_URI points at an existing MongoDB). On CI (CI=true) a
//     failing build fails the install, so a broken engine is caught at the first step.
//  c. keytar: whether the OS keychain is usable; otherwise secrets fall back to an owner-only encrypted file.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTarget, goVersion, hostTarget } from './build-engine.mjs';
import { electronBinaryPath, NO_ELECTRON_MESSAGE } from './electron-binary.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const ELECTRON_TIMEOUT_MS = Number(process.env.CRM_ELECTRON_DOWNLOAD_TIMEOUT_MS ?? 60_000);
const truthy = (v) => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';

function say(line = '') {
  console.log(`[smart-crm] ${line}`);
}

function electronStep() {
  const electronDir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(electronDir, 'install.js'))) {
    say('Electron is not installed (production install?): skipping its binary.');
    return;
  }
  if (electronBinaryPath()) {
    say('Electron binary: already present.');
    return;
  }
  if (truthy(process.env.ELECTRON_SKIP_BINARY_DOWNLOAD)) {
    say(
      'Electron binary: not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD is set); the station (npm run station) works.',
    );
    return;
  }
  say(`Electron binary: downloading (time limit ${Math.round(ELECTRON_TIMEOUT_MS / 1000)} s)…`);
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: ELECTRON_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  if (r.status === 0 && electronBinaryPath()) {
    say('Electron binary: downloaded; `npm start` opens the desktop window.');
    return;
  }
  const lines = `${r.stderr ?? ''}\n${r.stdout ?? ''}`.split('\n').map((l) => l.trim());
  const why =
    r.error?.code === 'ETIMEDOUT'
      ? `no answer within ${Math.round(ELECTRON_TIMEOUT_MS / 1000)} s`
      : (lines.find((l) => /error/i.test(l) && !l.startsWith('at ')) ?? lines.find((l) => l !== ''));
  say(NO_ELECTRON_MESSAGE);
  if (why) say(`  (reason: ${why.slice(0, 300)})`);
}

function engineStep() {
  if (truthy(process.env.CRM_SKIP_ENGINE_BUILD)) {
    say(
      'crm-engine: build skipped (CRM_SKIP_ENGINE_BUILD is set); build it later with `npm run build:engine`.',
    );
    return 0;
  }
  if (!existsSync(join(root, 'engine', 'go.mod'))) {
    say('crm-engine: engine/go.mod not found, nothing to build yet.');
    return 0;
  }
  const version = goVersion();
  if (!version) {
    say(
      'Go is not installed: the embedded database engine was not built. Install Go ≥ 1.24 and run ' +
        '`npm run build:engine`, or set MONGODB_URI to use an existing MongoDB.',
    );
    return 0;
  }
  say(`crm-engine: building for ${hostTarget()} with ${version} (the first build takes a few minutes)…`);
  const r = buildTarget(hostTarget(), join(root, 'resources', 'bin'));
  if (r.ok) {
    say(`crm-engine: built in ${r.seconds.toFixed(0)} s → resources/bin/${r.output.split(/[\\/]/).at(-1)}`);
    return 0;
  }
  process.stderr.write(r.stderr);
  say(
    'crm-engine: the build FAILED (output above). The app cannot start its embedded database until ' +
      '`npm run build:engine` succeeds; set MONGODB_URI to use an existing MongoDB meanwhile.',
  );
  return truthy(process.env.CI) ? 1 : 0;
}

function keytarStep() {
  try {
    require('keytar');
    say('keytar: loaded; secrets go to the OS keychain (Secret Service, Keychain, Credential Manager).');
  } catch (err) {
    const reason = String(err instanceof Error ? err.message : err).split('\n')[0];
    say(
      'WARNING: keytar (the OS keychain) is not available: secrets fall back to an owner-only encrypted file ' +
        "in the app's data directory (Electron's safeStorage key in the desktop app). On Linux install " +
        'libsecret-1-dev and run `npm rebuild keytar` for keychain storage.',
    );
    say(`  (reason: ${reason.slice(0, 300)})`);
  }
}

electronStep();
const engineCode = engineStep();
keytarStep();
process.exitCode = engineCode;
