import { Schema, type InferSchemaType } from 'mongoose';
import { TEXT_LIMITS } from '../../../../shared/domain';
import { ROLES } from '../../../../shared/roles';
import { guarded } from './common';

/**
 * Not in the seed: notices the admin publishes to teachers, students or both. Who has read one is kept in
 * `noticereads` (notice-read.ts), not inside it; an older version's `readBy` list is moved there when the
 * institution is first opened (backfill-notice-reads.ts).
 */
export const noticeSchema = guarded(
  new Schema(
    {
      title: { type: String, required: true, trim: true, minlength: 1, maxlength: TEXT_LIMITS.title },
      body: { type: String, required: true, trim: true, minlength: 1, maxlength: TEXT_LIMITS.noticeBody },
      audience: {
        type: [{ type: String, enum: ROLES }],
        required: true,
        validate: {
          validator: (roles: string[]) => roles.length > 0 && new Set(roles).size === roles.length,
          message: 'A notice is addressed to one or more distinct roles.',
        },
      },
      /** The admin's id in the master registry. */
      createdBy: { type: Schema.Types.ObjectId, required: true },
      /**
       * Narrower than the audience's role (issue 19): the students of these classes (an assignment's notice), or
       * these people (a due-date reminder). Absent, never empty, on a notice to the whole role.
       */
      classIds: { type: [Schema.Types.ObjectId], default: undefined },
      recipientIds: { type: [Schema.Types.ObjectId], default: undefined },
      /** The assignment a notice announces or reminds of. */
      assignmentId: { type: Schema.Types.ObjectId },
      updatedBy: { type: Schema.Types.ObjectId },
      editedAt: { type: Date },
    },
    { timestamps: { createdAt: true, updatedAt: false }, collection: 'notices', versionKey: false },
  ),
);
noticeSchema.index({ createdAt: -1 });

export type NoticeDoc = InferSchemaType<typeof noticeSchema>;
