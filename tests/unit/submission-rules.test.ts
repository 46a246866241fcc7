import { describe, expect, it } from 'vitest';
import { canReview, canSubmit, isLate, isSentBack, submissionState } from '../../shared/submission-rules';

const due = new Date('2030-03-12T17:00:00Z');
const before = new Date('2030-03-12T16:00:00Z');
const after = new Date('2030-03-13T09:00:00Z');

describe('a hand-in from start to grade', () => {
  it('nothing handed in: pending, then overdue after the due date', () => {
    expect(submissionState(undefined, due, before)).toBe('pending');
    expect(submissionState(undefined, due, after)).toBe('overdue');
    expect(submissionState({ status: 'pending' }, due, after)).toBe('overdue');
    expect(canSubmit(undefined)).toBe(true);
  });

  it('handed in: submitted whatever the clock says; the teacher may review it and the student may not hand in', () => {
    const row = { status: 'submitted', submittedAt: before, outcome: null };
    expect(submissionState(row, due, after)).toBe('submitted');
    expect(canReview(row)).toBe(true);
    expect(canSubmit(row)).toBe(false);
    expect(isLate(row, due)).toBe(false);
    expect(isLate({ submittedAt: after }, due)).toBe(true);
  });

  it('sent back (rejected or reassigned): with the student again, counted as not handed in', () => {
    for (const outcome of ['rejected', 'reassigned']) {
      const row = { status: 'pending', submittedAt: before, outcome };
      expect(isSentBack(row)).toBe(true);
      expect(canSubmit(row)).toBe(true);
      expect(canReview(row)).toBe(false);
      expect(submissionState(row, due, after)).toBe('overdue');
    }
  });

  it('accepted and graded: graded; not sent back', () => {
    const row = { status: 'graded', submittedAt: before, outcome: 'accepted' };
    expect(submissionState(row, due, after)).toBe('graded');
    expect(isSentBack(row)).toBe(false);
    expect(canSubmit(row)).toBe(false);
  });
});
