import { Schema } from 'mongoose';

/** The fields every activity entry has, in the institution's log and in the master log alike. */
export const ACTIVITY_ENTRY_FIELDS = {
  username: { type: String, required: true, maxlength: 64 },
  action: { type: String, required: true, maxlength: 64 },
  targetType: { type: String, required: true, maxlength: 64 },
  targetId: { type: Schema.Types.ObjectId },
  targetName: { type: String, maxlength: 300 },
  details: { type: Schema.Types.Mixed },
  ipAddress: { type: String, default: 'local', maxlength: 64 },
  userAgent: { type: String, default: '', maxlength: 300 },
  timestamp: { type: Date, default: () => new Date() },
} as const;
