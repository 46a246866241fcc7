/**
 * Deleting your own message and clearing a conversation from your own view (issue 19) through the API: only the
 * sender deletes, both sides then see "Message deleted" in its place, a voice note's GridFS file goes; clearing
 * hides the thread from the caller only and marks it read; both are logged.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, school, useSchool } from '../../support/api';

useSchool();

interface Message {
  id: string;
  message?: string;
  audioFileId?: string;
  deleted?: boolean;
}
interface Conversations {
  items: { userId: string; unread: number; lastMessage?: { preview: string; deleted?: boolean } }[];
}
const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'OK' : result.error?.code);

describe('messages.delete', () => {
  it('deletes your own text message; both sides see it deleted, in its place', async () => {
    const teacher = school.teacher;
    const asha = school.students[0]!;
    const first = await api.ok<Message>(
      'messages.send',
      { receiverId: asha.id, message: 'Homework is page 4' },
      teacher.token,
    );
    const second = await api.ok<Message>(
      'messages.send',
      { receiverId: asha.id, message: 'Sorry, page 5' },
      teacher.token,
    );

    // Not the receiver's to delete, nor another school's.
    expect(code(await api.call('messages.delete', { id: second.id }, asha.token))).toBe('NOT_FOUND');
    expect(await api.ok('messages.delete', { id: second.id }, teacher.token)).toEqual({
      id: second.id,
      deleted: true,
    });
    for (const [token, partner] of [
      [teacher.token, asha.id],
      [asha.token, teacher.id],
    ] as const) {
      const thread = await api.ok<{ items: Message[] }>('messages.thread', { userId: partner }, token);
      expect(thread.items.map((m) => m.id)).toEqual([first.id, second.id]);
      expect(thread.items[1]).toMatchObject({ deleted: true });
      expect(thread.items[1]?.message).toBeUndefined();
      const list = await api.ok<Conversations>('messages.conversations', {}, token);
      expect(list.items.find((c) => c.userId === partner)?.lastMessage).toMatchObject({
        deleted: true,
        preview: '',
      });
    }
    // The deleted message no longer counts as unread.
    const unread = await api.ok<{ total: number }>('messages.unreadCounts', {}, asha.token);
    expect(unread.total).toBe(1);
    const handle = await api.deps.db.tenant(school.admin.databaseName);
    expect((await handle.models.Message.findById(second.id).lean())?.message).toBe('');
    expect(
      await handle.models.ActivityLog.exists({
        action: 'DELETE',
        targetType: 'MESSAGE',
        targetId: second.id,
      }),
    ).not.toBeNull();
  });

  it("removes a voice note's file", async () => {
    const asha = school.students[0]!;
    const voice = await api.ok<{ id: string }>(
      'files.upload',
      {
        name: 'q.ogg',
        mimeType: 'audio/ogg',
        data: new Uint8Array(Buffer.concat([Buffer.from('OggS'), randomBytes(300)])),
        purpose: 'audio',
        durationSeconds: 3,
      },
      asha.token,
    );
    const sent = await api.ok<Message>(
      'messages.send',
      { receiverId: school.teacher.id, audioFileId: voice.id },
      asha.token,
    );
    expect(code(await api.call('files.get', { id: voice.id }, school.teacher.token))).toBe('OK');
    await api.ok('messages.delete', { id: sent.id }, asha.token);
    expect(code(await api.call('files.get', { id: voice.id }, asha.token))).toBe('NOT_FOUND');
    const thread = await api.ok<{ items: Message[] }>(
      'messages.thread',
      { userId: asha.id },
      school.teacher.token,
    );
    expect(thread.items.find((m) => m.id === sent.id)).toMatchObject({ deleted: true });
    expect(thread.items.find((m) => m.id === sent.id)?.audioFileId).toBeUndefined();
  });
});

describe('messages.clear', () => {
  it('clears the conversation for the caller only, marks it read; new messages show again', async () => {
    const teacher = school.teacher;
    const ravi = school.students[1]!;
    await api.ok('messages.send', { receiverId: ravi.id, message: 'See me after class' }, teacher.token);
    await api.ok('messages.send', { receiverId: teacher.id, message: 'OK' }, ravi.token);
    expect((await api.ok<{ total: number }>('messages.unreadCounts', {}, ravi.token)).total).toBe(1);

    expect(await api.ok('messages.clear', { userId: teacher.id }, ravi.token)).toEqual({ ok: true });
    expect(
      (await api.ok<{ items: Message[] }>('messages.thread', { userId: teacher.id }, ravi.token)).items,
    ).toEqual([]);
    expect((await api.ok<{ total: number }>('messages.unreadCounts', {}, ravi.token)).total).toBe(0);
    const mine = await api.ok<Conversations>('messages.conversations', {}, ravi.token);
    expect(mine.items.find((c) => c.userId === teacher.id)?.lastMessage).toBeUndefined();
    // The teacher keeps both messages.
    expect(
      (await api.ok<{ items: Message[] }>('messages.thread', { userId: ravi.id }, teacher.token)).items,
    ).toHaveLength(2);

    await new Promise((resolve) => setTimeout(resolve, 5));
    await api.ok('messages.send', { receiverId: ravi.id, message: 'Tomorrow then' }, teacher.token);
    const after = await api.ok<{ items: Message[] }>('messages.thread', { userId: teacher.id }, ravi.token);
    expect(after.items.map((m) => m.message)).toEqual(['Tomorrow then']);

    // Someone the caller may not chat with is NOT_FOUND; junk is VALIDATION.
    expect(code(await api.call('messages.clear', { userId: school.students[0]!.id }, ravi.token))).toBe(
      'NOT_FOUND',
    );
    expect(code(await api.call('messages.clear', { userId: 'nope' }, ravi.token))).toBe('VALIDATION');
    const handle = await api.deps.db.tenant(school.admin.databaseName);
    expect(
      await handle.models.ActivityLog.exists({ action: 'CLEAR', targetType: 'CONVERSATION' }),
    ).not.toBeNull();
  });
});
