import { Schema, type InferSchemaType } from 'mongoose';
import { guarded } from './common';

export const MESSAGE_TYPES = ['text', 'audio'] as const;

export const messageSchema = guarded(
  new Schema(
    {
      senderId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
      receiverId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
      message: { type: String, maxlength: 4000, default: '' },
      messageType: { type: String, enum: MESSAGE_TYPES, default: 'text' },
      /** GridFS id of the voice note (audio messages). */
      filePath: { type: String },
      replyTo: { type: Schema.Types.ObjectId, ref: 'Message' },
      isRead: { type: Boolean, default: false },
      timestamp: { type: Date, default: () => new Date() },
    },
    { collection: 'messages', versionKey: false },
  ),
);
messageSchema.pre('validate', function () {
  if (this.messageType === 'text' && !this.message?.trim())
    this.invalidate('message', 'A text message needs text.');
  if (this.messageType === 'audio' && !this.filePath)
    this.invalidate('filePath', 'A voice message needs its recording.');
});
messageSchema.index({ senderId: 1, receiverId: 1 });
messageSchema.index({ timestamp: -1 });
messageSchema.index({ receiverId: 1, isRead: 1 });

export type MessageDoc = InferSchemaType<typeof messageSchema>;
