/**
 * The shape of a week grid from timetable entries: which days and periods it shows, the entry in each cell,
 * today's weekday and the entry on now. Pure, so the pages stay simple.
 */
import type { ScheduleDto } from '../../../../../shared/contract';
import { PERIODS, WEEKDAYS, parseTimeSlot, type Weekday } from '../../../../../shared/domain';

/** The weekday of a date in the user's time zone (Date#getDay counts from Sunday). */
export function weekdayOf(date: Date): Weekday {
  return WEEKDAYS[(date.getDay() + 6) % 7] ?? 'Monday';
}

/** Monday–Friday always; Saturday and Sunday when an entry falls on them. */
export function daysToShow(entries: readonly ScheduleDto[]): Weekday[] {
  const used = new Set(entries.map((e) => e.day));
  return WEEKDAYS.filter((d, i) => i < 5 || used.has(d));
}

/** Period 1 up to the last period with an entry. */
export function periodsToShow(entries: readonly ScheduleDto[]): number[] {
  const last = Math.max(0, ...entries.map((e) => e.period));
  return PERIODS.filter((p) => p <= last);
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
