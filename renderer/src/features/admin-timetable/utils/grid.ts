/** The week grid's arithmetic: which entry sits in a cell, and which tab and week the address shows. */
import type { Weekday } from '../../../../../shared/domain';
import type { AppRoute } from '../../../lib/routes';

export type TimetableView = 'class' | 'teacher' | 'room';
export const TIMETABLE_TABS = ['week', 'rooms', 'lessons', 'generate', 'availability'] as const;
export type TimetableTab = (typeof TIMETABLE_TABS)[number];

/** What a grid cell shows, from a timetable entry or a generated one. */
export interface GridEntry {
  day: Weekday;
  period: number;
  subject: string;
  teacherName?: string | undefined;
  className?: string | undefined;
  roomName?: string | undefined;
  timeSlot: string;
}

export function cellKey(day: Weekday, period: number): string {
  return `${day}|${period}`;
}

/** Entries by cell. A class, teacher or room has at most one entry per cell (the server refuses clashes). */
export function entriesByCell<E extends GridEntry>(entries: readonly E[]): Map<string, E> {
  const map = new Map<string, E>();
  for (const e of entries) map.set(cellKey(e.day, e.period), e);
  return map;
}

/**
 * `#/admin/timetable/<tab>` or `#/admin/timetable/<class|teacher>/<id>` (the week grid) → the tab, the view
 * and the id.
 */
export function viewOfRest(rest: readonly string[] | undefined): {
  tab: TimetableTab;
  view: 'class' | 'teacher';
  id: string | null;
} {
  const [kind, id] = rest ?? [];
  const tab = (TIMETABLE_TABS as readonly string[]).includes(kind ?? '') ? (kind as TimetableTab) : 'week';
  if (tab !== 'week') return { tab, view: 'class', id: null };
  return { tab, view: kind === 'teacher' ? 'teacher' : 'class', id: id ?? null };
}

/**
 * Whether `route` is still the week grid of `view` with nothing chosen. The week tab picks the first class from
 * an effect, which runs after the render that saw no choice: a tab or view clicked in between must win.
 */
export function isBareWeek(route: AppRoute | null, view: 'class' | 'teacher'): boolean {
  if (route?.workspace !== 'admin' || route.page !== 'timetable') return false;
  const shown = viewOfRest(route.rest);
  return shown.tab === 'week' && shown.view === view && shown.id === null;
}
