import { Schema, type InferSchemaType } from 'mongoose';
import {
  ATTENDANCE_LIMITS,
  ATTENDANCE_STATUSES,
  PERIOD_MAX,
  SCHOOL_DAY_PATTERN,
  TEXT_LIMITS,
} from '../../../../shared/domain';
import { guarded } from './common';

/**
 * One register: a class on a school day (`period` 0) or in one lesson. Its marks live inside it, so saving a
 * register of 40 is one write; the counts beside them let rates be summed without reading every mark.
 */
const markSchema = new Schema(
  {
    studentId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, required: true, enum: ATTENDANCE_STATUSES },
    lateMinutes: { type: Number, min: 1, max: ATTENDANCE_LIMITS.lateMinutesMax },
    reason: { type: String, maxlength: ATTENDANCE_LIMITS.reason },
  },
  { _id: false },
);

export const attendanceSchema = guarded(
  new Schema(
    {
      classId: { type: Schema.Types.ObjectId, required: true },
      /** `YYYY-MM-DD` in the school's calendar: compared as text, ranges included. */
      date: { type: String, required: true, match: SCHOOL_DAY_PATTERN },
      period: { type: Number, required: true, min: 0, max: PERIOD_MAX, validate: Number.isInteger },
      /** A lesson's register: the timetable's subject when it was taken (the timetable may change later). */
      subject: { type: String, maxlength: TEXT_LIMITS.subjectName },
      marks: { type: [markSchema], default: [] },
      present: { type: Number, default: 0 },
      absent: { type: Number, default: 0 },
      late: { type: Number, default: 0 },
      excused: { type: Number, default: 0 },
      markedBy: { type: Schema.Types.ObjectId, required: true },
      markedAt: { type: Date, required: true },
      corrections: { type: Number, default: 0 },
    },
    { collection: 'attendance', optimisticConcurrency: true },
  ),
);
// One register per class, day and period; the office reads a day across the school.
attendanceSchema.index({ classId: 1, date: 1, period: 1 }, { unique: true });
attendanceSchema.index({ date: 1, classId: 1 });

export type AttendanceDoc = InferSchemaType<typeof attendanceSchema>;
