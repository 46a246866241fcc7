/** The week grid's arithmetic: which days show, which entry sits in a cell, a likely time slot for a period. */
import type { ScheduleDto } from '../../../../../shared/contract';
import { WEEKDAYS, type Weekday } from '../../../../../shared/domain';

export type TimetableView = 'class' | 'teacher';

/** Monday–Saturday, and Sunday when asked for or when an entry uses it. */
export function daysToShow(entries: readonly ScheduleDto[], withSunday: boolean): Weekday[] {
  const sunday = withSunday || entries.some((e) => e.day === 'Sunday');
  return WEEKDAYS.filter((d) => d !== 'Sunday' || sunday);
}

export function cellKey(day: Weekday, period: number): string {
  return `${day}|${period}`;
}

/** Entries by cell. A class or a teacher has at most one entry per cell (the server refuses clashes). */
export function entriesByCell(entries: readonly ScheduleDto[]): Map<string, ScheduleDto> {
  const map = new Map<string, ScheduleDto>();
  for (const e of entries) map.set(cellKey(e.day, e.period), e);
  return map;
}

/** The time slot most entries of this period use ("9:00-9:45"), or "" when none has it yet. */
export function usualSlot(entries: readonly ScheduleDto[], period: number): string {
  const counts = new Map<string, number>();
  for (const e of entries) {
    if (e.period === period) counts.set(e.timeSlot, (counts.get(e.timeSlot) ?? 0) + 1);
  }
  let best = '';
  let most = 0;
  for (const [slot, n] of counts) {
    if (n > most) {
      best = slot;
      most = n;
    }
  }
  return best;
}

/** `#/admin/timetable/<class|teacher>/<id>` → the view and the id. */
export function viewOfRest(rest: readonly string[] | undefined): { view: TimetableView; id: string | null } {
  const [kind, id] = rest ?? [];
  return { view: kind === 'teacher' ? 'teacher' : 'class', id: id ?? null };
}
