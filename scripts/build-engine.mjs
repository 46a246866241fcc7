#!/usr/bin/env node
// Builds crm-engine, the embedded database engine (the Go module in engine/).
//
//   node scripts/build-engine.mjs                      host build → resources/bin/crm-engine[.exe]
//   node scripts/build-engine.mjs --target windows/amd64,darwin/arm64
//                                                      → resources/bin/<os>-<arch>/crm-engine[.exe]
//   node scripts/build-engine.mjs --cross              compile check of every installer target other than
//                                                      linux/amd64, into a temporary directory that is removed
//   --out DIR                                          write the binaries under DIR instead
//
// Always pure Go (CGO_ENABLED=0), -trimpath. Exit code 0 when every requested build compiled, 1 otherwise,
// 2 when Go or engine/go.mod is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareFerretDB } from './ferretdb-patches.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const engineDir = join(root, 'engine');

export const INSTALLER_TARGETS = [
  'linux/amd64',
  'linux/arm64',
  'windows/amd64',
  'darwin/arm64',
  'darwin/amd64',
];

const GOOS = { linux: 'linux', darwin: 'darwin', win32: 'windows' };
const GOARCH = { x64: 'amd64', arm64: 'arm64' };

export function hostTarget() {
  return `${GOOS[process.platform] ?? process.platform}/${GOARCH[process.arch] ?? process.arch}`;
}

/** Finds `go` on PATH: the version line, or null when Go is not installed. */
export function goVersion() {
  const r = spawnSync('go', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function binaryName(goos) {
  return goos === 'windows' ? 'crm-engine.exe' : 'crm-engine';
}

/**
 * Builds one target. Returns { target, ok, output, seconds, stderr }.
 * @param {string} target  "goos/goarch"
 * @param {string} outDir  directory that receives crm-engine[.exe]
 */
export function buildTarget(target, outDir, { quiet = false } = {}) {
  const [goos, goarch] = target.split('/');
  if (!goos || !goarch) throw new Error(`bad target "${target}": expected os/arch, e.g. windows/amd64`);
  mkdirSync(outDir, { recursive: true });
  const output = join(outDir, binaryName(goos));
  const started = Date.now();
  // engine/go.mod builds against the patched FerretDB copy: make it first (a no-op when it is up to date).
  try {
    prepareFerretDB();
  } catch (err) {
    const stderr = err instanceof Error ? err.message : String(err);
    return { target, ok: false, output, seconds: (Date.now() - started) / 1000, stderr };
  }
  const r = spawnSync('go', ['build', '-trimpath', '-o', output, '.'], {
    cwd: engineDir,
    env: { ...process.env, CGO_ENABLED: '0', GOOS: goos, GOARCH: goarch },
    encoding: 'utf8',
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'pipe'],
  });
  const seconds = (Date.now() - started) / 1000;
  const stderr = (r.stderr ?? '') + (r.error ? String(r.error) : '');
  const ok = r.status === 0 && existsSync(output);
  return { target, ok, output, seconds, stderr };
}

function parseArgs(argv) {
  const opts = { targets: null, cross: false, out: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--cross') opts.cross = true;
    else if (a === '--target' || a === '--targets')
      opts.targets = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (a.startsWith('--target=')) opts.targets = a.slice('--target='.length).split(',').filter(Boolean);
    else if (a === '--out') opts.out = argv[++i] ?? null;
    else if (a === '--help' || a === '-h') opts.help = true;
    else throw new Error(`unknown argument "${a}" (try --help)`);
  }
  return opts;
}

function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(String(err instanceof Error ? err.message : err));
    return 2;
  }
  if (opts.help) {
    console.log(
      'usage: node scripts/build-engine.mjs [--target os/arch[,os/arch…]] [--cross] [--out DIR]\n' +
        `installer targets: ${INSTALLER_TARGETS.join(', ')}; host: ${hostTarget()}`,
    );
    return 0;
  }
  if (!existsSync(join(engineDir, 'go.mod'))) {
    console.error('engine/go.mod not found: there is no engine to build yet.');
    return 2;
  }
  const version = goVersion();
  if (!version) {
    console.error(
      'Go is not installed: the embedded database engine cannot be built. Install Go ≥ 1.24 and run ' +
        '`npm run build:engine`, or set MONGODB_URI to use an existing MongoDB.',
    );
    return 2;
  }

  /** @type {{target: string, dir: string}[]} */
  let plan;
  let tempDir = null;
  if (opts.cross) {
    const base = opts.out ? resolve(opts.out) : (tempDir = mkdtempSync(join(tmpdir(), 'crm-engine-cross-')));
    plan = INSTALLER_TARGETS.filter((t) => t !== hostTarget()).map((t) => ({
      target: t,
      dir: join(base, t.replace('/', '-')),
    }));
  } else if (opts.targets) {
    const base = opts.out ? resolve(opts.out) : join(root, 'resources', 'bin');
    plan = opts.targets.map((t) => {
      const target = t === 'host' ? hostTarget() : t;
      return { target, dir: join(base, target.replace('/', '-')) };
    });
  } else {
    plan = [{ target: hostTarget(), dir: opts.out ? resolve(opts.out) : join(root, 'resources', 'bin') }];
  }

  try {
    console.log(prepareFerretDB());
  } catch (err) {
    console.error(`crm-engine: ${err instanceof Error ? err.message : err}`);
    return 1;
  }
  console.log(`Building crm-engine with ${version} (CGO_ENABLED=0)`);
  const results = [];
  for (const { target, dir } of plan) {
    process.stdout.write(`  ${target.padEnd(14)} … `);
    const r = buildTarget(target, dir, { quiet: true });
    results.push(r);
    if (r.ok) {
      const mb = (statSync(r.output).size / 1024 / 1024).toFixed(1);
      const rel = relative(root, r.output);
      const where = tempDir ? '(compile check)' : rel.startsWith('..') ? r.output : rel;
      console.log(`ok in ${r.seconds.toFixed(1)} s, ${mb} MB ${where}`);
    } else {
      console.log(`FAILED after ${r.seconds.toFixed(1)} s`);
      console.log(
        r.stderr
          .trim()
          .split('\n')
          .map((l) => `      ${l}`)
          .join('\n'),
      );
    }
  }
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  const failed = results.filter((r) => !r.ok).length;
  console.log(`crm-engine: ${results.length - failed} built, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
