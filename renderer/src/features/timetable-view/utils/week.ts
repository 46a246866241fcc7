/**
 * The shape of a week grid from timetable entries: which days and periods it shows, the entry in each cell,
 * today's weekday and the entry on now. Pure, so the pages stay simple.
 */
import type { ScheduleDto } from '../../../../../shared/contract';
import { WEEKDAYS, parseTimeSlot, type Weekday } from '../../../../../shared/domain';
import { gridDays, gridPeriods, type SchoolWeek } from '../../../../../shared/school-week';

/** The weekday of a date in the user's time zone (Date#getDay counts from Sunday). */
export function weekdayOf(date: Date): Weekday {
  return WEEKDAYS[(date.getDay() + 6) % 7] ?? 'Monday';
}

/** The school's working days, and any other day an entry falls on. */
export function daysToShow(entries: readonly ScheduleDto[], week: SchoolWeek): Weekday[] {
  return gridDays(
    week,
    entries.map((e) => e.day),
  );
}

/** The school's periods (with their bell times), and any later one an entry uses. */
export function periodsToShow(entries: readonly ScheduleDto[], week: SchoolWeek): number[] {
  return gridPeriods(
    week,
    entries.map((e) => e.period),
  );
}

/** Entries by `day|period` (one class or one teacher has at most one there; the API refuses clashes). */
export function cellsOf(entries: readonly ScheduleDto[]): Map<string, ScheduleDto> {
  return new Map(entries.map((e) => [cellKey(e.day, e.period), e]));
}

export function cellKey(day: Weekday, period: number): string {
  return `${day}|${period}`;
}

/** A day's entries in period order. */
export function entriesOfDay(entries: readonly ScheduleDto[], day: Weekday): ScheduleDto[] {
  return entries.filter((e) => e.day === day).sort((a, b) => a.period - b.period);
}

export type SlotTiming = 'past' | 'now' | 'next' | 'later';

/**
 * Where each of today's entries stands at `now`: over, on now, the next one to start, or later. Entries whose
 * slot cannot be read count as later.
 */
export function timingOf(today: readonly ScheduleDto[], now: Date): Map<string, SlotTiming> {
  const minutes = now.getHours() * 60 + now.getMinutes();
  const out = new Map<string, SlotTiming>();
  let nextGiven = false;
  for (const e of today) {
    const slot = parseTimeSlot(e.timeSlot);
    let timing: SlotTiming = 'later';
    if (slot) {
      if (slot.end <= minutes) timing = 'past';
      else if (slot.start <= minutes) timing = 'now';
      else if (!nextGiven) {
        timing = 'next';
        nextGiven = true;
      }
    }
    out.set(e.id, timing);
  }
  return out;
}
