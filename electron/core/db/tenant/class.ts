import { Schema, type InferSchemaType } from 'mongoose';
import {
  CLASS_CAPACITY_MAX,
  CLASS_CAPACITY_MIN,
  GRADE_MAX,
  GRADE_MIN,
  TEXT_LIMITS,
} from '../../../../shared/domain';
import { followCircleWrites } from './circle-generation';
import { followRosterWrites } from './roster-generation';
import { guarded } from './common';
import { followClassWrites } from './figures-upkeep';

export const classSchema = guarded(
  new Schema(
    {
      /** "Class 10-A" */
      name: { type: String, required: true, trim: true, minlength: 1, maxlength: TEXT_LIMITS.className },
      grade: { type: Number, required: true, min: GRADE_MIN, max: GRADE_MAX, validate: Number.isInteger },
      /** "A", "B", "C" */
      section: {
        type: String,
        required: true,
        trim: true,
        uppercase: true,
        minlength: 1,
        maxlength: TEXT_LIMITS.section,
      },
      teacherId: { type: Schema.Types.ObjectId, ref: 'User' },
      students: { type: [{ type: Schema.Types.ObjectId, ref: 'User' }], default: [] },
      maxStudents: {
        type: Number,
        required: true,
        min: CLASS_CAPACITY_MIN,
        max: CLASS_CAPACITY_MAX,
        default: 40,
        validate: Number.isInteger,
      },
      subjects: { type: [{ type: String, trim: true, maxlength: TEXT_LIMITS.subjectName }], default: [] },
    },
    { timestamps: true, collection: 'classes', optimisticConcurrency: true },
  ),
);
classSchema.path('students').validate(function (this: { maxStudents: number }, students: unknown[]) {
  return students.length <= this.maxStudents;
}, 'The class is full: it has more students than its capacity.');
// The seed's index, unique: a school has one "10-A".
// A class's students are rows of its assignments' figures (figures-upkeep.ts).
followClassWrites(classSchema);
// A class's teacher and students are chat partners (circle-generation.ts).
followCircleWrites(classSchema, ['teacherId', 'students']);
// Which class each student is in, by name, is kept per tenant (services/users.ts, the people list).
followRosterWrites(classSchema);
classSchema.index({ grade: 1, section: 1 }, { unique: true });
classSchema.index({ teacherId: 1 });
classSchema.index({ students: 1 });

export type ClassDoc = InferSchemaType<typeof classSchema>;
