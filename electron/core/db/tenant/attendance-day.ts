import { Schema, type InferSchemaType } from 'mongoose';
import { ATTENDANCE_LIMITS, PERIOD_MAX, SCHOOL_DAY_PATTERN } from '../../../../shared/domain';
import { guarded } from './common';

/**
 * The office's view of one school day, kept beside the registers: which registers were taken with their counts,
 * and every mark that is not "present", with the names as they were when marked. Reading a day is one small document instead
 * of every class's register with all its marks (the engine decodes each whole: 150 registers took 300 ms).
 * Written with each register save or excusal; rebuilt from the registers when it is missing or counts fewer
 * registers than there are (data from before it existed, or a save that failed half-way).
 */
const takenSchema = new Schema(
  {
    classId: { type: Schema.Types.ObjectId, required: true },
    period: { type: Number, required: true, min: 0, max: PERIOD_MAX },
    // The register's counts, so school-wide rates read one document a day.
    present: { type: Number, default: 0 },
    absent: { type: Number, default: 0 },
    late: { type: Number, default: 0 },
    excused: { type: Number, default: 0 },
  },
  { _id: false },
);

const awaySchema = new Schema(
  {
    classId: { type: Schema.Types.ObjectId, required: true },
    className: { type: String, required: true },
    period: { type: Number, required: true, min: 0, max: PERIOD_MAX },
    studentId: { type: Schema.Types.ObjectId, required: true },
    studentName: { type: String, required: true },
    status: { type: String, required: true, enum: ['absent', 'late', 'excused'] },
    lateMinutes: { type: Number, min: 1, max: ATTENDANCE_LIMITS.lateMinutesMax },
    reason: { type: String, maxlength: ATTENDANCE_LIMITS.reason },
    markedBy: { type: String, required: true },
  },
  { _id: false },
);

export const attendanceDaySchema = guarded(
  new Schema(
    {
      date: { type: String, required: true, match: SCHOOL_DAY_PATTERN },
      registers: { type: [takenSchema], default: [] },
      away: { type: [awaySchema], default: [] },
    },
    { collection: 'attendancedays', optimisticConcurrency: true },
  ),
);
attendanceDaySchema.index({ date: 1 }, { unique: true });

export type AttendanceDayDoc = InferSchemaType<typeof attendanceDaySchema>;
