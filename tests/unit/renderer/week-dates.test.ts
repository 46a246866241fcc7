/** The dates of a timetable week and the holidays on them (issue 16: timetable views mark holidays). */
import { describe, expect, it } from 'vitest';
import {
  dateOfWeekday,
  holidayLabel,
  holidaysOfWeek,
  mondayOf,
  shiftWeek,
  weekRange,
} from '../../../renderer/src/lib/week-dates';

const noon = (y: number, m: number, d: number) => new Date(y, m - 1, d, 12);

describe('week dates', () => {
  it('finds the Monday of any day, Sunday included, at local midnight', () => {
    expect(mondayOf(new Date(2026, 10, 30, 9))).toEqual(new Date(2026, 10, 30)); // a Monday
    expect(mondayOf(new Date(2026, 11, 6, 23, 59))).toEqual(new Date(2026, 10, 30)); // its Sunday
    expect(mondayOf(new Date(2027, 0, 1))).toEqual(new Date(2026, 11, 28)); // across a year
  });

  it('moves by whole weeks and dates each weekday', () => {
    const monday = new Date(2026, 10, 30);
    expect(shiftWeek(monday, 1)).toEqual(new Date(2026, 11, 7));
    expect(shiftWeek(monday, -1)).toEqual(new Date(2026, 10, 23));
    expect(dateOfWeekday(monday, 'Saturday')).toEqual(new Date(2026, 11, 5));
    expect(weekRange(monday)).toEqual({ from: monday, to: new Date(2026, 11, 6, 23, 59, 59, 999) });
  });

  it("puts each holiday on its weekday, keeps a day's several, and leaves events and other weeks out", () => {
    const monday = new Date(2026, 10, 30);
    const days = holidaysOfWeek(
      [
        {
          type: 'holiday',
          title: 'Guru Nanak Jayanti',
          date: noon(2026, 12, 2),
          publicHoliday: { country: 'IN' },
        },
        { type: 'holiday', title: 'Founders Day', date: noon(2026, 12, 2) },
        { type: 'event', title: 'Science fair', date: noon(2026, 12, 3) },
        { type: 'holiday', title: 'Next week', date: noon(2026, 12, 7) },
        { type: 'holiday', title: 'Sunday off', date: noon(2026, 12, 6) },
      ],
      monday,
    );
    expect([...days.keys()]).toEqual(['Wednesday', 'Sunday']);
    expect(days.get('Wednesday')).toEqual([
      { title: 'Guru Nanak Jayanti', public: true },
      { title: 'Founders Day', public: false },
    ]);
    expect(holidayLabel(days.get('Wednesday') ?? [])).toBe('Holidays: Guru Nanak Jayanti, Founders Day');
    expect(holidayLabel(days.get('Sunday') ?? [])).toBe('Holiday: Sunday off');
  });
});
