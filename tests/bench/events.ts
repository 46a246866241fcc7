/**
 * `npm run bench:events`: 50 people with event streams open on one station for 60 s (BENCH_SECONDS) while 5 of
 * them chat with the office, each sending a message a second and getting one back a second. Reports the
 * delivery latency of pushed messages (from the moment the sender calls messages.send to the receiver's
 * stream), the station's memory, and errors (failed calls, dropped streams, messages never delivered).
 *
 * `npm run bench:events -- --connected` (or BENCH_CONNECTED=1): the same through connected apps, as office PCs
 * and laptops use the station: the station in network mode (HTTPS on 127.0.0.2), each person on a connected
 * core of their own (in this process, each paired as its own device from its own loopback address), sending
 * through the core and receiving through its relayed event stream (connected/live-events.ts).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConnectedCore } from '../../electron/core/connected/connected-core';
import { pairWithStation } from '../../electron/core/connected/pairing';
import { waitFor } from '../support/processes';
import { openSse } from '../support/sse';
import { buildStationSchool, rpc, rpcOk, type Session } from '../support/station-school';
import { startStationProcess } from '../support/station';
import { makeTempDir } from '../support/temp-dir';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const CHATTERS = 5;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CONNECTED = process.argv.includes('--connected') || process.env.BENCH_CONNECTED === '1';

/** One person's end: the events that reached them (with when) and how they send. */
interface Client {
  readonly events: Array<{ name: string; data: unknown; at: number }>;
  /** Resolves false when the call failed. */
  send(receiverId: string, message: string): Promise<boolean>;
  /** Whether the session's end was signalled on the stream. */
  ended(): boolean;
  close(): void;
}

const temp = makeTempDir('crm-bench-events');
const networkTemp = makeTempDir('crm-bench-events-network');
const networkDir = path.join(networkTemp.dir, 'network');
const station = await startStationProcess(
  temp.dir,
  CONNECTED
    ? {
        CRM_LAN: '1',
        CRM_HOST: '127.0.0.2',
        CRM_PORT: '0',
        CRM_LOCAL_PORT: '0',
        CRM_NETWORK_DIR: networkDir,
      }
    : {},
);
// The school is set up from the station's own computer (its loopback door in network mode).
const base = station.localUrl ?? station.url;
const rss = (): number => {
  const status = readFileSync(`/proc/${station.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
};

async function streamClient(person: Session): Promise<Client> {
  const s = await openSse(`${base}/api/events`, { authorization: `Bearer ${person.token}` });
  await s.next('ready');
  return {
    events: s.events,
    send: async (receiverId, message) =>
      (await rpc(base, 'messages.send', { receiverId, message }, person.token)).ok,
    ended: () => s.events.some((e) => e.name === 'session-ended'),
    close: () => s.close(),
  };
}

async function connectedClient(person: Session, n: number, admin: Session): Promise<Client> {
  const { code } = await rpcOk<{ code: string }>(base, 'devices.add', {}, admin.token);
  // Each laptop its own address: pairing allows an address 10 requests a minute.
  const localAddress = `127.0.1.${n + 1}`;
  const pairing = await pairWithStation({
    address: station.url,
    code,
    name: `Laptop ${n + 1}`,
    localAddress,
  });
  const core = await ConnectedCore.start({
    link: { url: pairing.url, caPem: pairing.caPem, deviceToken: pairing.deviceToken, localAddress },
    dir: path.join(temp.dir, `client-${n}`),
    key: randomBytes(32),
  });
  const events: Client['events'] = [];
  let ended = false;
  let up!: () => void;
  const ready = new Promise<void>((resolve) => (up = resolve));
  const stream = core.openEvents(person.token, {
    ready: () => up(),
    event: (e) => events.push({ name: e.name, data: e.data, at: Date.now() }),
    ended: () => (ended = true),
    dropped: () => events.push({ name: 'dropped', data: null, at: Date.now() }),
  });
  await ready;
  return {
    events,
    send: async (receiverId, message) =>
      (await core.invoke('messages.send', { receiverId, message }, person.token)).ok,
    ended: () => ended || events.some((e) => e.name === 'dropped'),
    close: () => {
      stream.close();
      core.close();
    },
  };
}

try {
  await waitFor('health 200', async () => (await fetch(`${base}/api/health`)).status === 200, 90_000, 250);
  const school = await buildStationSchool(base, CLIENTS - 1, 'bench');
  const people: Session[] = [school.admin, ...school.teachers];
  const clients = new Map<string, Client>();
  for (const [n, p] of people.entries()) {
    clients.set(p.id, CONNECTED ? await connectedClient(p, n, school.admin) : await streamClient(p));
  }
  const rssStart = rss();
  let rssPeak = rssStart;

  // Sends per sender→receiver pair, oldest first: the pair's events arrive in the same order.
  const pending = new Map<string, number[]>();
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const seen = new Map<string, number>();
  const collect = (): void => {
    for (const [receiverId, c] of clients) {
      const from = seen.get(receiverId) ?? 0;
      for (const e of c.events.slice(from)) {
        if (e.name !== 'message.new') continue;
        const data = e.data as { senderId: string; receiverId: string };
        if (data.receiverId !== receiverId) continue;
        const started = pending.get(`${data.senderId}>${receiverId}`)?.shift();
        if (started !== undefined) latencies.push(e.at - started);
      }
      seen.set(receiverId, c.events.length);
    }
  };
  const send = async (from: Session, to: Session, n: number): Promise<void> => {
    const key = `${from.id}>${to.id}`;
    if (!pending.has(key)) pending.set(key, []);
    pending.get(key)?.push(Date.now());
    sent += 1;
    if (!(await clients.get(from.id)?.send(to.id, `message ${n}`))) errors += 1;
  };

  const chatters = school.teachers.slice(0, CHATTERS);
  const until = Date.now() + SECONDS * 1000;
  let tick = 0;
  while (Date.now() < until) {
    const started = Date.now();
    tick += 1;
    await Promise.all(chatters.flatMap((t) => [send(t, school.admin, tick), send(school.admin, t, tick)]));
    collect();
    rssPeak = Math.max(rssPeak, rss());
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - started))));
  }
  await new Promise((r) => setTimeout(r, 1000));
  collect();
  const undelivered = [...pending.values()].reduce((n, q) => n + q.length, 0);
  const dropped = [...clients.values()].filter((c) => c.ended()).length;
  for (const c of clients.values()) c.close();

  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  console.log(
    `${CLIENTS} ${CONNECTED ? 'connected apps (HTTPS, relayed streams)' : 'streams'} for ${SECONDS} s, ` +
      `${CHATTERS} chatting with the office: ${sent} messages sent, ` +
      `${latencies.length} delivered by push; latency p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${sorted.at(-1)} ms; ` +
      `station RSS ${rssStart.toFixed(0)} MB with the streams open, peak ${rssPeak.toFixed(0)} MB; ` +
      `errors: ${errors} failed calls, ${undelivered} undelivered, ${dropped} streams ended or dropped`,
  );
} finally {
  await station.stop();
  temp.remove();
  networkTemp.remove();
}
