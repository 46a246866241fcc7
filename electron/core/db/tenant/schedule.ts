import { Schema, type InferSchemaType } from 'mongoose';
import { guarded, parseTimeSlot, WEEKDAYS } from './common';

export const scheduleSchema = guarded(
  new Schema(
    {
      teacherId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
      classId: { type: Schema.Types.ObjectId, ref: 'Class', required: true },
      subject: { type: String, required: true, trim: true, minlength: 1, maxlength: 100 },
      day: { type: String, required: true, enum: WEEKDAYS },
      period: { type: Number, required: true, min: 1, max: 10, validate: Number.isInteger },
      timeSlot: {
        type: String,
        required: true,
        validate: {
          validator: (slot: string) => {
            const parsed = parseTimeSlot(slot);
            return parsed !== null && parsed.start < parsed.end;
          },
          message: 'A time slot is HH:MM-HH:MM and ends after it starts.',
        },
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
