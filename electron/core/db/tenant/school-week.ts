import { Schema, type InferSchemaType } from 'mongoose';
import { PERIOD_MAX, TIME_SLOT_MESSAGE, WEEKDAYS, isValidTimeSlot } from '../../../../shared/domain';
import { guarded } from './common';

/**
 * The school's week (shared/school-week.ts): one document, `key: 'week'`. Absent until the admin saves a week;
 * the services use DEFAULT_WEEK meanwhile.
 */
export const schoolWeekSchema = guarded(
  new Schema(
    {
      key: { type: String, required: true, enum: ['week'] },
      days: {
        type: [{ type: String, enum: WEEKDAYS }],
        validate: {
          validator: (d: unknown[]) => d.length >= 1 && d.length <= 7,
          message: '1–7 working days.',
        },
      },
      periods: {
        type: [
          new Schema(
            {
              timeSlot: {
                type: String,
                required: true,
                validate: { validator: isValidTimeSlot, message: `Time slot: ${TIME_SLOT_MESSAGE}` },
              },
              breakAfter: { type: Boolean, default: false },
            },
            { _id: false },
          ),
        ],
        validate: {
          validator: (p: unknown[]) => p.length >= 1 && p.length <= PERIOD_MAX,
          message: `1–${PERIOD_MAX} periods.`,
        },
      },
    },
    { timestamps: { createdAt: false, updatedAt: true }, collection: 'school_week' },
  ),
);
schoolWeekSchema.index({ key: 1 }, { unique: true });

export type SchoolWeekDoc = InferSchemaType<typeof schoolWeekSchema>;
