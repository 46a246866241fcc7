/**
 * Chat between people who work together (who may chat with whom: chat-circles.ts). Text or voice notes, quoted
 * replies, read receipts. Messages to and from the admin live in the tenant's messages collection with the
 * admin's registry id.
 */
import type { Types } from 'mongoose';
import type { ServiceInput } from '../../../shared/contract';
import type { z } from 'zod';
import type {
  ConversationDto,
  MessageDto,
  MessagePreview,
  messagesConversations,
  messagesMarkRead,
  messagesThread,
  messagesUnreadCounts,
} from '../../../shared/contract/messages';
import type { MessageType } from '../../../shared/domain';
import { conversationKeyOf, type TenantModels } from '../db/tenant';
import { noteMessages, previewText } from '../db/tenant/conversation-summary';
import { AppError } from '../errors/app-error';
import { partnersOf, requirePartner } from './chat-circles';
import type { Actor, ServiceDeps } from './context';
import { publishEvent } from './events/publish';
import { deleteUnreferencedFiles, markReferenced, releaseReferences, requireOwnFiles } from './files';
import { objectId, tenantOf } from './tenant-access';

export type Conversations = z.input<(typeof messagesConversations)['output']>;
export type Thread = z.input<(typeof messagesThread)['output']>;
export type MarkReadResult = z.input<(typeof messagesMarkRead)['output']>;
export type UnreadCounts = z.input<(typeof messagesUnreadCounts)['output']>;

interface StoredMessage {
  _id: Types.ObjectId;
  senderId: Types.ObjectId;
  receiverId: Types.ObjectId;
  message?: string | null;
  messageType: string;
  filePath?: string | null;
  replyTo?: Types.ObjectId | null;
  isRead: boolean;
  timestamp: Date;
  deletedAt?: Date | null;
}

// ── Views ──────────────────────────────────────────────────────────────────────────────────────────────────

function previewOf(m: StoredMessage): MessagePreview {
  return {
    id: m._id.toString(),
    senderId: m.senderId.toString(),
    messageType: m.messageType as MessageType,
    preview: m.messageType === 'text' && !m.deletedAt ? previewText(m.message ?? '') : '',
    timestamp: m.timestamp,
    ...(m.deletedAt ? { deleted: true } : {}),
  };
}

function toMessageDto(m: StoredMessage, replied: ReadonlyMap<string, StoredMessage>): MessageDto {
  const dto: MessageDto = {
    id: m._id.toString(),
    senderId: m.senderId.toString(),
    receiverId: m.receiverId.toString(),
    messageType: m.messageType as MessageType,
    isRead: m.isRead,
    timestamp: m.timestamp,
  };
  if (m.deletedAt) dto.deleted = true;
  else if (m.messageType === 'text') dto.message = m.message ?? '';
  else if (m.messageType === 'audio' && m.filePath) dto.audioFileId = m.filePath;
  if (m.replyTo) {
    dto.replyTo = m.replyTo.toString();
    const quoted = replied.get(dto.replyTo);
    if (quoted) dto.replyPreview = previewOf(quoted);
  }
  return dto;
}

/** The messages these quote: those on the page as they are, others read (most replies quote a recent one). */
async function repliedTo(models: TenantModels, messages: readonly StoredMessage[]) {
  const byId = new Map(messages.map((m) => [m._id.toString(), m]));
  const replied = new Map<string, StoredMessage>();
  const missing: Types.ObjectId[] = [];
  for (const { replyTo } of messages) {
    if (!replyTo) continue;
    const quoted = byId.get(replyTo.toString());
    if (quoted) replied.set(replyTo.toString(), quoted);
    else missing.push(replyTo);
  }
  if (missing.length === 0) return replied;
  const found = await models.Message.find({ _id: { $in: missing } }).lean<StoredMessage[]>();
  for (const m of found) replied.set(m._id.toString(), m);
  return replied;
}

interface StoredConversation {
  members: Types.ObjectId[];
  lastMessageId: Types.ObjectId;
  lastSenderId: Types.ObjectId;
  lastMessageType: string;
  lastPreview?: string | null;
  lastAt: Date;
  unread?: Record<string, number> | null;
  lastDeleted?: boolean | null;
  clearedAt?: Record<string, Date> | null;
}

/** When the member cleared the conversation from their view, if they did. */
function clearedFor(c: StoredConversation | undefined, me: Types.ObjectId): Date | undefined {
  return c?.clearedAt?.[me.toString()] ?? undefined;
}

/** The actor's conversation summaries, by the other member's id. */
async function conversationsOf(
  models: TenantModels,
  me: Types.ObjectId,
): Promise<Map<string, StoredConversation>> {
  const found = await models.Conversation.find({ members: me }).lean<StoredConversation[]>();
  const byPartner = new Map<string, StoredConversation>();
  for (const c of found) {
    const other = c.members.find((m) => !m.equals(me)) ?? me;
    byPartner.set(other.toString(), c);
  }
  return byPartner;
}

function unreadFor(c: StoredConversation, me: Types.ObjectId): number {
  return c.unread?.[me.toString()] ?? 0;
}

function lastMessageOf(c: StoredConversation): MessagePreview {
  return {
    id: c.lastMessageId.toString(),
    senderId: c.lastSenderId.toString(),
    messageType: c.lastMessageType as MessageType,
    preview: c.lastDeleted ? '' : (c.lastPreview ?? ''),
    timestamp: c.lastAt,
    ...(c.lastDeleted ? { deleted: true } : {}),
  };
}

/** The reader's unread count in a conversation, recounted from the messages (an indexed count). */
async function recountUnread(models: TenantModels, key: string, reader: Types.ObjectId): Promise<void> {
  const unread = await models.Message.countDocuments({
    conversationKey: key,
    receiverId: reader,
    isRead: false,
  });
  await models.Conversation.updateOne({ key }, { $set: { [`unread.${reader.toString()}`]: unread } });
}

// ── Channels ───────────────────────────────────────────────────────────────────────────────────────────────

/**
 * messages.conversations: everyone the actor may chat with, with the last message and the unread count;
 * conversations with messages first (newest first), then the others by name.
 */
export async function listConversations(deps: ServiceDeps, actor: Actor): Promise<Conversations> {
  const handle = await tenantOf(deps, actor);
  const me = objectId(actor.userId, 'You');
  const [partners, conversations] = await Promise.all([
    partnersOf(deps, handle, actor),
    conversationsOf(handle.models, me),
  ]);
  const items = partners.map((p): ConversationDto => {
    const c = conversations.get(p.id.toString());
    const cleared = clearedFor(c, me);
    // Cleared from the caller's view and nothing new since: listed like a conversation not started.
    const shown = c && !(cleared && c.lastAt.getTime() <= cleared.getTime()) ? c : undefined;
    return {
      userId: p.id.toString(),
      name: p.name,
      role: p.role,
      unread: c ? unreadFor(c, me) : 0,
      ...(shown ? { lastMessage: lastMessageOf(shown) } : {}),
    };
  });
  // The newest conversation first, then those not started by name; the id settles ties, so the list keeps
  // its order between refreshes.
  items.sort((a, b) => {
    if (a.lastMessage && b.lastMessage) {
      const newer = b.lastMessage.timestamp.getTime() - a.lastMessage.timestamp.getTime();
      if (newer !== 0) return newer;
    } else if (a.lastMessage || b.lastMessage) return a.lastMessage ? -1 : 1;
    return a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId);
  });
  return { items };
}

/**
 * messages.thread: the newest `limit` messages before `before`, oldest first. Messages that share the oldest
 * timestamp of a page are kept together, so paging on `before` = that timestamp never skips one.
 */
export async function getThread(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'messages.thread'>,
): Promise<Thread> {
  const handle = await tenantOf(deps, actor);
  const { Message } = handle.models;
  const me = objectId(actor.userId, 'You');
  const key = conversationKeyOf(me, objectId(input.userId, 'This person'));
  const newestFirst = { timestamp: -1, _id: -1 } as const;
  const before = input.before ? { timestamp: { $lt: input.before } } : {};
  // One round: the check, the caller's summary (the instant they cleared the conversation, if they did) and the
  // newest rows of the conversation; nothing is answered unless the check passes. What the caller cleared is
  // the oldest part, so the newest rows after that instant are the rows read, less those up to it.
  const [, summary, newest] = await Promise.all([
    requirePartner(deps, handle, actor, input.userId, 'userId'),
    handle.models.Conversation.findOne({ key }, { clearedAt: 1 }).lean<StoredConversation>(),
    Message.find({ conversationKey: key, ...before })
      .sort(newestFirst)
      .limit(input.limit + 1)
      .lean<StoredMessage[]>(),
  ]);
  const cleared = clearedFor(summary ?? undefined, me);
  // Messages up to the instant the caller cleared the conversation are out of their view.
  const filter = cleared ? { conversationKey: key, timestamp: { $gt: cleared } } : { conversationKey: key };
  const rows = cleared ? newest.filter((m) => m.timestamp.getTime() > cleared.getTime()) : newest;
  let page = rows.slice(0, input.limit);
  let hasMore = rows.length > input.limit;
  const oldest = page.at(-1);
  const next = rows[input.limit];
  if (oldest && next && next.timestamp.getTime() === oldest.timestamp.getTime()) {
    const split = oldest.timestamp;
    const whole = page.filter((m) => m.timestamp.getTime() !== split.getTime());
    if (whole.length > 0) {
      page = whole;
    } else {
      // More than `limit` messages share one instant: return all of them rather than lose some.
      page = await Message.find({ ...filter, timestamp: split })
        .sort(newestFirst)
        .lean<StoredMessage[]>();
      hasMore =
        (await Message.exists({
          ...filter,
          timestamp: { ...(cleared ? { $gt: cleared } : {}), $lt: split },
        })) !== null;
    }
  }
  page.reverse();
  const replied = await repliedTo(handle.models, page);
  return { items: page.map((m) => toMessageDto(m, replied)), hasMore };
}

/**
 * messages.send: text or one voice note (the sender's own `audio` upload) to a chat partner, optionally as a
 * reply to a message of the same conversation.
 */
export async function sendMessage(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'messages.send'>,
): Promise<MessageDto> {
  const handle = await tenantOf(deps, actor);
  const { Message } = handle.models;
  const me = objectId(actor.userId, 'You');
  const text = input.message?.trim();
  if (!text && input.audioFileId === undefined) {
    throw new AppError('VALIDATION', 'Write a message or record a voice note.', {
      message: 'Write a message or record a voice note.',
    });
  }
  if (text && input.audioFileId !== undefined) {
    throw new AppError('VALIDATION', 'Send text and a voice note separately.', {
      audioFileId: 'Send text and a voice note separately.',
    });
  }
  const partner = await requirePartner(deps, handle, actor, input.receiverId, 'receiverId');
  if (input.audioFileId !== undefined) {
    await requireOwnFiles(handle, actor, [input.audioFileId], 'audio', 'audioFileId');
  }
  let quoted: StoredMessage | null = null;
  if (input.replyTo !== undefined) {
    quoted = await Message.findOne({
      _id: objectId(input.replyTo, 'The message'),
      conversationKey: conversationKeyOf(me, partner.id),
    }).lean<StoredMessage>();
    if (!quoted) {
      throw new AppError('NOT_FOUND', 'The message you reply to was not found in this conversation.', {
        replyTo: 'Not found.',
      });
    }
  }
  const messageType: MessageType = text ? 'text' : 'audio';
  const key = conversationKeyOf(me, partner.id);
  const created = new Message({
    senderId: me,
    receiverId: partner.id,
    conversationKey: key,
    message: text ?? '',
    messageType,
    ...(input.audioFileId !== undefined ? { filePath: input.audioFileId } : {}),
    ...(quoted ? { replyTo: quoted._id } : {}),
    isRead: false,
    timestamp: new Date(),
  });
  // What follows the message needs the message, not each other: written side by side, a send waits for two
  // writes in a row, not three (the log still never records a send that did not happen).
  created.$locals.summaryByCaller = true;
  await created.save();
  await Promise.all([
    noteMessages(Message.db, [created.toObject()]),
    input.audioFileId !== undefined ? markReferenced(handle, [input.audioFileId]) : undefined,
    deps.activity.record(actor, {
      action: 'SEND',
      targetType: 'MESSAGE',
      targetId: created._id,
      targetName: partner.name,
      details: {
        receiverId: partner.id.toString(),
        messageType,
        ...(quoted ? { replyTo: input.replyTo } : {}),
      },
    }),
  ]);
  publishEvent(
    deps,
    actor,
    'message.new',
    {
      messageId: created._id.toString(),
      senderId: actor.userId,
      receiverId: partner.id.toString(),
      messageType,
    },
    { users: [actor.userId, partner.id.toString()] },
  );
  const stored = created.toObject() as StoredMessage;
  return toMessageDto(stored, quoted ? new Map([[quoted._id.toString(), quoted]]) : new Map());
}

/** messages.markRead: the partner's messages to the actor become read. Returns how many changed. */
export async function markRead(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'messages.markRead'>,
): Promise<MarkReadResult> {
  const handle = await tenantOf(deps, actor);
  const me = objectId(actor.userId, 'You');
  const partner = await requirePartner(deps, handle, actor, input.userId, 'userId');
  const key = conversationKeyOf(me, partner.id);
  const result = await handle.models.Message.updateMany(
    { conversationKey: key, receiverId: me, isRead: false },
    { $set: { isRead: true } },
  );
  await recountUnread(handle.models, key, me);
  if (result.modifiedCount > 0) {
    publishEvent(
      deps,
      actor,
      'message.read',
      { readerId: actor.userId, partnerId: partner.id.toString() },
      { users: [actor.userId, partner.id.toString()] },
    );
  }
  return { updated: result.modifiedCount };
}

/**
 * messages.delete: the sender's own message loses its text and voice note (the file is removed from GridFS) and
 * keeps its place, so both sides see "Message deleted" where it was. Someone else's message is NOT_FOUND.
 */
export async function deleteMessage(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'messages.delete'>,
): Promise<{ id: string; deleted: true }> {
  const handle = await tenantOf(deps, actor);
  const { Message, Conversation } = handle.models;
  const me = objectId(actor.userId, 'You');
  const id = objectId(input.id, 'The message');
  const found = await Message.findOne({ _id: id, senderId: me }).lean<StoredMessage>();
  if (!found)
    throw new AppError('NOT_FOUND', 'This message was not found among yours.', { id: 'Not found.' });
  if (found.deletedAt) return { id: input.id, deleted: true };
  // Before the reference goes: an interruption leaves the voice note to the sweep of unreferenced uploads.
  if (found.filePath) await releaseReferences(handle, [found.filePath]);
  // Read from now on: a deleted message is nothing to catch up on.
  await Message.updateOne(
    { _id: id },
    { $set: { deletedAt: new Date(), message: '', isRead: true }, $unset: { filePath: 1 } },
  );
  const key = conversationKeyOf(me, found.receiverId);
  await Conversation.updateOne({ key, lastMessageId: id }, { $set: { lastDeleted: true, lastPreview: '' } });
  if (!found.isRead) await recountUnread(handle.models, key, found.receiverId);
  if (found.filePath) await deleteUnreferencedFiles(handle, [found.filePath]);
  await deps.activity.record(actor, {
    action: 'DELETE',
    targetType: 'MESSAGE',
    targetId: id,
    details: { messageType: found.messageType },
  });
  return { id: input.id, deleted: true };
}

/** messages.clear: out of the caller's view up to now, and read; the partner's view does not change. */
export async function clearConversation(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'messages.clear'>,
): Promise<{ ok: true }> {
  const handle = await tenantOf(deps, actor);
  const me = objectId(actor.userId, 'You');
  const partner = await requirePartner(deps, handle, actor, input.userId, 'userId');
  const key = conversationKeyOf(me, partner.id);
  await handle.models.Message.updateMany(
    { conversationKey: key, receiverId: me, isRead: false },
    { $set: { isRead: true } },
  );
  await handle.models.Conversation.updateOne(
    { key },
    { $set: { [`clearedAt.${me.toString()}`]: new Date() } },
  );
  await recountUnread(handle.models, key, me);
  await deps.activity.record(actor, {
    action: 'CLEAR',
    targetType: 'CONVERSATION',
    targetId: partner.id,
    targetName: partner.name,
  });
  return { ok: true };
}

/**
 * messages.unreadCounts: the actor's unread messages, in all and per sender. Senders the actor can no longer
 * chat with (a student who changed class) are left out, so every badge leads to a conversation that opens.
 */
export async function unreadCounts(deps: ServiceDeps, actor: Actor): Promise<UnreadCounts> {
  const handle = await tenantOf(deps, actor);
  const me = objectId(actor.userId, 'You');
  const unread = [...(await conversationsOf(handle.models, me))]
    .map(([userId, c]) => ({ userId, unread: unreadFor(c, me) }))
    .filter((u) => u.unread > 0);
  if (unread.length === 0) return { total: 0, byUser: [] };
  const partners = new Set((await partnersOf(deps, handle, actor)).map((p) => p.id.toString()));
  const byUser = unread.filter((u) => partners.has(u.userId));
  return { total: byUser.reduce((sum, u) => sum + u.unread, 0), byUser };
}
