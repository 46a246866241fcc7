import { describe, expect, it } from 'vitest';
import { schoolDay } from '../../shared/contract/attendance';
import { attendanceRate, schoolDayOf } from '../../shared/domain';

describe('attendance rules', () => {
  it('school days are real YYYY-MM-DD days', () => {
    for (const ok of ['2025-09-01', '2024-02-29', '2030-12-31'])
      expect(schoolDay.safeParse(ok).success).toBe(true);
    for (const bad of [
      '2025-02-31',
      '2025-02-29',
      '2025-13-01',
      '2025-9-1',
      '01-09-2025',
      '2025-09-01T00:00',
    ])
      expect(schoolDay.safeParse(bad).success, bad).toBe(false);
    expect(schoolDayOf(new Date(2026, 10, 30, 23, 59))).toBe('2026-11-30');
  });

  it('the rate is present or late of present, late or absent; excused does not count against', () => {
    expect(attendanceRate({ present: 3, late: 1, absent: 1, excused: 5 })).toBe(0.8);
    expect(attendanceRate({ present: 0, late: 0, absent: 0, excused: 2 })).toBeNull();
    expect(attendanceRate({ present: 0, late: 0, absent: 4, excused: 0 })).toBe(0);
  });
});
