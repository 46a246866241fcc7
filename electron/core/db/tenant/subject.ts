import { Schema, type InferSchemaType } from 'mongoose';
import { GRADE_MAX, GRADE_MIN, TEXT_LIMITS } from '../../../../shared/domain';
import { guarded } from './common';

export const subjectSchema = guarded(
  new Schema(
    {
      /** "Mathematics" */
      name: { type: String, required: true, trim: true, minlength: 1, maxlength: TEXT_LIMITS.subjectName },
      /** "MATH101" */
      code: { type: String, required: true, trim: true, uppercase: true, match: /^[A-Z0-9_-]{1,20}$/ },
      grade: { type: Number, required: true, min: GRADE_MIN, max: GRADE_MAX, validate: Number.isInteger },
      teacherId: { type: Schema.Types.ObjectId, ref: 'User' },
      description: { type: String, trim: true, maxlength: TEXT_LIMITS.subjectDescription, default: '' },
    },
    { timestamps: { createdAt: true, updatedAt: false }, collection: 'subjects' },
  ),
);
// Integrity: a subject code is unique per grade.
subjectSchema.index({ grade: 1, code: 1 }, { unique: true });
subjectSchema.index({ teacherId: 1 });

export type SubjectDoc = InferSchemaType<typeof subjectSchema>;
