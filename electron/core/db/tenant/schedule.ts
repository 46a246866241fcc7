import { Schema, type InferSchemaType } from 'mongoose';
import {
  PERIOD_MAX,
  PERIOD_MIN,
  TEXT_LIMITS,
  TIME_SLOT_MESSAGE,
  WEEKDAYS,
  isValidTimeSlot,
} from '../../../../shared/domain';
import { guarded } from './common';

export const scheduleSchema = guarded(
  new Schema(
    {
      teacherId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
      classId: { type: Schema.Types.ObjectId, ref: 'Class', required: true },
      subject: { type: String, required: true, trim: true, minlength: 1, maxlength: TEXT_LIMITS.subjectName },
      day: { type: String, required: true, enum: WEEKDAYS },
      period: { type: Number, required: true, min: PERIOD_MIN, max: PERIOD_MAX, validate: Number.isInteger },
      timeSlot: {
        type: String,
        required: true,
        validate: { validator: isValidTimeSlot, message: `Time slot: ${TIME_SLOT_MESSAGE}` },
      },
    },
    { timestamps: { createdAt: true, updatedAt: false }, collection: 'schedules' },
  ),
);
scheduleSchema.index({ teacherId: 1, day: 1 });
scheduleSchema.index({ classId: 1, day: 1 });
// Integrity: a teacher, or a class, is in one place per day and period.
scheduleSchema.index({ teacherId: 1, day: 1, period: 1 }, { unique: true });
scheduleSchema.index({ classId: 1, day: 1, period: 1 }, { unique: true });

export type ScheduleDoc = InferSchemaType<typeof scheduleSchema>;
