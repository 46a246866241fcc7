import { Schema, type InferSchemaType } from 'mongoose';
import {
  PERIOD_MAX,
  PERIOD_MIN,
  TEXT_LIMITS,
  TIME_SLOT_MESSAGE,
  WEEKDAYS,
  isValidTimeSlot,
} from '../../../../shared/domain';
import { followCircleWrites } from './circle-generation';
import { followReferenceWrites } from './reference-generation';
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
      /** The room, when the school has rooms: a room is in one place per day and period (checked by the service). */
      roomId: { type: Schema.Types.ObjectId, ref: 'Room' },
      /** The curriculum lesson the entry was generated from (the generator replaces these). */
      lessonId: { type: Schema.Types.ObjectId, ref: 'Lesson' },
      /**
       * A lesson taught to several classes or by several teachers together is one entry: `classId` and
       * `teacherId` are the first, these the others (the unique indexes above cover the first only).
       */
      alsoClassIds: { type: [{ type: Schema.Types.ObjectId, ref: 'Class' }], default: undefined },
      alsoTeacherIds: { type: [{ type: Schema.Types.ObjectId, ref: 'User' }], default: undefined },
    },
    { timestamps: { createdAt: true, updatedAt: false }, collection: 'schedules' },
  ),
);
// A timetable entry makes its teacher and class chat partners (circle-generation.ts).
followCircleWrites(scheduleSchema, ['teacherId', 'classId']);
// A teacher's classes kept for the lists (services/kept-references.ts).
followReferenceWrites(scheduleSchema, ['teacherId', 'classId', 'alsoTeacherIds', 'alsoClassIds']);
scheduleSchema.index({ teacherId: 1, day: 1 });
scheduleSchema.index({ classId: 1, day: 1 });
// Integrity: a teacher, or a class, is in one place per day and period.
scheduleSchema.index({ teacherId: 1, day: 1, period: 1 }, { unique: true });
scheduleSchema.index({ classId: 1, day: 1, period: 1 }, { unique: true });
// Not unique: most entries have no room, and partial indexes are outside the engine subset.
scheduleSchema.index({ roomId: 1, day: 1 });
scheduleSchema.index({ lessonId: 1 });
scheduleSchema.index({ alsoClassIds: 1 });
scheduleSchema.index({ alsoTeacherIds: 1 });

export type ScheduleDoc = InferSchemaType<typeof scheduleSchema>;
