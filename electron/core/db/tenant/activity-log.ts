import { Schema, type InferSchemaType } from 'mongoose';
import { ACTIVITY_ENTRY_FIELDS } from '../activity-fields';
import { followPastDayWrites } from '../past-day-counts';
import { guarded } from './common';

export const activityLogSchema = guarded(
  new Schema(
    {
      userId: { type: Schema.Types.ObjectId },
      role: { type: String, required: true, maxlength: 16 },
      ...ACTIVITY_ENTRY_FIELDS,
    },
    { collection: 'activitylogs', versionKey: false },
  ),
);
// The institution report keeps finished days' login counts (past-day-counts.ts).
followPastDayWrites(activityLogSchema, 'timestamp');
activityLogSchema.index({ timestamp: -1 });
activityLogSchema.index({ userId: 1, timestamp: -1 });
activityLogSchema.index({ action: 1, timestamp: -1 });
activityLogSchema.index({ targetType: 1, timestamp: -1 });

export type ActivityLogDoc = InferSchemaType<typeof activityLogSchema>;
