import path from 'node:path';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { _electron as electron } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/station';
import { makeTempDir } from '../support/temp-dir';

/** The Electron binary, when this machine could download it (npm install tries; see scripts/postinstall.mjs). */
function electronBinary(): string | undefined {
  try {
    const dir = path.dirname(
      createRequire(path.join(repoRoot, 'package.json')).resolve('electron/package.json'),
    );
    const rel = readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const bin = path.join(dir, 'dist', rel);
    return rel && existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
const skipReason = 'the Electron binary is not installed on this machine (its download is blocked here)';
if (!binary) console.log(`Electron launch test skipped: ${skipReason}.`);

const temp = makeTempDir('crm-e2e-electron');
afterAll(() => temp.remove());

describe.skipIf(!binary)(`desktop app (Electron)${binary ? '' : ` — skipped: ${skipReason}`}`, () => {
  it('opens a secure window that shows the engine state, and stops the engine on quit', async () => {
    const app = await electron.launch({
      executablePath: binary,
      args: [path.join(repoRoot, 'out', 'main', 'index.js'), '--no-sandbox'],
      env: { ...process.env, CRM_DATA_DIR: temp.dir, MONGODB_URI: '' },
    });
    const window = await app.firstWindow();
    const status = window.getByTestId('engine-state');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    const exposed = await window.evaluate(() =>
      Object.keys((window as unknown as { crm: object }).crm).sort(),
    );
    expect(exposed).toEqual(['invoke', 'on']);
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
    await app.close();
  });
});
