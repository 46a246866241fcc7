/**
 * Chat against the real engine: who may talk to whom, replies and voice notes, paging back through a thread,
 * unread counts and read receipts.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  messagesConversations,
  messagesMarkRead,
  messagesSend,
  messagesThread,
  messagesUnreadCounts,
} from '../../../shared/contract/messages';
import { AppError } from '../../../electron/core/errors/app-error';
import { addStudents, createClass } from '../../../electron/core/services/classes';
import type { Actor } from '../../../electron/core/services/context';
import { getFile, uploadFile } from '../../../electron/core/services/files';
import {
  getThread,
  listConversations,
  markRead,
  sendMessage,
  unreadCounts,
} from '../../../electron/core/services/messages';
import { createUser } from '../../../electron/core/services/users';
import { newInstitution, origin, errorCode as code } from '../../support/services';
import {
  admin,
  classWith,
  deps,
  lesson,
  models,
  other as otherAdmin,
  useInstitutions,
} from '../../support/fixture';

useInstitutions();

/** Tara leads 7-A (Asha, Bina); Tomas teaches 7-B (Chen) in the timetable only; Tess teaches nobody. */
let tara: Actor;
let tomas: Actor;
let tess: Actor;
let asha: Actor;
let bina: Actor;
let chen: Actor;

const field = (expected: string, name: string) => (err: unknown) =>
  err instanceof AppError && err.code === expected && err.fields?.[name] !== undefined;

async function person(owner: Actor, role: 'teacher' | 'student', name: string): Promise<Actor> {
  const u = await createUser(deps, owner, { role, username: name, password: 'Secret123', name });
  return { userId: u.id, username: u.username, role, databaseName: owner.databaseName, ...origin };
}

const thread = (actor: Actor, userId: string, extra: { before?: Date; limit?: number } = {}) =>
  getThread(deps, actor, messagesThread.input.parse({ userId, ...extra }));
const say = (from: Actor, to: Actor, message: string, replyTo?: string) =>
  sendMessage(deps, from, { receiverId: to.userId, message, ...(replyTo ? { replyTo } : {}) });

beforeAll(async () => {
  tara = await person(admin, 'teacher', 'Tara');
  tomas = await person(admin, 'teacher', 'Tomas');
  tess = await person(admin, 'teacher', 'Tess');
  asha = await person(admin, 'student', 'Asha');
  bina = await person(admin, 'student', 'Bina');
  chen = await person(admin, 'student', 'Chen');
  const a = await createClass(deps, admin, { name: '7-A', grade: 7, section: 'A', teacherId: tara.userId });
  const b = await createClass(deps, admin, { name: '7-B', grade: 7, section: 'B' });
  await addStudents(deps, admin, a.id, [asha.userId, bina.userId]);
  await addStudents(deps, admin, b.id, [chen.userId]);
  await lesson(tomas.userId, b.id, { subject: 'Art', day: 'Tuesday', period: 2, timeSlot: '10:00-10:45' });
});
describe('who may chat', () => {
  it('conversations list everyone the caller may chat with', async () => {
    const names = async (actor: Actor) =>
      (await listConversations(deps, actor)).items.map((c) => c.name).sort();
    expect(await names(admin)).toEqual(['Tara', 'Tess', 'Tomas']);
    expect(await names(tara)).toEqual(['Asha', 'Bina', 'Office']);
    expect(await names(tomas)).toEqual(['Chen', 'Office']);
    expect(await names(tess)).toEqual(['Office']);
    expect(await names(asha)).toEqual(['Tara']);
    expect(await names(chen)).toEqual(['Tomas']);
    const office = (await listConversations(deps, tara)).items.find((c) => c.name === 'Office');
    expect(office).toMatchObject({ userId: admin.userId, role: 'admin', unread: 0 });
  });

  it('anyone else is NOT_FOUND as a chat partner, for every channel', async () => {
    const refused: Array<[Actor, Actor]> = [
      [asha, tomas], // not her teacher
      [asha, bina], // students do not chat with each other
      [asha, admin], // students do not chat with the admin
      [admin, asha],
      [tara, chen], // not in a class Tara teaches
      [tara, tomas], // teachers do not chat with each other
      [tara, tara], // nor with themselves
    ];
    for (const [from, to] of refused) {
      await expect(say(from, to, 'hello')).rejects.toSatisfy(field('NOT_FOUND', 'receiverId'));
      await expect(thread(from, to.userId)).rejects.toSatisfy(code('NOT_FOUND'));
      await expect(markRead(deps, from, { userId: to.userId })).rejects.toSatisfy(code('NOT_FOUND'));
    }
  });

  it('admin ↔ teacher and teacher ↔ their students (class teacher or timetable) may', async () => {
    expect((await say(admin, tess, 'Staff meeting at 3')).senderId).toBe(admin.userId);
    expect((await say(tess, admin, 'Noted')).receiverId).toBe(admin.userId);
    expect((await say(tomas, chen, 'Bring paints')).messageType).toBe('text');
    expect((await say(chen, tomas, 'OK')).message).toBe('OK');
    const log = await models.ActivityLog.find({ action: 'SEND', targetType: 'MESSAGE' }).lean();
    expect(log.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(log)).not.toContain('Bring paints');
  });

  it("another institution's people are NOT_FOUND", async () => {
    const foreign = await person(otherAdmin, 'teacher', 'Tara');
    await expect(say(admin, foreign, 'hi')).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(say(foreign, admin, 'hi')).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(say(otherAdmin, tara, 'hi')).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(thread(foreign, tara.userId)).rejects.toSatisfy(code('NOT_FOUND'));
  });
});

describe('replies and voice notes', () => {
  it('replyTo must be a message of the same conversation', async () => {
    const question = await say(asha, tara, 'Is the homework due Friday?');
    const answer = await say(tara, asha, 'Yes', question.id);
    expect(answer.replyTo).toBe(question.id);
    expect(answer.replyPreview).toMatchObject({
      id: question.id,
      senderId: asha.userId,
      preview: 'Is the homework due Friday?',
    });
    const other = await say(bina, tara, 'Hello');
    await expect(say(tara, asha, 'Wrong thread', other.id)).rejects.toSatisfy(field('NOT_FOUND', 'replyTo'));
    const page = await thread(asha, tara.userId);
    expect(page.items.find((m) => m.id === answer.id)?.replyPreview?.id).toBe(question.id);
    messagesSend.output.parse(answer);
    messagesThread.output.parse(page);
  });

  it("a voice note is the sender's own audio upload; both ends can play it", async () => {
    const data = Buffer.concat([Buffer.from('OggS'), randomBytes(300)]);
    const voice = await uploadFile(deps, asha, {
      name: 'q.ogg',
      mimeType: 'audio/ogg',
      data,
      purpose: 'audio',
      durationSeconds: 4,
    });
    await expect(
      sendMessage(deps, tara, { receiverId: asha.userId, audioFileId: voice.id }),
    ).rejects.toSatisfy(field('NOT_FOUND', 'audioFileId'));
    const pdf = await uploadFile(deps, asha, {
      name: 'a.pdf',
      mimeType: 'application/pdf',
      data: Buffer.from('%PDF-1.4 hi'),
      purpose: 'submission',
    });
    await expect(sendMessage(deps, asha, { receiverId: tara.userId, audioFileId: pdf.id })).rejects.toSatisfy(
      field('NOT_FOUND', 'audioFileId'),
    );
    const sent = await sendMessage(deps, asha, { receiverId: tara.userId, audioFileId: voice.id });
    expect(sent).toMatchObject({ messageType: 'audio', audioFileId: voice.id });
    expect(sent.message).toBeUndefined();
    messagesSend.output.parse(sent);
    expect(Buffer.from((await getFile(deps, tara, { id: voice.id })).data).equals(data)).toBe(true);
    await expect(getFile(deps, bina, { id: voice.id })).rejects.toSatisfy(code('NOT_FOUND'));
    const conv = (await listConversations(deps, tara)).items.find((c) => c.userId === asha.userId);
    expect(conv?.lastMessage).toMatchObject({ id: sent.id, messageType: 'audio', preview: '' });
  });

  it('text and voice go separately; an empty message is refused', async () => {
    await expect(sendMessage(deps, asha, { receiverId: tara.userId })).rejects.toSatisfy(
      field('VALIDATION', 'message'),
    );
  });
});

describe('threads', () => {
  it('page back by time: newest `limit` before `before`, oldest first, nothing skipped or repeated', async () => {
    for (let i = 0; i < 25; i += 1) {
      await (i % 2 === 0 ? say(tomas, chen, `m${i}`) : say(chen, tomas, `m${i}`));
    }
    const all = await thread(chen, tomas.userId, { limit: 100 });
    const expected = all.items.map((m) => m.id);
    expect(all.hasMore).toBe(false);
    const times = all.items.map((m) => m.timestamp.getTime());
    expect(times).toEqual([...times].sort((x, y) => x - y));

    const seen: string[] = [];
    let before: Date | undefined;
    for (let guard = 0; guard < 20; guard += 1) {
      const page = await thread(chen, tomas.userId, { limit: 10, ...(before ? { before } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(10);
      seen.unshift(...page.items.map((m) => m.id));
      if (!page.hasMore) break;
      before = page.items[0]?.timestamp;
    }
    expect(seen).toEqual(expected);
    expect(expected.length).toBe(27); // the two from "who may chat" and these 25
  });

  it('messages sharing one instant are never split across pages', async () => {
    const at = new Date('2030-01-01T00:00:00.000Z');
    const base = { senderId: tara.userId, receiverId: bina.userId, messageType: 'text', isRead: true };
    await models.Message.insertMany([
      { ...base, message: 'early', timestamp: new Date(at.getTime() - 1000) },
      ...Array.from({ length: 5 }, (_, i) => ({ ...base, message: `same ${i}`, timestamp: at })),
      { ...base, message: 'late', timestamp: new Date(at.getTime() + 1000) },
    ]);
    const everything = (await thread(bina, tara.userId, { limit: 100 })).items.map((m) => m.id);
    const seen: string[] = [];
    let before: Date | undefined;
    const sizes: number[] = [];
    for (let guard = 0; guard < 20; guard += 1) {
      const page = await thread(bina, tara.userId, { limit: 3, ...(before ? { before } : {}) });
      sizes.push(page.items.length);
      seen.unshift(...page.items.map((m) => m.id));
      if (!page.hasMore) break;
      before = page.items[0]?.timestamp;
    }
    expect(seen).toEqual(everything);
    expect(sizes).toContain(5); // the five of one instant came together, over the limit
  });

  it('reading a thread does not mark it read', async () => {
    await say(asha, tara, 'unread?');
    await thread(tara, asha.userId);
    expect(
      (await unreadCounts(deps, tara)).byUser.find((u) => u.userId === asha.userId)?.unread,
    ).toBeGreaterThan(0);
  });
});

describe('unread counts and read receipts', () => {
  it('count per sender, and markRead clears only the messages to me from that person', async () => {
    await markRead(deps, tara, { userId: asha.userId });
    await markRead(deps, tara, { userId: bina.userId });
    await markRead(deps, tara, { userId: admin.userId });
    expect(await unreadCounts(deps, tara)).toEqual({ total: 0, byUser: [] });

    for (const text of ['one', 'two', 'three']) await say(asha, tara, text);
    await say(bina, tara, 'from Bina');
    await say(admin, tara, 'from the office');
    await say(tara, asha, 'to Asha');

    const counts = await unreadCounts(deps, tara);
    expect(counts.total).toBe(5);
    expect(Object.fromEntries(counts.byUser.map((u) => [u.userId, u.unread]))).toEqual({
      [asha.userId]: 3,
      [bina.userId]: 1,
      [admin.userId]: 1,
    });
    messagesUnreadCounts.output.parse(counts);
    const conversations = messagesConversations.output.parse(await listConversations(deps, tara)).items;
    expect(conversations.find((c) => c.userId === asha.userId)?.unread).toBe(3);
    // Newest first: Bina's thread holds the messages dated 2030 (above), then Tara's last to Asha, then the office.
    expect(conversations.map((c) => c.name)).toEqual(['Bina', 'Asha', 'Office']);

    expect(messagesMarkRead.output.parse(await markRead(deps, tara, { userId: asha.userId }))).toEqual({
      updated: 3,
    });
    expect(await markRead(deps, tara, { userId: asha.userId })).toEqual({ updated: 0 });
    const after = await unreadCounts(deps, tara);
    expect(after.total).toBe(2);
    expect(after.byUser.find((u) => u.userId === asha.userId)).toBeUndefined();
    // Asha's own unread message from Tara is untouched: read receipts are per reader.
    // ("Yes" and "to Asha").
    expect((await unreadCounts(deps, asha)).byUser).toEqual([{ userId: tara.userId, unread: 2 }]);
    const fromAsha = (await thread(tara, asha.userId, { limit: 100 })).items.filter(
      (m) => m.senderId === asha.userId,
    );
    expect(fromAsha.every((m) => m.isRead)).toBe(true);
  });

  it('unread messages from someone no longer a chat partner are left out of the counts', async () => {
    const dana = await person(admin, 'student', 'Dana');
    const classId = (await models.Class.findOne({ teacherId: tara.userId }, { _id: 1 }).lean())?._id;
    await addStudents(deps, admin, String(classId), [dana.userId]);
    await say(dana, tara, 'hi miss');
    expect((await unreadCounts(deps, tara)).byUser.map((u) => u.userId)).toContain(dana.userId);
    await models.Class.updateOne({ _id: classId }, { $pull: { students: dana.userId } });
    expect((await unreadCounts(deps, tara)).byUser.map((u) => u.userId)).not.toContain(dana.userId);
  });
});

describe('messages written by an older version (no conversation key, no summary)', () => {
  it('get their key and their conversation summary the first time the institution is opened', async () => {
    const { Types } = await import('mongoose');
    const { actor: owner } = await newInstitution(deps);
    const teacher = await person(owner, 'teacher', 'Olga');
    const student = await person(owner, 'student', 'Oskar');
    await classWith(
      { name: '8-C', grade: 8, section: 'C', teacherId: teacher.userId },
      [student.userId],
      owner,
    );
    const tenant = await deps.db.tenant(owner.databaseName);
    // Written around the models, as the older version stored them.
    const raw = tenant.conn.collection('messages');
    const t0 = Date.parse('2026-09-01T08:00:00Z');
    await raw.insertMany(
      Array.from({ length: 5 }, (_, i) => ({
        senderId: new Types.ObjectId(i % 2 === 0 ? student.userId : teacher.userId),
        receiverId: new Types.ObjectId(i % 2 === 0 ? teacher.userId : student.userId),
        message: `old ${i}`,
        messageType: 'text',
        isRead: false,
        timestamp: new Date(t0 + i * 60_000),
      })),
    );
    deps.db.evictTenant(owner.databaseName);

    const list = await listConversations(deps, teacher);
    const withStudent = list.items.find((c) => c.userId === student.userId);
    expect(withStudent?.lastMessage?.preview).toBe('old 4');
    expect(withStudent?.unread).toBe(3); // old 0, 2 and 4 were sent to the teacher
    expect((await thread(teacher, student.userId)).items.map((m) => m.message)).toEqual([
      'old 0',
      'old 1',
      'old 2',
      'old 3',
      'old 4',
    ]);
    expect(await unreadCounts(deps, student)).toEqual({
      total: 2,
      byUser: [{ userId: teacher.userId, unread: 2 }],
    });
    await markRead(deps, teacher, { userId: student.userId });
    expect(
      (await listConversations(deps, teacher)).items.find((c) => c.userId === student.userId)?.unread,
    ).toBe(0);
  });
});
