/**
 * How assignments read to people: labels and colours per state and review outcome, dates in the user's locale,
 * and what each side may do with a row next (the same rules the service enforces, so buttons match answers).
 */
import type { ReviewDecision, ReviewOutcome, SubmissionState } from '../../../../../shared/domain';

/**
 * Badge looks with AA contrast in light and dark: outline badges take the hue's text colour (theme.ts), filled
 * badges a dark enough shade for white text. Overdue is filled red, so it stands out in any list.
 */
export interface BadgeLook {
  label: string;
  color: string;
  variant: 'outline' | 'filled';
}

export const STATE_META: Readonly<Record<SubmissionState, BadgeLook>> = {
  pending: { label: 'Pending', color: 'gray', variant: 'outline' },
  submitted: { label: 'Submitted', color: 'indigo', variant: 'outline' },
  graded: { label: 'Graded', color: 'teal.9', variant: 'filled' },
  overdue: { label: 'Overdue', color: 'red.8', variant: 'filled' },
};

export const OUTCOME_META: Readonly<Record<ReviewOutcome, BadgeLook>> = {
  accepted: { label: 'Accepted', color: 'teal', variant: 'outline' },
  rejected: { label: 'Rejected', color: 'red', variant: 'outline' },
  reassigned: { label: 'Reassigned', color: 'grape', variant: 'outline' },
};

export const DECISION_LABELS: Readonly<Record<ReviewDecision, string>> = {
  accept: 'Accept',
  reject: 'Reject',
  reassign: 'Reassign',
};

export const DECISION_SUCCESS: Readonly<Record<ReviewDecision, string>> = {
  accept: 'Accepted; you can grade it now.',
  reject: 'Rejected; the student can hand in again.',
  reassign: 'Reassigned; the student can hand in again.',
};

/** "12 Mar 2030, 17:00" in the user's locale. */
export function formatDateTime(date: Date): string {
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "Wed, 12 Mar 2030" in the user's locale. */
export function formatDay(date: Date): string {
  return date.toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}

// The submission rules (sent back, may review, may hand in, late) are the server's too: shared/submission-rules.ts.
export { canReview, canSubmit, isLate, isSentBack } from '../../../../../shared/submission-rules';

const OBJECT_ID = /^[0-9a-f]{24}$/i;
export function isObjectId(id: string | undefined): id is string {
  return id !== undefined && OBJECT_ID.test(id);
}

/** `YYYY-MM-DD` and `HH:MM` of a date in the user's time zone (the due date fields). */
export function splitLocal(date: Date): { day: string; time: string } {
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    day: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`,
    time: `${pad(date.getHours())}:${pad(date.getMinutes())}`,
  };
}

/** The instant of a local day and time, or null when either is not readable. */
export function joinLocal(day: string | null, time: string): Date | null {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^\d{1,2}:\d{2}$/.test(time)) return null;
  const [y, m, d] = day.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  if (y === undefined || m === undefined || d === undefined || h === undefined || min === undefined)
    return null;
  const date = new Date(y, m - 1, d, h, min, 0, 0);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The due date a new assignment starts with: a week ahead at 17:00 (the end of a school day, not a Sunday
 * midnight), moved to the Monday when a week ahead falls on a weekend.
 */
export function defaultDueDate(now: Date): Date {
  const due = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 7, 17, 0, 0, 0);
  const weekday = due.getDay();
  if (weekday === 6) due.setDate(due.getDate() + 2);
  if (weekday === 0) due.setDate(due.getDate() + 1);
  return due;
}

/**
 * A typed due day as `YYYY-MM-DD`: the ISO form, or the form the field displays ("Mon, 7 Dec 2026" in the
 * user's locale, which the browser's date parser reads). A year is required, so "Dec 7" is not read as 2001.
 */
export function parseDay(text: string): string | null {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed;
  if (!/\b\d{4}\b/.test(trimmed)) return null;
  const date = new Date(trimmed);
  return Number.isNaN(date.getTime()) ? null : splitLocal(date).day;
}
