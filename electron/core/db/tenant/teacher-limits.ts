import { Schema, type InferSchemaType } from 'mongoose';
import { PERIOD_MAX, PERIOD_MIN, WEEKDAYS } from '../../../../shared/domain';
import { guarded } from './common';

/** A teacher's limits for the timetable: slots they cannot teach, most periods a day, most days a week. */
export const teacherLimitsSchema = guarded(
  new Schema(
    {
      teacherId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
      unavailable: {
        type: [
          new Schema(
            {
              day: { type: String, required: true, enum: WEEKDAYS },
              period: { type: Number, required: true, min: PERIOD_MIN, max: PERIOD_MAX },
            },
            { _id: false },
          ),
        ],
        default: [],
      },
      maxPeriodsPerDay: { type: Number, min: 1, max: PERIOD_MAX, validate: Number.isInteger },
      maxDaysPerWeek: { type: Number, min: 1, max: WEEKDAYS.length, validate: Number.isInteger },
    },
    { timestamps: { createdAt: false, updatedAt: true }, collection: 'teacher_limits' },
  ),
);
teacherLimitsSchema.index({ teacherId: 1 }, { unique: true });

export type TeacherLimitsDoc = InferSchemaType<typeof teacherLimitsSchema>;
