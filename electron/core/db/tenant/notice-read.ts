import { Schema, type InferSchemaType } from 'mongoose';
import { guarded } from './common';

/**
 * Not in the seed: who has read which notice, one small document per reader and notice. Kept apart from the
 * notice because the engine decodes a document whole: with the marks inside, a list of 20 notices decoded every
 * reader's id (about 2,000 each after a school year). The list asks "which of these notices has this person
 * read" (`userId` + `noticeId $in`, the unique index); deleting a notice removes its marks (`noticeId`).
 */
export const noticeReadSchema = guarded(
  new Schema(
    {
      noticeId: { type: Schema.Types.ObjectId, required: true },
      /** A tenant user's id, or the admin's registry id. */
      userId: { type: Schema.Types.ObjectId, required: true },
      /** When it was read; absent on marks moved from an older version, whose time was not recorded. */
      readAt: { type: Date },
    },
    { collection: 'noticereads', versionKey: false },
  ),
);
// Unique: marking twice (or twice at once) keeps one mark.
noticeReadSchema.index({ userId: 1, noticeId: 1 }, { unique: true });
noticeReadSchema.index({ noticeId: 1 });

export type NoticeReadDoc = InferSchemaType<typeof noticeReadSchema>;
