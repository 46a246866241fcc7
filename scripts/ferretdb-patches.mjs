// The pinned FerretDB module with our patches applied: build/ferretdb, which engine/go.mod replaces
// FerretDB with. FerretDB's source stays out of the repository; our changes to it are the patch files in
// engine/patches/ (see engine/patches/README.md and docs/architecture.md, "The engine").
//
// prepareFerretDB() downloads the module through the Go module proxy, checks it against the hash pinned here
// (the one go.sum held before the replace), checks every patch against engine/patches/SHA256SUMS, copies the
// module to build/ferretdb and applies the patches in order with `git apply`. Any mismatch or a patch that
// does not apply throws with what went wrong. A stamp skips the work when nothing changed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_SUM = 'h1:trrUU0LbmusMbyubhPS1IELncvrIwKrsRT2LW1UUWCw=';
const patchesDir = join(root, 'engine', 'patches');
export const patchedDir = join(root, 'build', 'ferretdb');
const stampFile = join(patchedDir, '.crm-patches');

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** The patch files in order, each checked against SHA256SUMS. */
function checkedPatches() {
  const sums = new Map(
    readFileSync(join(patchesDir, 'SHA256SUMS'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [sum, name] = line.split(/\s+/);
        return [name, sum];
      }),
  );
  const names = readdirSync(patchesDir)
    .filter((f) => f.endsWith('.patch'))
    .sort();
  for (const name of names) {
    const actual = sha256(readFileSync(join(patchesDir, name)));
    if (sums.get(name) !== actual) {
      throw new Error(
        `engine/patches/${name}: its SHA-256 is ${actual}, SHA256SUMS says ${sums.get(name) ?? 'nothing'}. ` +
          'If you changed it on purpose, run `node scripts/ferretdb-patches.mjs --sums`.',
      );
    }
  }
  for (const name of sums.keys()) {
    if (!names.includes(name)) throw new Error(`engine/patches/${name} is in SHA256SUMS but missing`);
  }
  return names;
}

function downloadModule() {
  // Outside any module, so engine/go.mod's replace does not apply; the hash is checked here instead of by
  // the checksum database, which a network reaching only the module proxy may not reach.
  const cwd = tmpdir();
  const r = spawnSync('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GOFLAGS: '-mod=mod', GONOSUMDB: FERRETDB_MODULE, GOWORK: 'off' },
  });
  let info = {};
  try {
    info = JSON.parse(r.stdout);
  } catch {
    // reported below
  }
  if (r.status !== 0 || !info.Dir) {
    throw new Error(
      `go mod download ${FERRETDB_MODULE}@${FERRETDB_VERSION} failed: ${info.Error ?? r.stderr}`,
    );
  }
  if (info.Sum !== FERRETDB_SUM) {
    throw new Error(`${FERRETDB_MODULE}@${FERRETDB_VERSION}: hash ${info.Sum}, expected ${FERRETDB_SUM}`);
  }
  return info.Dir;
}

function makeWritable(dir) {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(path);
    else chmodSync(path, 0o644);
  }
}

/** Makes build/ferretdb the patched module; returns a line saying what it did. */
export function prepareFerretDB() {
  const names = checkedPatches();
  const stamp = sha256(
    [FERRETDB_VERSION, FERRETDB_SUM, readFileSync(join(patchesDir, 'SHA256SUMS'), 'utf8')].join('\n'),
  );
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    return `FerretDB ${FERRETDB_VERSION}: ${names.length} patches already applied (build/ferretdb)`;
  }
  const source = downloadModule();
  rmSync(patchedDir, { recursive: true, force: true });
  mkdirSync(dirname(patchedDir), { recursive: true });
  cpSync(source, patchedDir, { recursive: true });
  makeWritable(patchedDir); // the module cache is read-only
  for (const name of names) {
    const r = spawnSync('git', ['apply', '--whitespace=nowarn', join(patchesDir, name)], {
      cwd: patchedDir,
      encoding: 'utf8',
    });
    if (r.status !== 0) {
      rmSync(patchedDir, { recursive: true, force: true });
      throw new Error(
        `engine/patches/${name} does not apply to FerretDB ${FERRETDB_VERSION}: ${r.stderr || r.error}`,
      );
    }
  }
  writeFileSync(stampFile, stamp);
  return `FerretDB ${FERRETDB_VERSION}: ${names.length} patches applied (build/ferretdb)`;
}

/**
 * --diff: rewrites every patch from the files it touches as they are now in build/ferretdb (after editing
 * them there), against the pristine module, then SHA256SUMS. A new file needs a line in a patch first.
 */
function rewritePatches() {
  const source = downloadModule();
  const names = readdirSync(patchesDir)
    .filter((f) => f.endsWith('.patch'))
    .sort();
  for (const name of names) {
    const files = readFileSync(join(patchesDir, name), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('+++ b/'))
      .map((line) => line.slice('+++ b/'.length).split('\t')[0]);
    let patch = '';
    for (const file of files) {
      const before = join(source, file);
      const r = spawnSync(
        'diff',
        [
          '-uN',
          '--label',
          `a/${file}`,
          '--label',
          `b/${file}`,
          existsSync(before) ? before : '/dev/null',
          join(patchedDir, file),
        ],
        { encoding: 'utf8' },
      );
      if (r.status !== 0 && r.status !== 1) throw new Error(`diff ${file}: ${r.stderr}`);
      patch += r.stdout;
    }
    writeFileSync(join(patchesDir, name), patch);
  }
  return `${names.length} patches rewritten; ${writeSums()}`;
}

/** --sums: rewrites SHA256SUMS after a deliberate change to the patches. */
function writeSums() {
  const lines = readdirSync(patchesDir)
    .filter((f) => f.endsWith('.patch'))
    .sort()
    .map((name) => `${sha256(readFileSync(join(patchesDir, name)))}  ${name}`);
  writeFileSync(join(patchesDir, 'SHA256SUMS'), lines.join('\n') + '\n');
  return `SHA256SUMS: ${lines.length} patches`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const mode = process.argv[2];
    console.log(mode === '--diff' ? rewritePatches() : mode === '--sums' ? writeSums() : prepareFerretDB());
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  }
}
