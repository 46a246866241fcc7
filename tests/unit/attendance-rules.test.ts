import { describe, expect, it } from 'vitest';
import { schoolDay } from '../../shared/contract/attendance';
import { attendanceRate, dayStatusOf, schoolDayOf, weekdayOfSchoolDay } from '../../shared/domain';

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

  it("a student's day from its marks: all absent is absent, some absent partial, late if late to any", () => {
    expect(dayStatusOf([])).toBeUndefined();
    // Daily mode: the one mark is the day.
    for (const s of ['present', 'absent', 'late', 'excused'] as const) expect(dayStatusOf([s])).toBe(s);
    // Per lesson.
    expect(dayStatusOf(['present', 'present', 'present'])).toBe('present');
    expect(dayStatusOf(['absent', 'absent', 'absent'])).toBe('absent');
    expect(dayStatusOf(['present', 'absent', 'present'])).toBe('partial');
    expect(dayStatusOf(['late', 'absent'])).toBe('partial');
    expect(dayStatusOf(['late', 'present', 'present'])).toBe('late');
    // Excused lessons do not count either way.
    expect(dayStatusOf(['excused', 'absent'])).toBe('absent');
    expect(dayStatusOf(['excused', 'present'])).toBe('present');
    expect(dayStatusOf(['excused', 'excused'])).toBe('excused');
  });

  it("the weekday of a school day is the calendar's", () => {
    expect(weekdayOfSchoolDay('2026-11-30')).toBe('Monday');
    expect(weekdayOfSchoolDay('2026-12-06')).toBe('Sunday');
    expect(weekdayOfSchoolDay('2024-02-29')).toBe('Thursday');
  });
});
