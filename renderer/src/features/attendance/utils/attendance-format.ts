/** Words, dates and numbers of the attendance screens, in the user's locale. Pure: no React. */
import {
  ATTENDANCE_STATUSES,
  dayStatusOf,
  schoolDayOf,
  type AttendanceStatus,
  type DayStatus,
} from '../../../../../shared/domain';

export const STATUS_LABELS: Readonly<Record<AttendanceStatus, string>> = {
  present: 'Present',
  absent: 'Absent',
  late: 'Late',
  excused: 'Excused',
};

/** A student's whole day (shared/domain.ts dayStatusOf): a mark, or away from some lessons. */
export const DAY_STATUS_LABELS: Readonly<Record<DayStatus, string>> = {
  ...STATUS_LABELS,
  partial: 'Partly absent',
};

/** The SegmentedControl's choices, in the contract's order. */
export const STATUS_OPTIONS = ATTENDANCE_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }));

export function isStatus(value: string): value is AttendanceStatus {
  return (ATTENDANCE_STATUSES as readonly string[]).includes(value);
}

/** `YYYY-MM-DD` as a local date: `new Date('2026-05-01')` would be UTC midnight, a day early in the Americas. */
function localDate(day: string): Date {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** "Friday, 1 May 2026" in the user's locale. */
export function dayLabel(day: string): string {
  return localDate(day).toLocaleDateString(undefined, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

/** "Fri, 1 May 2026", for table rows. */
export function shortDayLabel(day: string): string {
  return localDate(day).toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}

/** The school day `days` before `day`. */
export function daysBefore(day: string, days: number): string {
  const at = localDate(day);
  at.setDate(at.getDate() - days);
  return schoolDayOf(at);
}

/** "09:05" (or the locale's way of writing hours and minutes). */
export function timeLabel(at: Date): string {
  return at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** 0.923 → "92%". */
export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** "Late (10 min)", "Absent", "Partly absent". */
export function statusText(status: DayStatus, lateMinutes?: number): string {
  return status === 'late' && lateMinutes ? `Late (${lateMinutes} min)` : DAY_STATUS_LABELS[status];
}

/** "the whole day" for a day's register (period 0), "period 3" for a lesson's. */
export function periodLabel(period: number): string {
  return period === 0 ? 'Whole day' : `Period ${period}`;
}

/** "1 day", "2 days". */
function daysText(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** "Absent 2 days, partly absent 1 day, of 40 days with registers." */
export function daysSummary(days: Readonly<Record<DayStatus, number>>): string {
  const total = days.present + days.late + days.absent + days.excused + days.partial;
  if (total === 0) return 'No days with registers.';
  const parts = [`absent ${daysText(days.absent)}`];
  if (days.partial > 0) parts.push(`partly absent ${daysText(days.partial)}`);
  if (days.excused > 0) parts.push(`excused ${daysText(days.excused)}`);
  const text = parts.join(', ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}, of ${daysText(total)} with registers.`;
}

/** "1 time", "2 times". */
export function times(n: number): string {
  return n === 1 ? '1 time' : `${n} times`;
}

/**
 * A student's marks by day, one status per day by the server's rule (`dayStatusOf`): a day with one register is
 * its mark; a day of lessons is absent when away from all, partly absent when away from some.
 */
export function statusByDay(
  days: ReadonlyArray<{ date: string; status: AttendanceStatus }>,
): Map<string, DayStatus> {
  const marks = new Map<string, AttendanceStatus[]>();
  for (const d of days) marks.set(d.date, [...(marks.get(d.date) ?? []), d.status]);
  const out = new Map<string, DayStatus>();
  for (const [date, statuses] of marks) {
    const status = dayStatusOf(statuses);
    if (status) out.set(date, status);
  }
  return out;
}

/** "Week of 2 Mar" for a week's Monday. */
export function weekLabel(monday: string): string {
  return `Week of ${localDate(monday).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}`;
}
