/**
 * Messages written before conversation keys existed (an older version of the app) get their key, and every
 * conversation they belong to gets its summary. Runs with the tenant's index check, on the first use of the
 * tenant in a process; costs one indexed probe when there is nothing to do.
 */
import type { Types } from 'mongoose';
import { conversationKeyOf } from './conversation-key';
import { lastMessageFields, sortedMembers, type WrittenMessage } from './conversation-summary';
import type { TenantModels } from './index';

/** Messages read per round: bounded memory on a year of chat. */
const BATCH = 2000;

interface KeylessMessage {
  senderId: Types.ObjectId;
  receiverId: Types.ObjectId;
}

export async function backfillConversations(models: TenantModels): Promise<number> {
  const { Message } = models;
  const keys = new Map<string, [Types.ObjectId, Types.ObjectId]>();
  for (;;) {
    const batch = await Message.find({ conversationKey: { $exists: false } }, { senderId: 1, receiverId: 1 })
      .limit(BATCH)
      .lean<KeylessMessage[]>();
    if (batch.length === 0) break;
    const pairs = new Map<string, KeylessMessage>();
    for (const m of batch) pairs.set(`${m.senderId.toString()}>${m.receiverId.toString()}`, m);
    for (const { senderId, receiverId } of pairs.values()) {
      const key = conversationKeyOf(senderId, receiverId);
      keys.set(key, [senderId, receiverId]);
      await Message.updateMany(
        { senderId, receiverId, conversationKey: { $exists: false } },
        { $set: { conversationKey: key } },
      );
    }
  }
  for (const [key, members] of keys) await rebuildSummary(models, key, members);
  return keys.size;
}

/** The conversation's summary from its messages: the newest one and each member's unread count. */
async function rebuildSummary(
  models: TenantModels,
  key: string,
  [a, b]: [Types.ObjectId, Types.ObjectId],
): Promise<void> {
  const last = await models.Message.findOne({ conversationKey: key })
    .sort({ timestamp: -1, _id: -1 })
    .lean<WrittenMessage>();
  if (!last) return;
  const unread: Record<string, number> = {};
  for (const member of [a, b]) {
    unread[member.toString()] = await models.Message.countDocuments({
      conversationKey: key,
      receiverId: member,
      isRead: false,
    });
  }
  await models.Conversation.updateOne(
    { key },
    { $set: { members: sortedMembers(a, b), ...lastMessageFields(last), unread } },
    { upsert: true },
  );
}
