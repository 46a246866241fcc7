/**
 * The station on the school's network, as real processes on loopback addresses: the station (network mode)
 * on 127.0.0.2, this test process as the connected app on 127.0.0.1, a machine in the middle on 127.0.0.3.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer, request as httpsRequest, type Server } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { EJSON } from 'bson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectedCore } from '../../electron/core/connected/connected-core';
import { pairWithStation, PairingError, type Pairing } from '../../electron/core/connected/pairing';
import {
  callStation,
  CertificateChanged,
  closeLink,
  DeviceRevoked,
  type StationLink,
} from '../../electron/core/connected/station-link';
import { findEngineBinary } from '../../electron/core/engine/locate';
import { EventRelay } from '../../electron/main/event-relay';
import { SessionTokens } from '../../electron/main/session-tokens';
import type { CrmLiveMessage } from '../../shared/bridge';
import { decodeRpc } from '../../shared/rpc-encoding';
import { randomBytes } from 'node:crypto';
import { waitFor } from '../support/processes';
import { startStationProcess, type StationProcess } from '../support/station';
import { makeTempDir } from '../support/temp-dir';

const STATION_IP = '127.0.0.2';
const CLIENT_IP = '127.0.0.1';
const OTHER_LAPTOP_IP = '127.0.0.4';
const STAFF_ROOM_IP = '127.0.0.5';
const temp = makeTempDir('crm-lan');
// Directly under the temp folder: PostgreSQL's account (tests as root) cannot pass a nested 0700 folder.
const data = makeTempDir('crm-lan-engine');
const dataDir = data.dir;
const networkDir = path.join(temp.dir, 'network');
let port: number;
let station: StationProcess;
let stationUrl: string;
let caPem: string;
const links: StationLink[] = [];

async function freePort(host: string): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port: p } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return p;
}

async function startStation(): Promise<void> {
  station = await startStationProcess(dataDir, {
    CRM_LAN: '1',
    CRM_HOST: STATION_IP,
    CRM_PORT: String(port),
    CRM_LOCAL_PORT: '0',
    CRM_NETWORK_DIR: networkDir,
  });
  await waitFor(
    'the station ready',
    async () =>
      (await fetch(`${station.localUrl}/api/health`).catch(() => undefined))?.status === 200
        ? true
        : undefined,
    60_000,
    100,
  );
}

/** The admin at the station's own computer (the loopback door). */
async function local<T = Record<string, unknown>>(
  channel: string,
  input: unknown,
  token?: string,
): Promise<T> {
  const res = await fetch(`${station.localUrl}/api/rpc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: EJSON.stringify(input, { relaxed: false }),
  });
  const body = EJSON.parse(await res.text(), { relaxed: false }) as { ok: boolean; data: T; error?: unknown };
  if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.data;
}

async function ok<T = Record<string, unknown>>(
  link: StationLink,
  channel: string,
  input: unknown,
  token?: string,
): Promise<T> {
  const result = await callStation(link, channel, input, { token });
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.data as T;
}

function linkOf(pairing: Pairing, localAddress = CLIENT_IP): StationLink {
  const link = { url: pairing.url, caPem: pairing.caPem, deviceToken: pairing.deviceToken, localAddress };
  links.push(link);
  return link;
}

const admin = { username: `lan_${Date.now().toString(36)}`, password: 'school2025' };

/** Signs `who` in to the suite's institution through a connected core; the session token. */
async function signInThrough(
  core: ConnectedCore,
  who: { username: string; password: string },
): Promise<string> {
  const r = await core.invoke('auth.login', { institution: admin.username, ...who }, undefined);
  if (!r.ok) throw new Error(r.error.message);
  return (r.data as { token: string }).token;
}
let adminToken: string;

beforeAll(async () => {
  port = await freePort(STATION_IP);
  await startStation();
  stationUrl = `https://${STATION_IP}:${port}`;
  caPem = readFileSync(path.join(networkDir, 'tls', 'ca.pem'), 'utf8');
  await local('auth.registerInstitution', { ...admin, name: 'Office', institutionName: 'LAN School' });
  adminToken = (await local<{ token: string }>('auth.login', admin)).token;
});

afterAll(async () => {
  for (const link of links) closeLink(link);
  await station?.stop();
  temp.remove();
  data.remove();
});

/** A TLS request to the station trusting `ca`; resolves the status, or rejects with the TLS error. */
function httpsStatus(
  ca: string,
  pathName: string,
  headers: Record<string, string> = {},
  maxVersion?: 'TLSv1.1',
): Promise<number> {
  // A forged Host header must reach the station's host check, not stop at the certificate's name check.
  const forgedHost = headers.host !== undefined;
  return new Promise((resolve, reject) => {
    const req = httpsRequest(`${stationUrl}${pathName}`, {
      ca,
      agent: false,
      localAddress: CLIENT_IP,
      headers,
      ...(maxVersion ? { maxVersion, minVersion: 'TLSv1' as const } : {}),
      ...(forgedHost ? { checkServerIdentity: () => undefined } : {}),
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the station in network mode', () => {
  it('serves HTTPS (TLS 1.2+) with a certificate from its own CA naming its address, and no plain HTTP', async () => {
    expect(station.url).toBe(stationUrl);
    expect(await httpsStatus(caPem, '/api/health')).toBe(200);
    // Without the station's CA the connection is not trusted.
    await expect(httpsStatus('', '/api/health')).rejects.toThrow();
    await expect(httpsStatus(caPem, '/api/health', {}, 'TLSv1.1')).rejects.toThrow();
    // Plain HTTP to the network port gets no HTTP answer.
    await expect(fetch(`http://${STATION_IP}:${port}/api/health`)).rejects.toThrow();
    // The host check: the station's own address passes, another name is refused.
    expect(await httpsStatus(caPem, '/api/health', { host: 'evil.example' })).toBe(421);
    // The CA and its key are owner-only.
    for (const file of ['ca.pem', 'ca-key.pem', 'server-key.pem']) {
      expect(
        execFileSync('stat', ['-c', '%a', path.join(networkDir, 'tls', file)])
          .toString()
          .trim(),
      ).toBe('600');
    }
  });

  it('refuses RPC from an unpaired computer and from a browser while browsers are off', async () => {
    const stranger: StationLink = {
      url: stationUrl,
      caPem,
      deviceToken: 'dev_nobody',
      localAddress: CLIENT_IP,
    };
    links.push(stranger);
    await expect(callStation(stranger, 'system.ping', {})).rejects.toBeInstanceOf(DeviceRevoked);
    expect(await httpsStatus(caPem, '/api/rpc/system.ping')).toBe(405); // RPC is POST only
    const browser = await fetchJson(caPem, '/api/rpc/system.ping');
    expect(browser.status).toBe(403);
  });
});

/** POSTs `{}` the way a browser would (no device token). */
function fetchJson(ca: string, pathName: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(`${stationUrl}${pathName}`, {
      method: 'POST',
      ca,
      agent: false,
      localAddress: CLIENT_IP,
      headers: { 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

/** A machine in the middle on 127.0.0.3 with a CA of its own: relays to the station, or also swaps the CA. */
async function startMitm(mode: 'relay' | 'swap-ca'): Promise<{ url: string; close: () => Promise<void> }> {
  const engineBin = findEngineBinary();
  if (!engineBin) throw new Error('crm-engine is not built');
  const dir = path.join(temp.dir, `mitm-${mode}`);
  execFileSync(engineBin, ['certs', '--dir', dir, '--names', '127.0.0.3']);
  const mitmCa = readFileSync(path.join(dir, 'ca.pem'), 'utf8');
  const server: Server = createHttpsServer(
    { key: readFileSync(path.join(dir, 'server-key.pem')), cert: readFileSync(path.join(dir, 'server.pem')) },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const upstream = httpsRequest(`${stationUrl}${req.url}`, {
          method: req.method,
          rejectUnauthorized: false,
          agent: false,
          localAddress: '127.0.0.3',
          headers: { 'content-type': 'application/json' },
        });
        upstream.on('response', (answer) => {
          const back: Buffer[] = [];
          answer.on('data', (c: Buffer) => back.push(c));
          answer.on('end', () => {
            let text = Buffer.concat(back).toString();
            if (mode === 'swap-ca' && text.includes('BEGIN CERTIFICATE')) {
              const parsed = JSON.parse(text) as { data: { ca: string } };
              parsed.data.ca = mitmCa;
              text = JSON.stringify(parsed);
            }
            res.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json' }).end(text);
          });
        });
        upstream.on('error', () => res.writeHead(502).end());
        upstream.end(Buffer.concat(chunks));
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.3', resolve));
  const { port: p } = server.address() as { port: number };
  return {
    url: `https://127.0.0.3:${p}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('pairing', () => {
  let pairing: Pairing;

  it('voids a code after 5 wrong tries: the sixth, with the right code, is refused', async () => {
    const { code } = await local<{ code: string }>('devices.add', {}, adminToken);
    const wrong = code.startsWith('2') ? `3${code.slice(1)}` : `2${code.slice(1)}`;
    for (let i = 1; i <= 5; i++) {
      await expect(
        pairWithStation({ address: stationUrl, code: wrong, name: 'Laptop', localAddress: CLIENT_IP }),
      ).rejects.toThrow(i < 5 ? /not right/ : /void/);
    }
    await expect(
      pairWithStation({ address: stationUrl, code, name: 'Laptop', localAddress: CLIENT_IP }),
    ).rejects.toThrow(/No pairing code is open/);
  });

  it('refuses a machine in the middle, whether it relays the station or shows its own CA', async () => {
    const { code } = await local<{ code: string }>('devices.add', {}, adminToken);
    for (const mode of ['relay', 'swap-ca'] as const) {
      const mitm = await startMitm(mode);
      try {
        const attempt = pairWithStation({ address: mitm.url, code, name: 'Laptop', localAddress: CLIENT_IP });
        await expect(attempt).rejects.toBeInstanceOf(PairingError);
        await expect(attempt).rejects.toThrow(/pretending/);
      } finally {
        await mitm.close();
      }
    }
    // No device was made for it.
    expect((await local<{ devices: unknown[] }>('devices.list', {}, adminToken)).devices).toHaveLength(0);
  });

  it('pairs with the right code, pins the station CA, and the code is then used up', async () => {
    const { code, addresses } = await local<{ code: string; addresses: string[] }>(
      'devices.add',
      {},
      adminToken,
    );
    expect(addresses).toContain(stationUrl);
    pairing = await pairWithStation({
      address: `${STATION_IP}:${port}`,
      code: code.toLowerCase(),
      name: 'Office PC 2',
      localAddress: CLIENT_IP,
    });
    expect(pairing.caPem).toBe(caPem);
    const link = linkOf(pairing);
    expect(await ok(link, 'system.ping', {})).toMatchObject({ pong: true });
    const login = await ok<{ token: string }>(link, 'auth.login', admin);
    expect(await ok(link, 'auth.me', {}, login.token)).toMatchObject({ user: { username: admin.username } });
    await expect(
      pairWithStation({ address: stationUrl, code, name: 'Again', localAddress: CLIENT_IP }),
    ).rejects.toThrow(/No pairing code is open/);
    const { devices } = await local<{
      devices: Array<{ name: string; pairedBy: string; lastSeenAt?: Date }>;
    }>('devices.list', {}, adminToken);
    expect(devices).toEqual([
      expect.objectContaining({ name: 'Office PC 2', pairedBy: 'Office (LAN School)' }),
    ]);
    expect(devices[0]?.lastSeenAt).toBeInstanceOf(Date);
  });

  it('refuses the station when another CA is pinned: a changed certificate', async () => {
    const engineBin = findEngineBinary() ?? '';
    const otherDir = path.join(temp.dir, 'other-ca');
    execFileSync(engineBin, ['certs', '--dir', otherDir, '--names', STATION_IP]);
    const wrongPin = linkOf({ ...pairing, caPem: readFileSync(path.join(otherDir, 'ca.pem'), 'utf8') });
    await expect(callStation(wrongPin, 'system.ping', {})).rejects.toBeInstanceOf(CertificateChanged);
    await expect(callStation(wrongPin, 'system.ping', {})).rejects.toThrow(
      /not the one this computer was paired with/,
    );
  });

  it("refuses a revoked device's very next call", async () => {
    const { code } = await local<{ code: string }>('devices.add', {}, adminToken);
    const second = await pairWithStation({
      address: stationUrl,
      code,
      name: 'Lab laptop',
      // Another laptop's address: pairing allows each address 10 requests a minute.
      localAddress: OTHER_LAPTOP_IP,
    });
    const link = linkOf(second);
    expect(await ok(link, 'system.ping', {})).toMatchObject({ pong: true });
    await local('devices.revoke', { id: second.deviceId }, adminToken);
    await expect(callStation(link, 'system.ping', {})).rejects.toBeInstanceOf(DeviceRevoked);
    // The first device is untouched.
    expect(await ok(linkOf(pairing), 'system.ping', {})).toMatchObject({ pong: true });
  });

  it('lets browsers in only when the admin allows them, and explains how to trust the certificate', async () => {
    expect((await fetchJson(caPem, '/api/rpc/system.ping')).status).toBe(403);
    await local('devices.setBrowsers', { allowed: true }, adminToken);
    expect((await fetchJson(caPem, '/api/rpc/system.ping')).status).toBe(200);
    await local('devices.setBrowsers', { allowed: false }, adminToken);
    expect((await fetchJson(caPem, '/api/rpc/system.ping')).status).toBe(403);
    expect(await httpsStatus(caPem, '/trust')).toBe(200);
    expect(await httpsStatus(caPem, '/api/lan/ca.pem')).toBe(200);
  });
});

describe('pushed events in a connected app', () => {
  it("relays the station's events to the window within 1 s, resumes a dropped stream without losses, and ends at sign-out", async () => {
    const teacher = { username: 'teacher_live', password: 'teach1234' };
    const t = await local<{ id: string }>(
      'users.create',
      { role: 'teacher', name: 'Mr Iyer', ...teacher },
      adminToken,
    );
    const { code } = await local<{ code: string }>('devices.add', {}, adminToken);
    const pairing = await pairWithStation({
      address: stationUrl,
      code,
      name: 'Staff room PC',
      // Another computer's address: pairing allows each address 10 requests a minute.
      localAddress: STAFF_ROOM_IP,
    });
    const link = linkOf(pairing, STAFF_ROOM_IP);
    const core = await ConnectedCore.start({
      link,
      dir: path.join(temp.dir, 'live-client'),
      key: randomBytes(32),
      streamRetryMs: 2_000,
    });
    // The main process's part, as electron/main/index.ts does it: the window's token and its relayed stream.
    const WINDOW = 1;
    const tokens = new SessionTokens();
    const relayed: Array<{ message: CrmLiveMessage; at: number }> = [];
    const relay = new EventRelay(
      (token, sink) => Promise.resolve(core.openEvents(token, sink)),
      (_contentsId, message) => relayed.push({ message, at: Date.now() }),
    );
    const call = async (channel: string, input: unknown) => {
      const result = await core.invoke(channel, input, tokens.get(WINDOW));
      tokens.observe(WINDOW, channel, result);
      relay.update(WINDOW, tokens.get(WINDOW));
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.data;
    };
    const kinds = (): string[] => relayed.map((r) => r.message.kind);
    const count = (kind: CrmLiveMessage['kind']): number => kinds().filter((k) => k === kind).length;
    const eventOf = async (messageId: string) =>
      waitFor(
        `the event of ${messageId}`,
        () =>
          relayed.find(
            (r) =>
              r.message.kind === 'event' &&
              (r.message.event.data as { messageId?: string }).messageId === messageId,
          ),
        5_000,
        10,
      );
    const send = (message: string) =>
      local<{ id: string }>('messages.send', { receiverId: t.id, message }, adminToken);
    try {
      await call('auth.login', { institution: admin.username, ...teacher });
      await waitFor('the stream up', () => (count('ready') === 1 ? true : undefined), 5_000, 10);
      expect(relayed[0]?.message).toEqual({ kind: 'ready', resync: false });

      // An event published on the station reaches the relay by push within 1 s.
      const sentAt = Date.now();
      const first = await send('Timetable changed');
      const got = await eventOf(first.id);
      expect(got.at - sentAt).toBeLessThan(1_000);
      expect(got.message).toMatchObject({
        kind: 'event',
        event: { name: 'message.new', data: { messageId: first.id, receiverId: t.id } },
      });

      // The line drops; what the station publishes meanwhile arrives after the reconnect (Last-Event-ID).
      closeLink(link);
      await waitFor('the drop seen', () => (count('dropped') === 1 ? true : undefined), 5_000, 10);
      const missed = [await send('one'), await send('two'), await send('three')];
      const sentBy = Date.now();
      for (const m of missed) await eventOf(m.id);
      const again = relayed.filter((r) => r.message.kind === 'ready')[1];
      expect(again?.message).toEqual({ kind: 'ready', resync: false });
      expect(again?.at).toBeGreaterThanOrEqual(sentBy);
      const events = relayed.flatMap((r) => (r.message.kind === 'event' ? [r.message.event] : []));
      expect(events.map((e) => (e.data as { messageId: string }).messageId)).toEqual([
        first.id,
        ...missed.map((m) => m.id),
      ]);
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);

      // Signing out in the window closes its stream: nothing more is relayed.
      await call('auth.logout', {});
      const before = relayed.length;
      await send('after sign-out');
      await new Promise((r) => setTimeout(r, 1_000));
      expect(relayed.length).toBe(before);

      // A session ended elsewhere (here: signed out from another computer) ends the stream for good.
      await call('auth.login', { institution: admin.username, ...teacher });
      await waitFor('the stream up again', () => (count('ready') === 3 ? true : undefined), 5_000, 10);
      await local('auth.logout', {}, tokens.get(WINDOW));
      await waitFor('the end relayed', () => (count('ended') === 1 ? true : undefined), 5_000, 10);
      const ended = relayed.length;
      await new Promise((r) => setTimeout(r, 3_000)); // past the first retry: no reopening
      expect(relayed.slice(ended)).toEqual([]);
    } finally {
      relay.forget(WINDOW);
      core.close();
    }
  });
});

describe('the outbox of a connected app', () => {
  it('sends what was made while the station was down, in order and exactly once, even when answers are lost', async () => {
    // A teacher, a student in the teacher's class, an assignment.
    const teacher = { username: 'teacher_lan', password: 'teach1234' };
    const student = { username: 'student_lan', password: 'learn1234' };
    const t = await local<{ id: string }>(
      'users.create',
      { role: 'teacher', name: 'Ms Rao', ...teacher },
      adminToken,
    );
    const s = await local<{ id: string }>(
      'users.create',
      { role: 'student', name: 'Asha', ...student },
      adminToken,
    );
    const cls = await local<{ id: string }>(
      'classes.create',
      { name: 'Class 7-A', grade: 7, section: 'A', teacherId: t.id },
      adminToken,
    );
    await local('classes.addStudents', { classId: cls.id, studentIds: [s.id] }, adminToken);

    const { code } = await local<{ code: string }>('devices.add', {}, adminToken);
    const pairing = await pairWithStation({
      address: stationUrl,
      code,
      name: 'Home laptop',
      // Another laptop's address: pairing allows each address 10 requests a minute.
      localAddress: OTHER_LAPTOP_IP,
    });
    const cut = new Set<string>();
    const core = await ConnectedCore.start({
      link: linkOf(pairing),
      dir: path.join(temp.dir, 'client'),
      key: randomBytes(32),
      probeEveryMs: 200,
      unreachableAfterMs: 1_000,
      // The first delivery of the message and of the hand-in: the station writes, the answer is lost.
      deliveryHook: (entry, cutNow) => {
        if (
          (entry.channel === 'messages.send' || entry.channel === 'assignments.submit') &&
          !cut.has(entry.channel)
        ) {
          cut.add(entry.channel);
          cutNow();
        }
      },
    });
    try {
      const login = (who: { username: string; password: string }) => signInThrough(core, who);
      const teacherToken = await login(teacher);
      const studentToken = await login(student);
      const due = new Date(Date.now() + 7 * 86_400_000);
      const assignment = await core.invoke(
        'assignments.create',
        { title: 'Poem', classIds: [cls.id], dueDate: due },
        teacherToken,
      );
      if (!assignment.ok) throw new Error(assignment.error.message);
      const assignmentId = (assignment.data as { id: string }).id;
      // Read while connected: stays readable, marked "as of", while the station is away.
      expect((await core.invoke('assignments.list', {}, studentToken)).ok).toBe(true);

      await station.stop();
      const first = await core.invoke('messages.send', { receiverId: s.id, message: 'First' }, teacherToken);
      expect(!first.ok && first.error).toMatchObject({ code: 'UNAVAILABLE' });
      expect(!first.ok && first.error.message).toMatch(/Waiting to send/);
      const upload = await core.invoke(
        'files.upload',
        {
          name: 'poem.pdf',
          mimeType: 'application/pdf',
          data: new Uint8Array(Buffer.from('%PDF-1.4\n% a poem\n')),
          purpose: 'submission',
        },
        studentToken,
      );
      if (!upload.ok) throw new Error(upload.error.message);
      const fileId = (upload.data as { id: string }).id;
      const handIn = await core.invoke('assignments.submit', { assignmentId, files: [fileId] }, studentToken);
      expect(!handIn.ok && handIn.error.message).toMatch(/Waiting to send/);
      await core.invoke('messages.send', { receiverId: s.id, message: 'Second' }, teacherToken);
      expect(core.state().outbox.map((e) => e.channel)).toEqual([
        'messages.send',
        'files.upload',
        'assignments.submit',
        'messages.send',
      ]);
      // Last-seen reads answer; others say the station is out of reach.
      const seen = await core.invoke('assignments.list', {}, studentToken);
      expect(seen.ok).toBe(true);
      // The answer says when it was read: the page marks itself "as of HH:MM".
      expect(seen.ok && seen.asOf).toBeInstanceOf(Date);
      expect(core.state().asOf).toBeInstanceOf(Date);
      const other = await core.invoke('users.list', {}, teacherToken);
      expect(!other.ok && other.error.code).toBe('UNAVAILABLE');
      expect(!other.ok && other.error.message).toMatch(/out of reach/);
      await waitFor(
        'unreachable',
        () => (core.state().state === 'unreachable' ? true : undefined),
        10_000,
        50,
      );

      await startStation();
      await waitFor(
        'the outbox sent',
        () => (core.state().outbox.length === 0 && core.state().state === 'connected' ? true : undefined),
        60_000,
        100,
      );
      expect([...cut].sort()).toEqual(['assignments.submit', 'messages.send']);
      expect(core.state().failed).toEqual([]);

      const thread = await core.invoke('messages.thread', { userId: t.id }, studentToken);
      expect(
        thread.ok && (thread.data as { items: Array<{ message?: string }> }).items.map((m) => m.message),
      ).toEqual(['First', 'Second']);
      const view = await core.invoke('assignments.get', { id: assignmentId }, teacherToken);
      if (!view.ok) throw new Error(view.error.message);
      const submissions =
        (
          view.data as {
            submissions?: Array<{ studentId: string; status: string; files: Array<{ name: string }> }>;
          }
        ).submissions ?? [];
      expect(submissions.filter((x) => x.status === 'submitted')).toEqual([
        expect.objectContaining({ studentId: s.id, files: [expect.objectContaining({ name: 'poem.pdf' })] }),
      ]);
    } finally {
      core.close();
    }
  });

  it('keeps a register saved while the station is down, and delivers it exactly once though the answer is lost', async () => {
    const teacher = { username: 'register_lan', password: 'teach1234' };
    const t = await local<{ id: string }>(
      'users.create',
      { role: 'teacher', name: 'Mr Iyer', ...teacher },
      adminToken,
    );
    const students = [];
    for (const name of ['Ravi', 'Sara']) {
      students.push(
        await local<{ id: string }>(
          'users.create',
          { role: 'student', name, username: `${name.toLowerCase()}_lan`, password: 'learn1234' },
          adminToken,
        ),
      );
    }
    const cls = await local<{ id: string }>(
      'classes.create',
      { name: 'Class 8-R', grade: 8, section: 'R', teacherId: t.id },
      adminToken,
    );
    await local(
      'classes.addStudents',
      { classId: cls.id, studentIds: students.map((x) => x.id) },
      adminToken,
    );

    const { code } = await local<{ code: string }>('devices.add', {}, adminToken);
    const pairing = await pairWithStation({
      address: stationUrl,
      code,
      name: 'Staff room laptop',
      localAddress: OTHER_LAPTOP_IP,
    });
    let cuts = 0;
    const core = await ConnectedCore.start({
      link: linkOf(pairing),
      dir: path.join(temp.dir, 'client-register'),
      key: randomBytes(32),
      probeEveryMs: 200,
      unreachableAfterMs: 1_000,
      // The register's first delivery: the station saves it, the answer is lost; the outbox sends it again.
      deliveryHook: (entry, cutNow) => {
        if (entry.channel === 'attendance.save' && cuts === 0) {
          cuts += 1;
          cutNow();
        }
      },
    });
    try {
      const login = await core.invoke('auth.login', { institution: admin.username, ...teacher }, undefined);
      if (!login.ok) throw new Error(login.error.message);
      const token = (login.data as { token: string }).token;
      const today = new Date();
      const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;

      await station.stop();
      const saved = await core.invoke(
        'attendance.save',
        { classId: cls.id, date, period: 0, entries: [{ studentId: students[1]?.id, status: 'absent' }] },
        token,
      );
      expect(!saved.ok && saved.error.code).toBe('UNAVAILABLE');
      expect(!saved.ok && saved.error.message).toMatch(/Waiting to send/);
      expect(core.state().outbox.map((e) => e.channel)).toEqual(['attendance.save']);

      await startStation();
      await waitFor(
        'the register sent',
        () => (core.state().outbox.length === 0 && core.state().state === 'connected' ? true : undefined),
        60_000,
        100,
      );
      expect(cuts).toBe(1);
      expect(core.state().failed).toEqual([]);

      // Saved once: no correction, one entry in the log.
      const register = await local<{ taken: boolean; corrections: number; students: { status: string }[] }>(
        'attendance.register',
        { classId: cls.id, date, period: 0 },
        adminToken,
      );
      expect(register.taken).toBe(true);
      // Canonical EJSON hands numbers back as Int32.
      expect(Number(register.corrections)).toBe(0);
      expect(register.students.map((s) => s.status)).toEqual(['present', 'absent']);
      const log = await local<{ items: { action: string; targetName: string }[] }>(
        'activity.list',
        { targetType: 'ATTENDANCE' },
        adminToken,
      );
      expect(log.items.filter((e) => e.targetName.startsWith('Class 8-R')).map((e) => e.action)).toEqual([
        'CREATE',
      ]);
    } finally {
      core.close();
    }
  });
});

/**
 * A relay on 127.0.0.3 (a CA of its own, pinned by the test's link) that passes a file's GET on to the station
 * and spoils the answer: cuts the connection halfway through the bytes, declares one byte more than it sends,
 * or makes it a 0-byte file (the station holds none: uploads refuse empty files, but imported ones may be).
 */
async function startSpoilingRelay(
  mode: 'cut' | 'wrong-size' | 'empty',
): Promise<{ url: string; caPem: string; close: () => Promise<void> }> {
  const engineBin = findEngineBinary();
  if (!engineBin) throw new Error('crm-engine is not built');
  const dir = path.join(temp.dir, `relay-${mode}`);
  execFileSync(engineBin, ['certs', '--dir', dir, '--names', '127.0.0.3']);
  const server: Server = createHttpsServer(
    { key: readFileSync(path.join(dir, 'server-key.pem')), cert: readFileSync(path.join(dir, 'server.pem')) },
    (req, res) => {
      const upstream = httpsRequest(`${stationUrl}${req.url}`, {
        method: req.method,
        ca: caPem,
        agent: false,
        localAddress: '127.0.0.3',
        headers: { ...req.headers, host: new URL(stationUrl).host },
      });
      upstream.on('response', (answer) => {
        const size = Number(answer.headers['content-length']);
        const headers = { ...answer.headers };
        if (mode !== 'cut' && typeof headers['x-crm-file'] === 'string') {
          const details = JSON.parse(decodeURIComponent(headers['x-crm-file'])) as { size: number };
          const spoiled = mode === 'empty' ? 0 : details.size + 1;
          headers['x-crm-file'] = encodeURIComponent(JSON.stringify({ ...details, size: spoiled }));
        }
        if (mode === 'empty') {
          answer.destroy();
          return void res.writeHead(200, { ...headers, 'content-length': '0' }).end();
        }
        res.writeHead(answer.statusCode ?? 502, headers);
        if (mode === 'wrong-size') return void answer.pipe(res);
        let sent = 0;
        answer.on('data', (c: Buffer) => {
          if (sent + c.length >= size / 2) {
            res.write(c.subarray(0, Math.max(0, Math.floor(size / 2) - sent)));
            res.destroy();
            answer.destroy();
            return;
          }
          sent += c.length;
          res.write(c);
        });
        answer.on('end', () => res.end());
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.3', resolve));
  const { port: p } = server.address() as { port: number };
  return {
    url: `https://127.0.0.3:${p}`,
    caPem: readFileSync(path.join(dir, 'ca.pem'), 'utf8'),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('files in a connected app', () => {
  it('answers files.get from the streamed GET: the same answer as the RPC, byte for byte; NOT_FOUND as before; a cut download is out of reach', async () => {
    const teacher = { username: 'files_lan', password: 'teach1234' };
    const student = { username: 'files_student_lan', password: 'learn1234' };
    await local('users.create', { role: 'teacher', name: 'Ms Das', ...teacher }, adminToken);
    await local('users.create', { role: 'student', name: 'Nila', ...student }, adminToken);
    const { code } = await local<{ code: string }>('devices.add', {}, adminToken);
    const pairing = await pairWithStation({
      address: stationUrl,
      code,
      name: 'Office PC',
      localAddress: '127.0.0.6',
    });
    const core = await ConnectedCore.start({
      link: linkOf(pairing),
      dir: path.join(temp.dir, 'client-files'),
      key: randomBytes(32),
    });
    const relays: Array<{ close: () => Promise<void> }> = [];
    try {
      const login = (who: { username: string; password: string }) => signInThrough(core, who);
      const teacherToken = await login(teacher);
      const studentToken = await login(student);
      const upload = async (file: Record<string, unknown>) => {
        const r = await core.invoke('files.upload', file, teacherToken);
        if (!r.ok) throw new Error(r.error.message);
        return (r.data as { id: string }).id;
      };
      // Every byte value, in a PDF of 1 MB + 3 (one more than a whole number of GridFS chunks and then some).
      const big = randomBytes(1024 * 1024 + 3);
      big.set(Buffer.from('%PDF-1.4\n'));
      const voice = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), randomBytes(2_000)]);
      const files = [
        {
          name: 'one byte.txt',
          mimeType: 'text/plain',
          data: new Uint8Array(Buffer.from('a')),
          purpose: 'attachment',
        },
        {
          name: 'Poems — grade 7.pdf',
          mimeType: 'application/pdf',
          data: new Uint8Array(big),
          purpose: 'attachment',
        },
        {
          name: 'note.webm',
          mimeType: 'audio/webm;codecs=opus',
          data: new Uint8Array(voice),
          purpose: 'audio',
          durationSeconds: 2.5,
        },
      ];
      for (const file of files) {
        const id = await upload(file);
        const got = await core.invoke('files.get', { id }, teacherToken);
        if (!got.ok) throw new Error(got.error.message);
        // The station's own files.get RPC, read as the app reads RPC answers.
        const res = await fetch(`${station.localUrl}/api/rpc/files.get`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${teacherToken}` },
          body: JSON.stringify({ id }),
        });
        const rpc = decodeRpc(await res.text()) as { ok: true; data: Record<string, unknown> };
        const { data, ...details } = got.data as { data: Uint8Array } & Record<string, unknown>;
        expect(data).toBeInstanceOf(Uint8Array);
        expect(Buffer.from(data).equals(Buffer.from(file.data))).toBe(true);
        const { data: rpcData, ...rpcDetails } = rpc.data;
        expect(details).toEqual(rpcDetails);
        expect(Buffer.from(rpcData as Uint8Array).equals(Buffer.from(data))).toBe(true);
        expect(details).toMatchObject({
          id,
          name: file.name,
          mimeType: file.mimeType,
          size: file.data.byteLength,
          purpose: file.purpose,
          ...(file.durationSeconds ? { durationSeconds: file.durationSeconds } : {}),
        });
        expect(details.createdAt).toBeInstanceOf(Date);
        // A file the person may not see is not there at all, as over the RPC.
        const hidden = await core.invoke('files.get', { id }, studentToken);
        expect(!hidden.ok && hidden.error.code).toBe('NOT_FOUND');
      }
      const unknown = await core.invoke('files.get', { id: 'a'.repeat(24) }, teacherToken);
      expect(!unknown.ok && unknown.error.code).toBe('NOT_FOUND');
      // A malformed id still gets the station's own check.
      const malformed = await core.invoke('files.get', { id: 'nope' }, teacherToken);
      expect(!malformed.ok && malformed.error.code).toBe('VALIDATION');
      const signedOut = await core.invoke('files.get', { id: 'a'.repeat(24) }, undefined);
      expect(!signedOut.ok && signedOut.error.code).toBe('UNAUTHENTICATED');

      // Spoiled answers: a download cut halfway is "out of reach", like any other cut call; a length that is
      // not the declared size is refused; a 0-byte file arrives as empty bytes with its details.
      const bigId = await upload(files[1] ?? {});
      for (const mode of ['cut', 'wrong-size', 'empty'] as const) {
        const relay = await startSpoilingRelay(mode);
        relays.push(relay);
        const spoiled = await ConnectedCore.start({
          link: { ...linkOf(pairing), url: relay.url, caPem: relay.caPem },
          dir: path.join(temp.dir, `client-files-${mode}`),
          key: randomBytes(32),
        });
        try {
          const got = await spoiled.invoke('files.get', { id: bigId }, teacherToken);
          if (mode === 'empty') {
            expect(got.ok && got.data).toMatchObject({ id: bigId, size: 0, data: new Uint8Array(0) });
          } else if (mode === 'cut') {
            expect(!got.ok && got.error).toMatchObject({ code: 'UNAVAILABLE', message: /out of reach/ });
          } else {
            expect(!got.ok && got.error).toMatchObject({ code: 'INTERNAL', message: /was not opened/ });
          }
        } finally {
          spoiled.close();
        }
      }
    } finally {
      for (const relay of relays) await relay.close();
      core.close();
    }
  });
});
