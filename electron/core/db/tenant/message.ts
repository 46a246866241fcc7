import { Schema, type InferSchemaType } from 'mongoose';
import { TEXT_LIMITS } from '../../../../shared/domain';
import { followPastDayWrites } from '../past-day-counts';
import { guarded } from './common';
import { conversationKeyOf } from './conversation-key';
import { noteMessages, type WrittenMessage } from './conversation-summary';

export const MESSAGE_TYPES = ['text', 'audio'] as const;

export const messageSchema = guarded(
  new Schema(
    {
      senderId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
      receiverId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
      /**
       * conversationKeyOf(senderId, receiverId): a thread is one indexed key, newest first, where the two
       * directions as an $or would be two lookups and a sort.
       */
      conversationKey: { type: String, maxlength: 49 },
      message: { type: String, maxlength: TEXT_LIMITS.message, default: '' },
      messageType: { type: String, enum: MESSAGE_TYPES, default: 'text' },
      /** GridFS id of the voice note (audio messages). */
      filePath: { type: String },
      replyTo: { type: Schema.Types.ObjectId, ref: 'Message' },
      isRead: { type: Boolean, default: false },
      /** Deleted by its sender (messages.delete): text and voice note gone, the place in the thread kept. */
      deletedAt: { type: Date },
      timestamp: { type: Date, default: () => new Date() },
    },
    { collection: 'messages', versionKey: false },
  ),
);
messageSchema.pre('validate', function () {
  // Derived, so every way of writing a message (the service, an import, a test's insertMany) carries it.
  if (this.senderId && this.receiverId)
    this.conversationKey = conversationKeyOf(this.senderId, this.receiverId);
  if (this.messageType === 'text' && !this.message?.trim())
    this.invalidate('message', 'A text message needs text.');
  if (this.messageType === 'audio' && !this.filePath)
    this.invalidate('filePath', 'A voice message needs its recording.');
});
// The conversation summaries follow every message written (conversation-summary.ts). A writer that notes the
// summary itself, beside its other writes after the message, sets `$locals.summaryByCaller`.
messageSchema.pre('save', function () {
  this.$locals.created = this.isNew;
});
messageSchema.post('save', async function () {
  if (this.$locals.created !== true || this.$locals.summaryByCaller === true) return;
  await noteMessages(this.db, [this.toObject()]);
});
messageSchema.post('insertMany', async function (docs: unknown) {
  const written = (docs as Array<{ toObject(): WrittenMessage }>).map((d) => d.toObject());
  await noteMessages(this.db, written);
});
// The institution report keeps finished days' message counts (past-day-counts.ts).
followPastDayWrites(messageSchema, 'timestamp');
messageSchema.index({ senderId: 1, receiverId: 1 });
messageSchema.index({ timestamp: -1 });
messageSchema.index({ receiverId: 1, isRead: 1 });
messageSchema.index({ conversationKey: 1, timestamp: -1, _id: -1 });

export type MessageDoc = InferSchemaType<typeof messageSchema>;
