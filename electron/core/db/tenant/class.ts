import { Schema, type InferSchemaType } from 'mongoose';
import { guarded } from './common';

export const classSchema = guarded(
  new Schema(
    {
      /** "Class 10-A" */
      name: { type: String, required: true, trim: true, minlength: 1, maxlength: 100 },
      grade: { type: Number, required: true, min: 1, max: 12, validate: Number.isInteger },
      /** "A", "B", "C" */
      section: { type: String, required: true, trim: true, uppercase: true, minlength: 1, maxlength: 10 },
      teacherId: { type: Schema.Types.ObjectId, ref: 'User' },
      students: { type: [{ type: Schema.Types.ObjectId, ref: 'User' }], default: [] },
      maxStudents: {
        type: Number,
        required: true,
        min: 1,
        max: 500,
        default: 40,
        validate: Number.isInteger,
      },
      subjects: { type: [{ type: String, trim: true, maxlength: 100 }], default: [] },
    },
    { timestamps: true, collection: 'classes', optimisticConcurrency: true },
  ),
);
classSchema.path('students').validate(function (this: { maxStudents: number }, students: unknown[]) {
  return students.length <= this.maxStudents;
}, 'The class is full: it has more students than its capacity.');
// The seed's index, unique: a school has one "10-A".
classSchema.index({ grade: 1, section: 1 }, { unique: true });
classSchema.index({ teacherId: 1 });
classSchema.index({ students: 1 });

export type ClassDoc = InferSchemaType<typeof classSchema>;
