import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { EJSON } from 'bson';
import { decodeRpc, encodeRpc } from '../../shared/rpc-encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processesMentioning, waitFor } from '../support/processes';
import { startStationProcess, type StationProcess } from '../support/station';
import { makeTempDir } from '../support/temp-dir';

const temp = makeTempDir('crm-station');
let stationProcess: StationProcess;
let station: ChildProcess;
let baseUrl: string;
const healthCodes: number[] = [];

beforeAll(async () => {
  stationProcess = await startStationProcess(temp.dir);
  station = stationProcess.child;
  baseUrl = stationProcess.url;
});

afterAll(() => {
  if (station.exitCode === null) station.kill('SIGKILL');
  temp.remove();
});

async function rpc(channel: string, input: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}/api/rpc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: EJSON.stringify(input, { relaxed: false }),
  });
  return {
    status: res.status,
    body: EJSON.parse(await res.text(), { relaxed: false }) as Record<string, unknown>,
  };
}

describe('station server (real engine, real HTTP)', () => {
  it('answers /api/health 503 while the engine starts, then 200 within 30 s', async () => {
    const started = Date.now();
    await waitFor(
      'health 200',
      async () => {
        const res = await fetch(`${baseUrl}/api/health`);
        healthCodes.push(res.status);
        return res.status === 200 ? res : undefined;
      },
      30_000,
      50,
    );
    expect(healthCodes[0]).toBe(503);
    expect(healthCodes.at(-1)).toBe(200);
    expect(Date.now() - started).toBeLessThan(30_000);
    const body = (await (await fetch(`${baseUrl}/api/health`)).json()) as {
      engine: { state: string; mode: string };
    };
    expect(body.engine).toMatchObject({ state: 'ready', mode: 'embedded' });
  });

  it('serves the built renderer at / with a Content-Security-Policy', async () => {
    const res = await fetch(`${baseUrl}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("form-action 'none'");
    expect(await res.text()).toContain('<div id="root">');
    // Client-side routes fall back to the app; files outside the renderer are never served.
    expect((await fetch(`${baseUrl}/admin/users`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/..%2f..%2fpackage.json`)).status).not.toBe(200);
  });

  it('answers a malformed %-escape in the channel with 400, not 500', async () => {
    const res = await fetch(`${baseUrl}/api/rpc/system.%E0%A4%A`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('runs system.ping over EJSON and maps errors to HTTP statuses', async () => {
    const ping = await rpc('system.ping', {});
    expect(ping.status).toBe(200);
    expect(ping.body).toMatchObject({ ok: true, data: { pong: true } });
    expect((ping.body.data as { time: unknown }).time).toBeInstanceOf(Date);

    expect((await rpc('no.such', {})).status).toBe(404);
    const junk = await rpc('system.ping', { $where: 'sleep(1000)' });
    expect(junk.status).toBe(400);
    expect(junk.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const bad = await fetch(`${baseUrl}/api/rpc/system.ping`, { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
  });

  it('registers, signs in and answers with the Bearer token over HTTP; bytes survive both ways', async () => {
    const username = `http_${Date.now().toString(36)}`;
    const registered = await rpc('auth.registerInstitution', {
      username,
      password: 'school2025',
      name: 'Office',
      institutionName: 'HTTP School',
    });
    expect(registered.status).toBe(200);
    const login = await rpc('auth.login', { username, password: 'school2025' });
    expect(login.status).toBe(200);
    const { token, expiresAt } = (login.body as { data: { token: string; expiresAt: Date } }).data;
    expect(expiresAt).toBeInstanceOf(Date);
    const me = await rpc('auth.me', {}, { authorization: `Bearer ${token}` });
    expect(me.body).toMatchObject({ ok: true, data: { user: { role: 'admin', username } } });
    expect((await rpc('auth.me', {})).status).toBe(401);
    expect(
      (await rpc('users.create', { role: 'teacher' }, { authorization: `Bearer ${token}` })).status,
    ).toBe(400);

    // A WebM header, then 300 kB of varied bytes.
    const bytes = new Uint8Array(300_000).map((_, i) => [0x1a, 0x45, 0xdf, 0xa3][i] ?? (i * 31) % 256);
    const upload = await fetch(`${baseUrl}/api/rpc/files.upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: encodeRpc({
        name: 'note.webm',
        mimeType: 'audio/webm',
        data: bytes,
        purpose: 'audio',
        durationSeconds: 3,
      }),
    });
    expect(upload.status).toBe(200);
    const { id } = (decodeRpc(await upload.text()) as { data: { id: string } }).data;
    const got = await fetch(`${baseUrl}/api/rpc/files.get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: encodeRpc({ id }),
    });
    const file = (decodeRpc(await got.text()) as { data: { data: Uint8Array; name: string } }).data;
    expect(file.name).toBe('note.webm');
    expect(Buffer.from(file.data).equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuses requests for another host name and from another origin', async () => {
    const foreignOrigin = await rpc('system.ping', {}, { origin: 'http://evil.example' });
    expect(foreignOrigin.status).toBe(403);
    // fetch() will not send a foreign Host header; a raw request does, as a DNS-rebinding page would.
    const rebindingStatus = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${baseUrl}/api/health`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
    expect(rebindingStatus).toBe(421);
  });

  it('stops the engine and itself on SIGTERM, leaving no process behind', async () => {
    expect(processesMentioning(temp.dir).length).toBeGreaterThanOrEqual(2);
    const exited = new Promise<number | null>((resolve) => station.once('exit', (code) => resolve(code)));
    station.kill('SIGTERM');
    expect(await exited).toBe(0);
    await waitFor('engine gone', () => processesMentioning(temp.dir).length === 0, 10_000);
  });
});
