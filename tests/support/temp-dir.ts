import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway directory directly under the system temp folder. When tests run as root the engine hands it to
 * the unprivileged account that runs PostgreSQL, which can traverse /tmp but not a nested 0700 folder.
 */
export function makeTempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
