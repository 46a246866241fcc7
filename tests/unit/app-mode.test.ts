import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretStore } from '../../electron/core/security/secret-store';
import { answerAppCall, type AppCallContext } from '../../electron/main/app-calls';
import { readModeSettings } from '../../electron/main/app-mode';
import { isAppCall } from '../../shared/app-mode';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function context(): Promise<AppCallContext & { restarts: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-mode-'));
  dirs.push(dir);
  const secrets = await createSecretStore({
    service: 'smart-crm-test',
    fallbackDir: dir,
    keychain: false,
    warn: () => undefined,
  });
  const ctx = {
    dir,
    settings: await readModeSettings(dir),
    secrets,
    restarts: 0,
    restart: () => {
      ctx.restarts += 1;
    },
  };
  return ctx;
}

describe("the desktop app's mode", () => {
  it('starts standalone and says so', async () => {
    const ctx = await context();
    expect(await answerAppCall('app.mode', {}, ctx)).toEqual({ ok: true, data: { mode: 'standalone' } });
    expect(isAppCall('app.mode') && !isAppCall('users.list')).toBe(true);
  });

  it('saves a new mode (owner-only) and restarts into it', async () => {
    const ctx = await context();
    const result = await answerAppCall(
      'app.setMode',
      { mode: 'station', network: { on: true, port: 4780 } },
      ctx,
    );
    expect(result).toEqual({ ok: true, data: { mode: 'station' } });
    expect(ctx.restarts).toBe(1);
    expect(await readModeSettings(ctx.dir)).toEqual({ mode: 'station', network: { on: true, port: 4780 } });
    expect(statSync(path.join(ctx.dir, 'mode.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(ctx.dir, 'mode.json'), 'utf8')).not.toMatch(/token/i);
  });

  it('refuses connected mode before pairing, junk input, and an unreachable station', async () => {
    const ctx = await context();
    expect(await answerAppCall('app.setMode', { mode: 'connected' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await answerAppCall('app.setMode', { mode: 'cloud' }, ctx)).toMatchObject({ ok: false });
    expect(
      await answerAppCall('app.connect', { address: 'x', code: 'ABCDE-FGHJK', extra: 1 }, ctx),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const bad = await answerAppCall('app.connect', { address: 'http://10.0.0.5', code: 'ABCDE-FGHJK' }, ctx);
    expect(bad).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(!bad.ok && bad.error.message).toMatch(/https/);
    expect(ctx.restarts).toBe(0);
  });
});
