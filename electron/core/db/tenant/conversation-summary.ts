/**
 * Keeps the conversation summaries (conversation.ts) true to the messages written: the newest message and each
 * member's unread count. Called by the message model's hooks, so every way of writing messages keeps them.
 */
import type { Connection, Types } from 'mongoose';
import { isDuplicateKeyError } from '../../errors/app-error';
import type { ConversationDoc } from './conversation';
import { conversationKeyOf } from './conversation-key';

/** The contract's preview length (conversation lists). */
const PREVIEW_LENGTH = 200;

export interface WrittenMessage {
  _id: Types.ObjectId;
  senderId: Types.ObjectId;
  receiverId: Types.ObjectId;
  messageType?: string | null;
  message?: string | null;
  isRead?: boolean | null;
  timestamp?: Date | null;
}

/** At most PREVIEW_LENGTH UTF-16 units, without cutting a character in half. */
export function previewText(text: string): string {
  if (text.length <= PREVIEW_LENGTH) return text;
  const cut = text.slice(0, PREVIEW_LENGTH);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

export async function noteMessages(conn: Connection, written: readonly WrittenMessage[]): Promise<void> {
  const conversations = conn.model<ConversationDoc>('Conversation');
  const byKey = new Map<string, WrittenMessage[]>();
  for (const m of written) {
    const key = conversationKeyOf(m.senderId, m.receiverId);
    byKey.set(key, [...(byKey.get(key) ?? []), m]);
  }
  for (const [key, messages] of byKey) {
    const unread: Record<string, number> = {};
    for (const m of messages) {
      if (m.isRead) continue;
      const field = `unread.${m.receiverId.toString()}`;
      unread[field] = (unread[field] ?? 0) + 1;
    }
    const newest = messages.reduce((a, b) => (time(b) > time(a) ? b : a));
    const members = sortedMembers(newest.senderId, newest.receiverId);
    const inc = Object.keys(unread).length > 0 ? { $inc: unread } : {};
    // Usually the message is its conversation's newest: one write shows it and counts it unread, and makes
    // the summary of a conversation just begun. A summary with a newer message (an import writes older ones)
    // or none is not matched, so the upsert meets the unique key: then the two writes below.
    try {
      const result = await conversations.updateOne(
        { key, lastAt: { $lte: newest.timestamp ?? new Date(0) } },
        { $setOnInsert: { members }, ...inc, $set: lastMessageFields(newest) },
        { upsert: true },
      );
      if (result.matchedCount + result.upsertedCount === 1) continue;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
    await conversations.updateOne({ key }, { $setOnInsert: { members }, ...inc }, { upsert: true });
    // Only a message newer than the one shown replaces it (an import may write older ones after newer).
    await conversations.updateOne(
      { key, $or: [{ lastAt: { $exists: false } }, { lastAt: { $lte: newest.timestamp ?? new Date(0) } }] },
      { $set: lastMessageFields(newest) },
    );
  }
}

/** The summary's fields that show a conversation's newest message. */
export function lastMessageFields(m: WrittenMessage) {
  return {
    lastMessageId: m._id,
    lastSenderId: m.senderId,
    lastMessageType: m.messageType ?? 'text',
    lastPreview: m.messageType === 'audio' ? '' : previewText(m.message ?? ''),
    lastAt: m.timestamp ?? new Date(0),
    lastDeleted: false,
  };
}

/** Both members' ids, the smaller first, as `members` holds them. */
export function sortedMembers(a: Types.ObjectId, b: Types.ObjectId): Types.ObjectId[] {
  return [a, b].sort((x, y) => x.toString().localeCompare(y.toString()));
}

function time(m: WrittenMessage): number {
  return m.timestamp?.getTime() ?? 0;
}
