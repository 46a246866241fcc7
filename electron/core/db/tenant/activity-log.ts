import { Schema, type InferSchemaType } from 'mongoose';
import { guarded } from './common';

export const activityLogSchema = guarded(
  new Schema(
    {
      userId: { type: Schema.Types.ObjectId },
      username: { type: String, required: true, maxlength: 64 },
      role: { type: String, required: true, maxlength: 16 },
      action: { type: String, required: true, maxlength: 64 },
      targetType: { type: String, required: true, maxlength: 64 },
      targetId: { type: Schema.Types.ObjectId },
      targetName: { type: String, maxlength: 300 },
      details: { type: Schema.Types.Mixed },
      ipAddress: { type: String, default: 'local', maxlength: 64 },
      userAgent: { type: String, default: '', maxlength: 300 },
      timestamp: { type: Date, default: () => new Date() },
    },
    { collection: 'activitylogs', versionKey: false },
  ),
);
activityLogSchema.index({ timestamp: -1 });
activityLogSchema.index({ userId: 1, timestamp: -1 });
activityLogSchema.index({ action: 1, timestamp: -1 });
activityLogSchema.index({ targetType: 1, timestamp: -1 });

export type ActivityLogDoc = InferSchemaType<typeof activityLogSchema>;
