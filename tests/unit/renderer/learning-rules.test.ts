/**
 * The pure rules behind the teacher's and student's learning pages: file checks before an upload, the week
 * grid's shape and "now/next" markers, and which review and hand-in actions a row allows.
 */
import { describe, expect, it } from 'vitest';
import type { ScheduleDto } from '../../../shared/contract';
import type { Weekday } from '../../../shared/domain';
import {
  canReview,
  canSubmit,
  isLate,
  isObjectId,
  joinLocal,
  splitLocal,
} from '../../../renderer/src/features/assignments/utils/assignment-rules';
import {
  cellKey,
  cellsOf,
  daysToShow,
  entriesOfDay,
  periodsToShow,
  timingOf,
  weekdayOf,
} from '../../../renderer/src/features/timetable-view/utils/week';
import {
  acceptOf,
  checkFile,
  describeFileLimits,
  resolveFileType,
} from '../../../renderer/src/lib/file-types';

const MB = 1024 * 1024;

describe('file checks before an upload', () => {
  it('takes the declared type when allowed, else the one the extension names', () => {
    expect(resolveFileType('attachment', { name: 'sheet.pdf', type: 'application/pdf' })).toBe(
      'application/pdf',
    );
    expect(resolveFileType('submission', { name: 'marks.csv', type: 'application/vnd.ms-excel' })).toBe(
      'text/csv',
    );
    expect(resolveFileType('submission', { name: 'essay.docx', type: '' })).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(resolveFileType('audio', { name: 'note.webm', type: 'audio/webm;codecs=opus' })).toBe(
      'audio/webm',
    );
    expect(resolveFileType('attachment', { name: 'setup.exe', type: 'application/x-msdownload' })).toBe(
      'application/x-msdownload',
    );
  });

  it('says in a sentence why a file is refused: type, size, emptiness, name', () => {
    expect(checkFile('attachment', { name: 'a.pdf', type: 'application/pdf', size: 10 })).toBeNull();
    expect(
      checkFile('attachment', { name: 'setup.exe', type: 'application/x-msdownload', size: 10 }),
    ).toMatch(/^“setup\.exe” is not a file type we accept\. Attachments may be PDF, images .* or ZIP\.$/);
    expect(checkFile('submission', { name: 'big.pdf', type: 'application/pdf', size: 25 * MB })).toBe(
      '“big.pdf” is 25 MB. Submitted files may be at most 20 MB.',
    );
    expect(checkFile('submission', { name: 'empty.txt', type: 'text/plain', size: 0 })).toBe(
      '“empty.txt” is empty.',
    );
    expect(checkFile('attachment', { name: '..', type: 'application/pdf', size: 1 })).toMatch(
      /rename it first/,
    );
    // A voice note is not a document.
    expect(checkFile('attachment', { name: 'v.webm', type: 'audio/webm', size: 1 })).toMatch(
      /not a file type/,
    );
  });

  it('describes the limits and lists the picker types with their extensions', () => {
    expect(describeFileLimits('attachment', 10)).toMatch(/, up to 20 MB each; at most 10 files\.$/);
    const accept = acceptOf('submission');
    expect(accept['application/pdf']).toEqual(['.pdf']);
    expect(accept['image/jpeg']).toEqual(['.jpg', '.jpeg']);
    expect(accept['audio/webm']).toBeUndefined();
  });
});

function entry(day: Weekday, period: number, timeSlot = '9:00-9:45', id = `${day}-${period}`): ScheduleDto {
  return {
    id,
    teacherId: 'a'.repeat(24),
    classId: 'b'.repeat(24),
    subject: 'Mathematics',
    day,
    period,
    timeSlot,
    createdAt: new Date(0),
  };
}

describe('the week grid', () => {
  it('names the weekday of a date, Monday first', () => {
    expect(weekdayOf(new Date(2025, 8, 1))).toBe('Monday');
    expect(weekdayOf(new Date(2025, 8, 7))).toBe('Sunday');
  });

  it("shows the school's days and periods, and a day or period outside them only when used", () => {
    const week = {
      days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as Weekday[],
      periods: [
        { timeSlot: '08:00-08:45', breakAfter: false },
        { timeSlot: '08:50-09:35', breakAfter: false },
      ],
    };
    expect(daysToShow([], week)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']);
    expect(daysToShow([entry('Sunday', 1)], week)).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Sunday',
    ]);
    expect(periodsToShow([entry('Monday', 2), entry('Friday', 5)], week)).toEqual([1, 2, 3, 4, 5]);
    expect(periodsToShow([], week)).toEqual([1, 2]);
    const cells = cellsOf([entry('Monday', 2)]);
    expect(cells.get(cellKey('Monday', 2))?.period).toBe(2);
    expect(cells.has(cellKey('Monday', 3))).toBe(false);
  });

  it("orders a day's lessons and marks the one on now and the next", () => {
    const day = entriesOfDay(
      [
        entry('Monday', 3, '10:40-11:25'),
        entry('Tuesday', 1),
        entry('Monday', 1, '8:00-8:45'),
        entry('Monday', 2, '8:50-9:35'),
      ],
      'Monday',
    );
    expect(day.map((e) => e.period)).toEqual([1, 2, 3]);
    const at = new Date(2025, 8, 1, 9, 0);
    expect([...timingOf(day, at).values()]).toEqual(['past', 'now', 'next']);
    const evening = new Date(2025, 8, 1, 18, 0);
    expect([...timingOf(day, evening).values()]).toEqual(['past', 'past', 'past']);
  });
});

describe('assignment rows', () => {
  const handedIn = new Date('2030-01-10T10:00:00Z');

  it('lets the student hand in until work is waiting, accepted or graded; again when it is sent back', () => {
    expect(canSubmit(undefined)).toBe(true);
    expect(canSubmit({})).toBe(true);
    expect(canSubmit({ submittedAt: handedIn })).toBe(false);
    expect(canSubmit({ submittedAt: handedIn, outcome: 'accepted' })).toBe(false);
    expect(canSubmit({ submittedAt: handedIn, outcome: 'rejected' })).toBe(true);
    expect(canSubmit({ submittedAt: handedIn, outcome: 'reassigned' })).toBe(true);
  });

  it('lets the teacher review or grade handed-in work that is not sent back', () => {
    expect(canReview({})).toBe(false);
    expect(canReview({ submittedAt: handedIn })).toBe(true);
    expect(canReview({ submittedAt: handedIn, outcome: 'accepted' })).toBe(true);
    expect(canReview({ submittedAt: handedIn, outcome: 'rejected' })).toBe(false);
  });

  it('marks late work, checks ids, and joins a local day and time into an instant', () => {
    expect(isLate({ submittedAt: handedIn }, new Date('2030-01-09T00:00:00Z'))).toBe(true);
    expect(isLate({ submittedAt: handedIn }, new Date('2030-01-11T00:00:00Z'))).toBe(false);
    expect(isLate({}, new Date(0))).toBe(false);
    expect(isObjectId('66f0a1b2c3d4e5f6a7b8c9d0')).toBe(true);
    expect(isObjectId('nope')).toBe(false);
    expect(isObjectId(undefined)).toBe(false);

    const due = joinLocal('2030-03-12', '17:05');
    expect(due).toEqual(new Date(2030, 2, 12, 17, 5));
    expect(due && splitLocal(due)).toEqual({ day: '2030-03-12', time: '17:05' });
    expect(joinLocal(null, '17:00')).toBeNull();
    expect(joinLocal('12/03/2030', '17:00')).toBeNull();
    expect(joinLocal('2030-03-12', '')).toBeNull();
  });
});
