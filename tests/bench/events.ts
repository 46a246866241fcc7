/**
 * `npm run bench:events`: 50 people with event streams open on one station for 60 s (BENCH_SECONDS) while 5 of
 * them chat with the office, each sending a message a second and getting one back a second. Reports the
 * delivery latency of pushed messages (from the moment the sender calls messages.send to the receiver's
 * stream), the station's memory, and errors (failed calls, dropped streams, messages never delivered).
 */
import { readFileSync } from 'node:fs';
import { waitFor } from '../support/processes';
import { openSse, type SseClient } from '../support/sse';
import { buildStationSchool, rpc, type Session } from '../support/station-school';
import { startStationProcess } from '../support/station';
import { makeTempDir } from '../support/temp-dir';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const CHATTERS = 5;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);

const temp = makeTempDir('crm-bench-events');
const station = await startStationProcess(temp.dir);
const base = station.url;
const rss = (): number => {
  const status = readFileSync(`/proc/${station.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
};

try {
  await waitFor('health 200', async () => (await fetch(`${base}/api/health`)).status === 200, 90_000, 250);
  const school = await buildStationSchool(base, CLIENTS - 1, 'bench');
  const people: Session[] = [school.admin, ...school.teachers];
  const streams = new Map<string, SseClient>();
  for (const p of people) {
    const s = await openSse(`${base}/api/events`, { authorization: `Bearer ${p.token}` });
    await s.next('ready');
    streams.set(p.id, s);
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
    for (const [receiverId, s] of streams) {
      const from = seen.get(receiverId) ?? 0;
      for (const e of s.events.slice(from)) {
        if (e.name !== 'message.new') continue;
        const data = e.data as { senderId: string; receiverId: string };
        if (data.receiverId !== receiverId) continue;
        const started = pending.get(`${data.senderId}>${receiverId}`)?.shift();
        if (started !== undefined) latencies.push(e.at - started);
      }
      seen.set(receiverId, s.events.length);
    }
  };
  const send = async (from: Session, to: Session, n: number): Promise<void> => {
    const key = `${from.id}>${to.id}`;
    if (!pending.has(key)) pending.set(key, []);
    pending.get(key)?.push(Date.now());
    sent += 1;
    const reply = await rpc(
      base,
      'messages.send',
      { receiverId: to.id, message: `message ${n}` },
      from.token,
    );
    if (!reply.ok) errors += 1;
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
  const dropped = [...streams.values()].filter((s) =>
    s.events.some((e) => e.name === 'session-ended'),
  ).length;
  for (const s of streams.values()) s.close();

  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  console.log(
    `${CLIENTS} streams for ${SECONDS} s, ${CHATTERS} chatting with the office: ${sent} messages sent, ` +
      `${latencies.length} delivered by push; latency p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${sorted.at(-1)} ms; ` +
      `station RSS ${rssStart.toFixed(0)} MB with the streams open, peak ${rssPeak.toFixed(0)} MB; ` +
      `errors: ${errors} failed calls, ${undelivered} undelivered, ${dropped} streams ended`,
  );
} finally {
  await station.stop();
  temp.remove();
}
