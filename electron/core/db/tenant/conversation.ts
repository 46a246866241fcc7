import { Schema, type InferSchemaType } from 'mongoose';
import { guarded } from './common';
import { MESSAGE_TYPES } from '../../../../shared/domain';

/**
 * One conversation's summary, kept up to date with every message sent and read: the conversation list and
 * the unread badges read these few documents instead of the messages themselves (docs/architecture.md,
 * "Queries the engine answers from an index").
 */
export const conversationSchema = guarded(
  new Schema(
    {
      /** conversationKeyOf(the two members): the same key the conversation's messages carry. */
      key: { type: String, required: true, maxlength: 49 },
      members: {
        type: [{ type: Schema.Types.ObjectId, ref: 'User' }],
        validate: (ids: unknown[]) => ids.length === 2,
      },
      lastMessageId: { type: Schema.Types.ObjectId, ref: 'Message', required: true },
      lastSenderId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
      lastMessageType: { type: String, enum: MESSAGE_TYPES, required: true },
      /** The start of the last text message ("" for a voice note). */
      lastPreview: { type: String, default: '', maxlength: 200 },
      lastAt: { type: Date, required: true },
      /** Unread messages by member id (hex): those sent to that member that they have not read. */
      unread: { type: Map, of: Number, default: () => new Map() },
      /** The newest message was deleted by its sender: lists say so instead of its text. */
      lastDeleted: { type: Boolean, default: false },
      /** Per member id (hex): they cleared the conversation from their view at this instant (messages.clear). */
      clearedAt: { type: Map, of: Date, default: () => new Map() },
    },
    { collection: 'conversations', versionKey: false },
  ),
);
conversationSchema.index({ key: 1 }, { unique: true });
conversationSchema.index({ members: 1 });

export type ConversationDoc = InferSchemaType<typeof conversationSchema>;

export { conversationKeyOf } from './conversation-key';
