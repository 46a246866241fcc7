import { Schema, type InferSchemaType } from 'mongoose';
import { TEXT_LIMITS } from '../../../../shared/domain';
import { guarded } from './common';

export const CALENDAR_TYPES = ['holiday', 'event'] as const;

export const calendarSchema = guarded(
  new Schema(
    {
      title: { type: String, required: true, trim: true, minlength: 1, maxlength: TEXT_LIMITS.title },
      description: { type: String, trim: true, maxlength: TEXT_LIMITS.description, default: '' },
      date: { type: Date, required: true },
      type: { type: String, required: true, enum: CALENDAR_TYPES },
      /** Kept with `type` as the seed has both; always `type === 'holiday'`. */
      isHoliday: { type: Boolean, default: false },
      createdBy: { type: Schema.Types.ObjectId, required: true },
    },
    { timestamps: { createdAt: true, updatedAt: false }, collection: 'calendars' },
  ),
);
calendarSchema.pre('validate', function () {
  this.isHoliday = this.type === 'holiday';
});
calendarSchema.index({ date: 1 });

export type CalendarDoc = InferSchemaType<typeof calendarSchema>;
