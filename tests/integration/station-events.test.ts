/**
 * Pushed events through a real station process: GET /api/events delivers each event to the people allowed to
 * see it, by push, catches up by Last-Event-ID, and ends when the session ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/processes';
import { openSse, type SseClient } from '../support/sse';
import { buildStationSchool, rpc, rpcOk, type StationSchool } from '../support/station-school';
import { startStationProcess, type StationProcess } from '../support/station';
import { makeTempDir } from '../support/temp-dir';

const temp = makeTempDir('crm-events');
let station: StationProcess;
let base: string;
let school: StationSchool;
const open: SseClient[] = [];

async function stream(token: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const client = await openSse(`${base}/api/events`, { authorization: `Bearer ${token}`, ...headers });
  open.push(client);
  return client;
}

beforeAll(async () => {
  station = await startStationProcess(temp.dir);
  base = station.url;
  await waitFor('health 200', async () => (await fetch(`${base}/api/health`)).status === 200, 60_000, 200);
  school = await buildStationSchool(base, 2);
}, 90_000);

afterAll(async () => {
  for (const c of open) c.close();
  await station.stop();
  temp.remove();
});

describe('GET /api/events', () => {
  it('refuses a missing or forged token, and a ticket used as a session token', async () => {
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
    expect((await fetch(`${base}/api/events?ticket=x.y`)).status).toBe(401);
    const { ticket } = await rpcOk<{ ticket: string }>(base, 'events.ticket', {}, school.admin.token);
    const asToken = await rpc(base, 'auth.me', {}, ticket);
    expect(asToken.status).toBe(401);
    // A ticket opens the event stream and nothing else.
    const viaTicket = await openSse(`${base}/api/events?ticket=${encodeURIComponent(ticket)}`);
    open.push(viaTicket);
    expect(viaTicket.status).toBe(200);
    await viaTicket.next('ready');
  });

  it('pushes a new message to its receiver within 1 s, without a poll, and to nobody else', async () => {
    const [teacher, other] = school.teachers as [StationSchool['teachers'][0], StationSchool['teachers'][0]];
    const receiver = await stream(teacher.token);
    const bystander = await stream(other.token);
    await receiver.next('ready');
    await bystander.next('ready');
    // The receiver sends no request at all between opening its stream and getting the message.
    const sentAt = Date.now();
    const sent = await rpcOk<{ id: string }>(
      base,
      'messages.send',
      { receiverId: teacher.id, message: 'Staff meeting at 3' },
      school.admin.token,
    );
    const got = await receiver.next('message.new', 5_000);
    expect(got.at - sentAt).toBeLessThan(1_000);
    expect(got.data).toEqual({
      messageId: sent.id,
      senderId: school.admin.id,
      receiverId: teacher.id,
      messageType: 'text',
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(bystander.events.map((e) => e.name)).toEqual(['ready']);
  });

  it('a read receipt reaches the sender; a reconnect with Last-Event-ID gets what it missed', async () => {
    const teacher = school.teachers[0]!;
    const adminStream = await stream(school.admin.token);
    await adminStream.next('ready');
    await rpcOk(base, 'messages.markRead', { userId: school.admin.id }, teacher.token);
    const read = await adminStream.next('message.read');
    expect(read.data).toEqual({ readerId: teacher.id, partnerId: school.admin.id });

    const first = await stream(teacher.token);
    await first.next('ready');
    await rpcOk(base, 'messages.send', { receiverId: teacher.id, message: 'one' }, school.admin.token);
    const seen = await first.next('message.new');
    first.close();
    await rpcOk(base, 'messages.send', { receiverId: teacher.id, message: 'two' }, school.admin.token);
    const again = await stream(teacher.token, { 'last-event-id': seen.id ?? '' });
    expect((await again.next('ready')).data).toEqual({ resync: false });
    const missed = await again.next('message.new');
    expect(missed.id).not.toBe(seen.id);
    // An id the station never gave (another boot) asks the client to refresh everything.
    const stale = await stream(teacher.token, { 'last-event-id': 'deadbeef.1' });
    expect((await stale.next('ready')).data).toEqual({ resync: true });
  });

  it('a notice reaches the roles it addresses only', async () => {
    const teacherStream = await stream(school.teachers[1]!.token);
    await teacherStream.next('ready');
    await rpcOk(
      base,
      'notices.create',
      { title: 'For students', body: 'Bring a pen', audience: ['student'] },
      school.admin.token,
    );
    const forTeachers = await rpcOk<{ id: string }>(
      base,
      'notices.create',
      { title: 'For teachers', body: 'Meeting', audience: ['teacher'] },
      school.admin.token,
    );
    const got = await teacherStream.next('notice.new');
    expect(got.data).toEqual({ noticeId: forTeachers.id });
    expect(teacherStream.events.filter((e) => e.name === 'notice.new')).toHaveLength(1);
  });

  it('ends the stream when the person signs out', async () => {
    const teacher = school.teachers[1]!;
    const client = await stream(teacher.token);
    await client.next('ready');
    const before = Date.now();
    await rpcOk(base, 'auth.logout', {}, teacher.token);
    await client.next('session-ended', 3_000);
    await client.closed;
    expect(Date.now() - before).toBeLessThan(3_000);
    // And it does not open again with the ended session.
    expect(
      (await fetch(`${base}/api/events`, { headers: { authorization: `Bearer ${teacher.token}` } })).status,
    ).toBe(401);
  });
});
