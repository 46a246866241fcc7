import { createHash } from 'node:crypto';
import { Schema, Types, type InferSchemaType } from 'mongoose';
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
      /** Imported public holidays: where they hold, and the key that makes an import add each one once. */
      country: { type: String, maxlength: 3 },
      region: { type: String, maxlength: 3 },
      holidayKey: { type: String, maxlength: 400 },
    },
    { timestamps: { createdAt: true, updatedAt: false }, collection: 'calendars' },
  ),
);
calendarSchema.pre('validate', function () {
  this.isHoliday = this.type === 'holiday';
});
calendarSchema.index({ date: 1 });

export type CalendarDoc = InferSchemaType<typeof calendarSchema>;

/**
 * The `_id` of an imported public holiday: the first 12 bytes of the SHA-256 of its key (country, region, day,
 * name). The `_id` index is unique on every engine, so importing the same holiday twice, even twice at once,
 * stores it once; entries typed by hand keep generated ids and never collide with these.
 */
export function publicHolidayId(key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(key).digest().subarray(0, 12));
}
