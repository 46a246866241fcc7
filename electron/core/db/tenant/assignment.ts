import { Schema, type InferSchemaType } from 'mongoose';
import { followAssignmentWrites } from './figures-upkeep';
import { ASSIGNMENT_STATUSES, REVIEW_OUTCOMES, TEXT_LIMITS } from '../../../../shared/domain';
import { guarded } from './common';

export { REVIEW_OUTCOMES };
/** The seed's stored statuses; `overdue` is computed when shown, never stored. */
export const SUBMISSION_STATUSES = ASSIGNMENT_STATUSES;

/**
 * One student's row, created by their first hand-in. The lifecycle (services/assignments.ts):
 * - submit: status `submitted`, no outcome yet;
 * - review accept: outcome `accepted` (isAccepted true), status unchanged, ready for a grade;
 * - review reject or reassign: outcome `rejected` / `reassigned` (isAccepted false), status back to `pending`:
 *   the work is with the student again, who may resubmit (neither outcome is final);
 * - grade: status `graded`, outcome `accepted`;
 * - resubmit (only after reject or reassign): status `submitted`, outcome, grade and feedback cleared.
 */
const submissionSchema = new Schema(
  {
    studentId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    submittedAt: { type: Date },
    /** GridFS file ids in this tenant. */
    files: { type: [String], default: [] },
    note: { type: String, maxlength: TEXT_LIMITS.note },
    status: { type: String, enum: SUBMISSION_STATUSES, default: 'pending' },
    grade: { type: Number, min: 0, max: 100 },
    feedback: { type: String, maxlength: TEXT_LIMITS.feedback },
    isAccepted: { type: Boolean },
    outcome: { type: String, enum: REVIEW_OUTCOMES },
    reviewedAt: { type: Date },
    gradedAt: { type: Date },
  },
  { _id: true },
);

export const assignmentSchema = guarded(
  new Schema(
    {
      title: { type: String, required: true, trim: true, minlength: 1, maxlength: TEXT_LIMITS.title },
      description: { type: String, trim: true, maxlength: TEXT_LIMITS.description, default: '' },
      teacherId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
      classIds: { type: [{ type: Schema.Types.ObjectId, ref: 'Class' }], default: [] },
      dueDate: { type: Date, required: true },
      /** The day-before reminder went out (services/due-reminders.ts); cleared when the due date moves. */
      reminderSentAt: { type: Date },
      /** GridFS file ids in this tenant (the seed's "file paths"). */
      attachments: { type: [String], default: [] },
      submissions: { type: [submissionSchema], default: [] },
    },
    // Submissions are edited by read-change-save; optimistic concurrency turns a race into a retry.
    {
      timestamps: { createdAt: true, updatedAt: false },
      collection: 'assignments',
      optimisticConcurrency: true,
    },
  ),
);
// The institution report's figures follow every assignment written (figures-upkeep.ts).
followAssignmentWrites(assignmentSchema);
assignmentSchema.index({ teacherId: 1, createdAt: -1 });
assignmentSchema.index({ classIds: 1, dueDate: 1 });
assignmentSchema.index({ 'submissions.studentId': 1 });
// files.get checks who may read an attachment by the assignments that hold it.
assignmentSchema.index({ attachments: 1 });

export type AssignmentDoc = InferSchemaType<typeof assignmentSchema>;
