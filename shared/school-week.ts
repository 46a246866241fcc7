/**
 * The school's week: its working days, its periods with their bell times, and the breaks between periods. The
 * contract, the services (clash checks, the timetable generator) and every timetable view share these rules.
 * (docs/architecture.md, "Timetabling")
 */
import { PERIOD_MAX, WEEKDAYS, parseTimeSlot, type Weekday } from './domain';

export interface WeekPeriod {
  /** "08:00-08:45" */
  timeSlot: string;
  /** A break follows this period: a double period never spans it. */
  breakAfter: boolean;
}

export interface SchoolWeek {
  /** Working days in week order (at least one). */
  days: Weekday[];
  /** Period 1 first; 1–10 of them. */
  periods: WeekPeriod[];
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Bell times for `count` periods from 08:00: 45-minute lessons, 5 minutes to change rooms, a 20-minute break
 * after the second period and a 40-minute lunch after the fourth. What a school gets until it sets its own.
 */
export function defaultPeriods(count: number): WeekPeriod[] {
  const out: WeekPeriod[] = [];
  let start = 8 * 60;
  for (let i = 0; i < count; i++) {
    const end = start + 45;
    const gap = i === 1 ? 20 : i === 3 ? 40 : 5;
    out.push({ timeSlot: `${clock(start)}-${clock(end)}`, breakAfter: gap > 5 && i < count - 1 });
    start = end + gap;
  }
  return out;
}

export const DEFAULT_WEEK: SchoolWeek = {
  days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  periods: defaultPeriods(8),
};

/**
 * What is wrong with a week, as a sentence with the field it concerns, or null. Days are distinct; periods
 * 1–10, each a valid slot starting no earlier than the previous one ends; the last period has no break after it.
 */
export function weekProblem(week: SchoolWeek): { field: string; message: string } | null {
  if (week.days.length === 0) return { field: 'days', message: 'Choose at least one working day.' };
  if (new Set(week.days).size !== week.days.length) {
    return { field: 'days', message: 'A day is listed twice.' };
  }
  if (week.periods.length === 0 || week.periods.length > PERIOD_MAX) {
    return { field: 'periods', message: `A day has 1–${PERIOD_MAX} periods.` };
  }
  let previousEnd = -1;
  for (const [i, p] of week.periods.entries()) {
    const slot = parseTimeSlot(p.timeSlot);
    if (!slot || slot.start >= slot.end) {
      return {
        field: `periods.${i}.timeSlot`,
        message: `Period ${i + 1}: use HH:MM-HH:MM, ending after it starts.`,
      };
    }
    if (slot.start < previousEnd) {
      return {
        field: `periods.${i}.timeSlot`,
        message: `Period ${i + 1} starts before period ${i} ends.`,
      };
    }
    previousEnd = slot.end;
  }
  if (week.periods.at(-1)?.breakAfter) {
    return { field: 'periods', message: 'The last period of the day has no break after it.' };
  }
  return null;
}

/** The days in the order of the week, whatever order they were ticked in. */
export function inWeekOrder(days: readonly Weekday[]): Weekday[] {
  return WEEKDAYS.filter((d) => days.includes(d));
}

/** The bell time of a period (1-based), or "" beyond the school's day. */
export function bellTime(week: SchoolWeek, period: number): string {
  return week.periods[period - 1]?.timeSlot ?? '';
}

/** True when a day and period fall inside the school's week. */
export function isInWeek(week: SchoolWeek, day: Weekday, period: number): boolean {
  return week.days.includes(day) && period >= 1 && period <= week.periods.length;
}

/** Zero-based periods after which a break falls (the solver's `breaksAfter`). */
export function breaksAfter(week: SchoolWeek): number[] {
  return week.periods.flatMap((p, i) => (p.breakAfter ? [i] : []));
}

/** The days a timetable grid shows: the working days, and any other day an entry still falls on. */
export function gridDays(week: SchoolWeek, used: Iterable<Weekday>): Weekday[] {
  const extra = new Set(used);
  return WEEKDAYS.filter((d) => week.days.includes(d) || extra.has(d));
}

/** The periods a timetable grid shows: the school's day, and any later period an entry still uses. */
export function gridPeriods(week: SchoolWeek, used: Iterable<number>): number[] {
  const last = Math.max(week.periods.length, ...used);
  return Array.from({ length: Math.min(last, PERIOD_MAX) }, (_, i) => i + 1);
}
