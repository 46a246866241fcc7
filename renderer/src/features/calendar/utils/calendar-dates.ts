/**
 * Calendar days in the reader's own time zone. A holiday or event is a whole day, not an instant: it is stored
 * as noon of that day in the admin's time zone, so a reader up to eleven hours east or west still sees it on the
 * same day, and a month's range (its first midnight to the end of its last day) always contains it.
 */
import type { CalendarType } from '../../../../../shared/domain';

/** A day as Mantine dates names it: `YYYY-MM-DD`. */
export type DayKey = string;

const pad = (n: number) => String(n).padStart(2, '0');

/** The local day of an instant: `2025-09-01`. */
export function dayKeyOf(date: Date): DayKey {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `2025-09-01` → its year, month (1–12) and day; null when it is not such a day. */
function partsOf(day: DayKey): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(y, m - 1, d);
  return check.getMonth() === m - 1 && check.getDate() === d ? { y, m, d } : null;
}

/** What is stored for a day: its local noon. */
export function instantOfDay(day: DayKey): Date | null {
  const p = partsOf(day);
  return p ? new Date(p.y, p.m - 1, p.d, 12, 0, 0, 0) : null;
}

/** The first day of the month a day lies in: `2025-09-17` → `2025-09-01`. */
export function monthOf(day: DayKey): DayKey {
  return `${day.slice(0, 7)}-01`;
}

/** The range `calendar.list` is asked for: the month's first midnight to the last millisecond of its last day. */
export function monthRange(month: DayKey): { from: Date; to: Date } {
  const p = partsOf(monthOf(month)) ?? { y: 1970, m: 1, d: 1 };
  return {
    from: new Date(p.y, p.m - 1, 1, 0, 0, 0, 0),
    // Day 0 of the next month is the last day of this one.
    to: new Date(p.y, p.m, 0, 23, 59, 59, 999),
  };
}

/** The month after (+1) or before (-1). */
export function shiftMonth(month: DayKey, by: number): DayKey {
  const p = partsOf(monthOf(month)) ?? { y: 1970, m: 1, d: 1 };
  return dayKeyOf(new Date(p.y, p.m - 1 + by, 1));
}

export function todayKey(now = new Date()): DayKey {
  return dayKeyOf(now);
}

/** "September 2025" in the reader's locale. */
export function formatMonth(month: DayKey): string {
  const at = instantOfDay(monthOf(month));
  return at ? at.toLocaleDateString(undefined, { month: 'long', year: 'numeric' }) : month;
}

/** "Monday, 1 September 2025" in the reader's locale. */
export function formatDay(day: DayKey | Date, style: 'full' | 'medium' = 'full'): string {
  const at = typeof day === 'string' ? instantOfDay(day) : day;
  return at ? at.toLocaleDateString(undefined, { dateStyle: style }) : String(day);
}

export const TYPE_LABELS: Readonly<Record<CalendarType, string>> = {
  holiday: 'Holiday',
  event: 'Event',
};

/** Holidays red, events indigo: used by the month grid, the badges and the legend alike. */
export const TYPE_COLORS: Readonly<Record<CalendarType, string>> = {
  holiday: 'red',
  event: 'indigo',
};

/** How an entry is drawn: imported public holidays green, the school's own holidays red, events indigo. */
export type EntryKind = 'public' | CalendarType;

export function entryKind(entry: { type: CalendarType; publicHoliday?: unknown }): EntryKind {
  return entry.type === 'holiday' && entry.publicHoliday ? 'public' : entry.type;
}

export const KIND_LABELS: Readonly<Record<EntryKind, string>> = {
  public: 'Public holiday',
  ...TYPE_LABELS,
};

export const KIND_COLORS: Readonly<Record<EntryKind, string>> = {
  public: 'green',
  ...TYPE_COLORS,
};

/** Entries grouped by their local day. */
export function byDay<T extends { date: Date }>(items: readonly T[]): Map<DayKey, T[]> {
  const days = new Map<DayKey, T[]>();
  for (const item of items) {
    const key = dayKeyOf(item.date);
    const list = days.get(key);
    if (list) list.push(item);
    else days.set(key, [item]);
  }
  return days;
}
