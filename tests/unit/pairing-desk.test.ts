import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as proof from '../../electron/core/security/pairing-proof';
import { openDeviceRegistry } from '../../electron/core/station/lan/device-registry';
import { createPairingDesk, PAIRING_CODE_LIFETIME_MS } from '../../electron/core/station/lan/pairing-desk';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function desk() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-desk-'));
  dirs.push(dir);
  const devices = await openDeviceRegistry(dir);
  let now = 1_000_000;
  const ca = { pem: 'PEM', fingerprint: 'ab'.repeat(32) };
  return {
    dir,
    devices,
    ca,
    desk: createPairingDesk(ca, devices, () => now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

async function hello(d: Awaited<ReturnType<typeof desk>>, code: string, ip = '10.0.0.9') {
  const key = await proof.pairingKey(code);
  const nonce = proof.newNonce();
  return { key, nonce, answer: await d.desk.hello(ip, nonce, proof.helloProof(key, nonce)) };
}

describe('pairing codes', () => {
  it('reads a code however it is typed, and refuses what cannot be one', () => {
    expect(proof.normalizePairingCode(' abcde fghjk ')).toBe('ABCDE-FGHJK');
    expect(proof.normalizePairingCode('ABCDE-FGHJ')).toBeUndefined();
    expect(proof.normalizePairingCode('ABCDE-FGHJ0')).toBeUndefined(); // 0 is not in the alphabet
  });

  it("answers the station's proof over its CA's fingerprint, then a device token once", async () => {
    const d = await desk();
    const { code } = d.desk.offer('Office (School)');
    const { key, nonce, answer } = await hello(d, code);
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(proof.sameProof(answer.data.proof, proof.stationProof(key, d.ca.fingerprint, nonce))).toBe(true);
    expect(proof.sameProof(answer.data.proof, proof.stationProof(key, 'cd'.repeat(32), nonce))).toBe(false);
    const done = await d.desk.complete('10.0.0.9', nonce, proof.completeProof(key, nonce), 'Laptop');
    expect(done.ok).toBe(true);
    if (!done.ok) return;
    expect(d.devices.verify(done.data.deviceToken)).toMatchObject({
      name: 'Laptop',
      pairedBy: 'Office (School)',
    });
    // Single use: the same code again finds nothing open.
    expect((await hello(d, code)).answer).toMatchObject({ ok: false, status: 403 });
    expect(statSync(path.join(d.dir, 'devices.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses an expired code', async () => {
    const d = await desk();
    const { code } = d.desk.offer('Office');
    d.advance(PAIRING_CODE_LIFETIME_MS + 1);
    expect((await hello(d, code)).answer).toMatchObject({
      ok: false,
      message: expect.stringMatching(/No pairing code/) as unknown,
    });
  });

  it('voids the code after 5 wrong tries', async () => {
    const d = await desk();
    const { code } = d.desk.offer('Office');
    const wrong = code.startsWith('2') ? `3${code.slice(1)}` : `2${code.slice(1)}`;
    for (let i = 0; i < 5; i++) expect((await hello(d, wrong, `10.0.0.${i}`)).answer.ok).toBe(false);
    expect((await hello(d, code, '10.0.0.50')).answer).toMatchObject({ ok: false, status: 403 });
  });

  it('does not complete without a proven hello, and rate-limits each address', async () => {
    const d = await desk();
    const { code } = d.desk.offer('Office');
    const key = await proof.pairingKey(code);
    const nonce = proof.newNonce();
    expect((await d.desk.complete('10.0.0.9', nonce, proof.completeProof(key, nonce), 'X')).ok).toBe(false);
    for (let i = 0; i < 10; i++)
      await d.desk.complete('10.0.0.7', nonce, proof.completeProof(key, nonce), 'X');
    expect(await d.desk.complete('10.0.0.7', nonce, proof.completeProof(key, nonce), 'X')).toMatchObject({
      status: 429,
    });
  });

  it('refuses a revoked device at once', async () => {
    const d = await desk();
    const device = await d.devices.add('Laptop', 'Office');
    expect(d.devices.verify(device.token)).toBeDefined();
    await d.devices.revoke(device.id);
    expect(d.devices.verify(device.token)).toBeUndefined();
    // And after a restart.
    expect((await openDeviceRegistry(d.dir)).verify(device.token)).toBeUndefined();
  });
});
