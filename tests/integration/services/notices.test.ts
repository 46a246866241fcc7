import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { noticesList } from '../../../shared/contract';
import type { Actor } from '../../../electron/core/services/context';
import {
  createNotice,
  deleteNotice,
  listNotices,
  markNoticeRead,
} from '../../../electron/core/services/notices';
import { createUser } from '../../../electron/core/services/users';
import { origin, errorCode as code } from '../../support/services';
import { admin, deps, other, useInstitutions } from '../../support/fixture';

useInstitutions();

let teacher: Actor;
let student: Actor;
let student2: Actor;

const list = (actor: Actor, input: Record<string, unknown> = {}) =>
  listNotices(deps, actor, noticesList.input.parse(input));

async function person(role: 'teacher' | 'student', username: string): Promise<Actor> {
  const u = await createUser(deps, admin, { role, username, password: 'Secret123', name: username });
  return { userId: u.id, username: u.username, role, databaseName: admin.databaseName, ...origin };
}

let toAll: string;
let toTeachers: string;
let toStudents: string;

beforeAll(async () => {
  teacher = await person('teacher', 'Pratik sir');
  student = await person('student', 'Asha');
  student2 = await person('student', 'Bina');
  // Created one after another, so "newest first" is this order reversed.
  toAll = (
    await createNotice(deps, admin, {
      title: 'Holiday',
      body: 'No school on Friday.',
      audience: ['teacher', 'student'],
    })
  ).id;
  toTeachers = (
    await createNotice(deps, admin, { title: 'Staff meeting', body: 'At 3 pm.', audience: ['teacher'] })
  ).id;
  toStudents = (
    await createNotice(deps, admin, { title: 'Uniform', body: 'Wear the blazer.', audience: ['student'] })
  ).id;
});
describe('notices', () => {
  it('create answers the notice, read by its author, and logs it', async () => {
    const tenant = await deps.db.tenant(admin.databaseName);
    const logs = await tenant.models.ActivityLog.find({ targetType: 'NOTICE', action: 'CREATE' })
      .sort({ timestamp: 1 })
      .lean();
    expect(logs.map((l) => l.targetName)).toEqual(['Holiday', 'Staff meeting', 'Uniform']);
    expect(logs[0]?.details).toEqual({ audience: ['teacher', 'student'] });
    const n = await createNotice(deps, admin, { title: 'Temp', body: 'x', audience: ['student'] });
    expect(n).toMatchObject({
      title: 'Temp',
      body: 'x',
      audience: ['student'],
      createdBy: admin.userId,
      read: true,
    });
    expect(n).not.toHaveProperty('readBy');
    await deleteNotice(deps, admin, { id: n.id });
  });

  it('each role sees what is addressed to it, newest first; the admin sees all', async () => {
    const mine = async (a: Actor) => (await list(a)).items.map((i) => i.title);
    expect(await mine(teacher)).toEqual(['Staff meeting', 'Holiday']);
    expect(await mine(student)).toEqual(['Uniform', 'Holiday']);
    expect(await mine(admin)).toEqual(['Uniform', 'Staff meeting', 'Holiday']);
    expect(await mine(other)).toEqual([]);
    const page = await list(student);
    expect(page).toMatchObject({ total: 2, page: 1, pageSize: 25 });
    expect(page.items.every((i) => !i.read)).toBe(true);
    expect((await list(admin)).items.every((i) => i.read)).toBe(true);
  });

  it('pages with total, page and pageSize', async () => {
    const first = await list(admin, { page: 1, pageSize: 2 });
    const second = await list(admin, { page: 2, pageSize: 2 });
    expect(first.items.map((i) => i.title)).toEqual(['Uniform', 'Staff meeting']);
    expect(second.items.map((i) => i.title)).toEqual(['Holiday']);
    expect(first.total).toBe(3);
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
  });

  it('markRead sets the read mark for the caller only, twice is harmless, unreadOnly filters', async () => {
    expect(await markNoticeRead(deps, student, { id: toAll })).toEqual({ id: toAll, read: true });
    expect(await markNoticeRead(deps, student, { id: toAll })).toEqual({ id: toAll, read: true });
    const tenant = await deps.db.tenant(admin.databaseName);
    const marks = await tenant.models.NoticeRead.find({ noticeId: toAll }).lean();
    expect(marks.map((m) => m.userId.toString())).toEqual([student.userId]);
    expect(marks[0]?.readAt).toBeInstanceOf(Date);
    // The notice itself carries no marks.
    expect(await tenant.conn.db!.collection('notices').findOne({ readBy: { $exists: true } })).toBeNull();

    const s1 = await list(student);
    expect(s1.items.map((i) => [i.title, i.read])).toEqual([
      ['Uniform', false],
      ['Holiday', true],
    ]);
    const s2 = await list(student2);
    expect(s2.items.map((i) => i.read)).toEqual([false, false]);
    const unread = await list(student, { unreadOnly: true });
    expect(unread.items.map((i) => i.title)).toEqual(['Uniform']);
    expect(unread.total).toBe(1);
    expect((await list(student2, { unreadOnly: true })).total).toBe(2);
    // The author has read everything they wrote.
    expect((await list(admin, { unreadOnly: true })).total).toBe(0);
    // Marking read is the reader's own state, not a change to log.
    expect(
      await tenant.models.ActivityLog.countDocuments({
        targetType: 'NOTICE',
        action: { $nin: ['CREATE', 'DELETE'] },
      }),
    ).toBe(0);
  });

  it('markRead of a notice not addressed to the caller, or of another institution, is NOT_FOUND', async () => {
    await expect(markNoticeRead(deps, student, { id: toTeachers })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(markNoticeRead(deps, teacher, { id: toStudents })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(markNoticeRead(deps, other, { id: toAll })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(markNoticeRead(deps, teacher, { id: '0123456789abcdef01234567' })).rejects.toSatisfy(
      code('NOT_FOUND'),
    );
    const tenant = await deps.db.tenant(admin.databaseName);
    expect(
      await tenant.models.NoticeRead.countDocuments({ noticeId: { $in: [toTeachers, toStudents] } }),
    ).toBe(0);
  });

  it('the admin can mark any notice read; a teacher marks theirs', async () => {
    await markNoticeRead(deps, teacher, { id: toTeachers });
    expect((await list(teacher)).items.map((i) => [i.title, i.read])).toEqual([
      ['Staff meeting', true],
      ['Holiday', false],
    ]);
    await markNoticeRead(deps, admin, { id: toStudents });
    expect((await list(admin)).items.every((i) => i.read)).toBe(true);
  });

  it('delete removes it for everyone, logs it, and another institution cannot delete it', async () => {
    const n = await createNotice(deps, admin, {
      title: 'Short-lived',
      body: 'Soon gone.',
      audience: ['teacher', 'student'],
    });
    await expect(deleteNotice(deps, other, { id: n.id })).rejects.toSatisfy(code('NOT_FOUND'));
    expect((await list(student)).items.map((i) => i.title)).toContain('Short-lived');
    await markNoticeRead(deps, student, { id: n.id });
    expect(await deleteNotice(deps, admin, { id: n.id })).toEqual({ id: n.id, deleted: true });
    const tenant = await deps.db.tenant(admin.databaseName);
    expect(await tenant.models.NoticeRead.countDocuments({ noticeId: n.id })).toBe(0);
    expect((await list(student)).items.map((i) => i.title)).not.toContain('Short-lived');
    await expect(deleteNotice(deps, admin, { id: n.id })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(markNoticeRead(deps, student, { id: n.id })).rejects.toSatisfy(code('NOT_FOUND'));
    const log = await tenant.models.ActivityLog.findOne({ targetId: n.id, action: 'DELETE' }).lean();
    expect(log).toMatchObject({ targetType: 'NOTICE', targetName: 'Short-lived', role: 'admin' });
  });
});

describe('notices of an older version, with their read marks inside', () => {
  it('get their marks moved into noticereads when the institution is opened, once, losing none', async () => {
    const tenant = await deps.db.tenant(admin.databaseName);
    const raw = tenant.conn.db!.collection('notices');
    const { insertedId } = await raw.insertOne({
      title: 'From the old version',
      body: 'Read by two people.',
      audience: ['teacher', 'student'],
      createdBy: new Types.ObjectId(admin.userId),
      createdAt: new Date(),
      // Listed twice, and one mark already moved by a run that was cut short.
      readBy: [student.userId, teacher.userId, student.userId].map((id) => new Types.ObjectId(id)),
    });
    await tenant.models.NoticeRead.create({ noticeId: insertedId, userId: teacher.userId });
    const unreadBefore = (await list(student2, { unreadOnly: true })).total;

    await deps.db.verifyTenant(admin.databaseName);
    const marks = await tenant.models.NoticeRead.find({ noticeId: insertedId }).lean();
    expect(marks.map((m) => m.userId.toString()).sort()).toEqual([student.userId, teacher.userId].sort());
    expect(await raw.findOne({ _id: insertedId })).not.toHaveProperty('readBy');
    const shown = (await list(student)).items.find((i) => i.id === insertedId.toString());
    expect(shown?.read).toBe(true);
    expect((await list(student2, { unreadOnly: true })).total).toBe(unreadBefore);

    // Opening again changes nothing.
    await deps.db.verifyTenant(admin.databaseName);
    expect(await tenant.models.NoticeRead.countDocuments({ noticeId: insertedId })).toBe(2);
  });
});
