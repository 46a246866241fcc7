// Where the Electron binary is, if this machine has it (npm does not run electron's own download: see
// scripts/postinstall.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const electronDir = join(root, 'node_modules', 'electron');

/** The binary's absolute path, or null when it was never downloaded. */
export function electronBinaryPath() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile) || !existsSync(join(electronDir, 'dist'))) return null;
  const rel = readFileSync(pathFile, 'utf8').trim();
  const bin = join(electronDir, 'dist', rel);
  return rel !== '' && existsSync(bin) ? bin : null;
}

export const NO_ELECTRON_MESSAGE =
  "Electron's binary could not be downloaded here: the desktop window is unavailable on this machine; " +
  'the station (npm run station) still works.';
