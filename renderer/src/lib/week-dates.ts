/**
 * The dates of a timetable week and the holidays on them. A timetable repeats every week, but a holiday falls
 * on a date: the views show one week at a time (Monday to Sunday, the reader's time zone) and mark the days of
 * that week the calendar closes. A holiday is stored as noon of its day (see the calendar), so its local date is
 * the day whatever the reader's zone.
 */
import type { CalendarEntryDto } from '../../../shared/contract';
import { WEEKDAYS, type Weekday } from '../../../shared/domain';

/** A holiday on a day of the shown week: its name, and whether it came from the public holiday tables. */
export interface WeekHoliday {
  title: string;
  public: boolean;
}

/** Local midnight of the Monday of the week `date` lies in. */
export function mondayOf(date: Date): Date {
  const back = (date.getDay() + 6) % 7;
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() - back);
}

/** The Monday `by` weeks later (earlier when negative); a day count, so a clock change moves nothing. */
export function shiftWeek(monday: Date, by: number): Date {
  return new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 7 * by);
}

/** The date of a weekday in the week starting `monday`. */
export function dateOfWeekday(monday: Date, day: Weekday): Date {
  return new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + WEEKDAYS.indexOf(day));
}

/** What `calendar.list` is asked for: Monday's first millisecond to Sunday's last. */
export function weekRange(monday: Date): { from: Date; to: Date } {
  const sunday = dateOfWeekday(monday, 'Sunday');
  return {
    from: monday,
    to: new Date(sunday.getFullYear(), sunday.getMonth(), sunday.getDate(), 23, 59, 59, 999),
  };
}

export function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** The week's holidays by weekday (a day may have several, in the calendar's order); events are left out. */
export function holidaysOfWeek(
  entries: readonly Pick<CalendarEntryDto, 'type' | 'title' | 'date' | 'publicHoliday'>[],
  monday: Date,
): Map<Weekday, WeekHoliday[]> {
  const out = new Map<Weekday, WeekHoliday[]>();
  for (const entry of entries) {
    if (entry.type !== 'holiday') continue;
    const day = WEEKDAYS.find((d) => sameDay(dateOfWeekday(monday, d), entry.date));
    if (!day) continue;
    const list = out.get(day) ?? [];
    list.push({ title: entry.title, public: entry.publicHoliday !== undefined });
    out.set(day, list);
  }
  return out;
}

/** "Holiday: Diwali" or "Holidays: Diwali, Founders Day". */
export function holidayLabel(holidays: readonly WeekHoliday[]): string {
  return `${holidays.length === 1 ? 'Holiday' : 'Holidays'}: ${holidays.map((h) => h.title).join(', ')}`;
}

/** "30 Nov" in the reader's locale: the date under a day's name in a grid's header. */
export function shortDate(date: Date): string {
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/** "30 Nov – 6 Dec 2026": the week as the picker names it. */
export function weekLabel(monday: Date): string {
  const sunday = dateOfWeekday(monday, 'Sunday');
  return `${shortDate(monday)} – ${sunday.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  })}`;
}
