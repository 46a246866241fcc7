/**
 * Chat between the people who work together: a teacher and the students of their classes, a teacher and the
 * admin. Text or voice notes, replies quoted, read receipts. Anyone else is NOT_FOUND as a chat partner.
 */
import { z } from 'zod';
import { MESSAGE_TYPES, TEXT_LIMITS, THREAD_PAGE_DEFAULT, THREAD_PAGE_MAX } from '../domain';
import { ROLES } from '../roles';
import { defineChannel, defineDeleteChannel } from './channel';
import { count, dateInput, done, objectId, optionalText, strictObject } from './common';

/** The start of a message, as a conversation list or a quoted reply shows it ("" for a voice note). */
const PREVIEW_LENGTH = 200;

export const messagePreviewSchema = strictObject({
  id: objectId,
  senderId: objectId,
  messageType: z.enum(MESSAGE_TYPES),
  preview: z.string().max(PREVIEW_LENGTH),
  timestamp: z.date(),
  /** Deleted by its sender: shown as "Message deleted". */
  deleted: z.boolean().optional(),
});
export type MessagePreview = z.infer<typeof messagePreviewSchema>;

export const messageSchema = strictObject({
  id: objectId,
  senderId: objectId,
  receiverId: objectId,
  /** The text (text messages); absent for a voice note. */
  message: z.string().optional(),
  messageType: z.enum(MESSAGE_TYPES),
  /** The voice note's file (`files.get`), for audio messages. */
  audioFileId: objectId.optional(),
  replyTo: objectId.optional(),
  /** The quoted message; absent when it was deleted. */
  replyPreview: messagePreviewSchema.optional(),
  isRead: z.boolean(),
  timestamp: z.date(),
  /** Deleted by its sender: no text, no voice note; both sides see "Message deleted". */
  deleted: z.boolean().optional(),
});
export type MessageDto = z.infer<typeof messageSchema>;

export const conversationSchema = strictObject({
  userId: objectId,
  name: z.string(),
  role: z.enum(ROLES),
  lastMessage: messagePreviewSchema.optional(),
  /** Messages from them the caller has not read. */
  unread: count,
});
export type ConversationDto = z.infer<typeof conversationSchema>;

// everyone signed in. Lists every person the caller may chat with, so a new chat starts from here:
// admin → teachers; teacher → the admin and the students of their classes; student → the teachers of their
// classes. Conversations with messages first (newest first), then the others by name.
export const messagesConversations = defineChannel({
  name: 'messages.conversations',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: strictObject({}),
  output: strictObject({ items: z.array(conversationSchema) }),
  summary:
    'Everyone the caller may chat with, with the last message and unread count. Admin ↔ teachers; ' +
    'teacher ↔ admin and their students; student ↔ their teachers.',
});

// everyone signed in, with a chat partner they may talk to (else NOT_FOUND). Pages backwards by time: the
// newest `limit` messages before `before`, oldest first. Reading a thread does not mark it read (markRead does).
export const messagesThread = defineChannel({
  name: 'messages.thread',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: strictObject({
    userId: objectId,
    before: dateInput.optional(),
    limit: z
      .number({ error: 'must be a number' })
      .int()
      .min(1)
      .max(THREAD_PAGE_MAX, `At most ${THREAD_PAGE_MAX} at once.`)
      .default(THREAD_PAGE_DEFAULT),
  }),
  output: strictObject({ items: z.array(messageSchema), hasMore: z.boolean() }),
  summary: 'Messages between the caller and one person, a page at a time going back in time.',
});

// everyone signed in, to a chat partner they may talk to (else NOT_FOUND). A voice note's file must be the
// caller's own upload with purpose `audio`; replyTo must be a message of this conversation.
export const messagesSend = defineChannel({
  name: 'messages.send',
  outbox: true,
  roles: ['admin', 'teacher', 'student'],
  input: strictObject({
    receiverId: objectId,
    message: optionalText(TEXT_LIMITS.message, { multiline: true }),
    audioFileId: objectId.optional(),
    replyTo: objectId.optional(),
  }).superRefine((v, ctx) => {
    // messageType follows from what is sent: text, or one voice note.
    if (v.message === undefined && v.audioFileId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['message'], message: 'Write a message or record a voice note.' });
    }
    if (v.message !== undefined && v.audioFileId !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['audioFileId'],
        message: 'Send text and a voice note separately.',
      });
    }
  }),
  output: messageSchema,
  summary:
    'Sends a text message or a voice note (optionally as a reply) to someone the caller may chat with.',
});

// everyone signed in: marks the messages that person sent to the caller as read.
export const messagesMarkRead = defineChannel({
  name: 'messages.markRead',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: strictObject({ userId: objectId }),
  output: strictObject({ updated: count }),
  summary: 'Marks every message from one person to the caller as read (their read receipts).',
});

// everyone signed in: deletes a message they sent (someone else's, or another institution's, is NOT_FOUND). Both
// sides then see "Message deleted"; a voice note's file is removed. Deleting it again changes nothing.
export const messagesDelete = defineDeleteChannel({
  name: 'messages.delete',
  roles: ['admin', 'teacher', 'student'],
  summary: 'Deletes a message the caller sent; both sides see "Message deleted" and a voice note is removed.',
});

// everyone signed in: clears the conversation with a chat partner from the caller's own view (the partner keeps
// it) and marks it read. Messages sent afterwards show as usual.
export const messagesClear = defineChannel({
  name: 'messages.clear',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: strictObject({ userId: objectId }),
  output: done,
  summary: 'Clears a conversation from the caller’s own view; the other person keeps it.',
});

// everyone signed in: their own unread counts (polled for badges).
export const messagesUnreadCounts = defineChannel({
  name: 'messages.unreadCounts',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: strictObject({}),
  output: strictObject({
    total: count,
    byUser: z.array(strictObject({ userId: objectId, unread: count })),
  }),
  summary: 'How many unread messages the caller has, in all and per sender.',
});
