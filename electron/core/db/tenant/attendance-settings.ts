import { Schema, type InferSchemaType } from 'mongoose';
import { ATTENDANCE_MODES } from '../../../../shared/domain';
import { guarded } from './common';

/**
 * How the school takes attendance (shared/domain.ts ATTENDANCE_MODES): one document, `key: 'attendance'`.
 * Absent until the admin chooses; the services read "daily" meanwhile.
 */
export const attendanceSettingsSchema = guarded(
  new Schema(
    {
      key: { type: String, required: true, enum: ['attendance'] },
      mode: { type: String, required: true, enum: ATTENDANCE_MODES },
    },
    { timestamps: { createdAt: false, updatedAt: true }, collection: 'attendance_settings' },
  ),
);
attendanceSettingsSchema.index({ key: 1 }, { unique: true });

export type AttendanceSettingsDoc = InferSchemaType<typeof attendanceSettingsSchema>;
