/** The pure rule behind the attendance calendar: one status per day, the server's day rule (dayStatusOf). */
import { describe, expect, it } from 'vitest';
import { statusByDay } from '../../../renderer/src/features/attendance/utils/attendance-format';

describe('statusByDay', () => {
  it("shows a day of lessons as the student's whole day: absent from all, partly absent, late, present", () => {
    const days = statusByDay([
      { date: '2026-03-02', status: 'present' },
      { date: '2026-03-02', status: 'late' },
      { date: '2026-03-02', status: 'excused' },
      { date: '2026-03-03', status: 'excused' },
      { date: '2026-03-03', status: 'present' },
      { date: '2026-03-04', status: 'late' },
      { date: '2026-03-04', status: 'absent' },
      { date: '2026-03-05', status: 'present' },
      { date: '2026-03-06', status: 'absent' },
      { date: '2026-03-06', status: 'absent' },
      { date: '2026-03-06', status: 'excused' },
      { date: '2026-03-09', status: 'excused' },
    ]);
    expect([...days]).toEqual([
      ['2026-03-02', 'late'],
      // An excused lesson counts neither way.
      ['2026-03-03', 'present'],
      ['2026-03-04', 'partial'],
      ['2026-03-05', 'present'],
      ['2026-03-06', 'absent'],
      ['2026-03-09', 'excused'],
    ]);
  });
});
