/**
 * The life of one student's hand-in, the same on the server (assignments, analytics) and in the renderer:
 * nothing handed in → `pending`, or `overdue` after the due date; handed in → `submitted`; graded → `graded`.
 * A teacher may reject or reassign work, which sends it back: the student may hand in again and, until then, it
 * counts as not handed in. Pure functions, unit-tested without an engine (tests/unit/submission-rules.test.ts).
 */
import type { SubmissionState } from './domain';

/** What the rules read of a stored or transmitted submission (absent and null mean the same). */
export interface SubmissionFacts {
  status?: string | null | undefined;
  outcome?: string | null | undefined;
  submittedAt?: Date | null | undefined;
}

/** Rejected and reassigned work is back with the student, who may hand it in again. */
export function isSentBack(row: Pick<SubmissionFacts, 'outcome'>): boolean {
  return row.outcome === 'rejected' || row.outcome === 'reassigned';
}

/**
 * What a row shows: `submitted` or `graded` as stored; otherwise (nothing handed in, or work sent back)
 * `pending`, or `overdue` once the due date has passed.
 */
export function submissionState(
  row: Pick<SubmissionFacts, 'status'> | undefined,
  dueDate: Date,
  at: Date,
): SubmissionState {
  if (row?.status === 'submitted' || row?.status === 'graded') return row.status;
  return dueDate.getTime() < at.getTime() ? 'overdue' : 'pending';
}

/** The teacher may review or grade a row that was handed in and is not sent back. */
export function canReview(row: Pick<SubmissionFacts, 'submittedAt' | 'outcome'>): boolean {
  return row.submittedAt != null && !isSentBack(row);
}

/** The student may hand in when nothing was handed in yet, or the work was sent back. */
export function canSubmit(row: Pick<SubmissionFacts, 'submittedAt' | 'outcome'> | undefined): boolean {
  return !row || row.submittedAt == null || isSentBack(row);
}

/** Handed in after the due date. */
export function isLate(row: Pick<SubmissionFacts, 'submittedAt'>, dueDate: Date): boolean {
  return row.submittedAt != null && row.submittedAt.getTime() > dueDate.getTime();
}
