/** Days as the dashboard needs them: today's weekday, the calendar's window, dates in the user's locale. */
import { WEEKDAYS, type Weekday } from '../../../../../shared/domain';

export const UPCOMING_DAYS = 14;

/** Today's weekday on this computer's clock. */
export function todayWeekday(now = new Date()): Weekday {
  // getDay(): 0 is Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(now.getDay() + 6) % 7] ?? 'Monday';
}

/**
 * Today and the next `days` days as the calendar stores days (midnight UTC of the date), so an entry for
 * today is in the window whatever this computer's time zone.
 */
export function upcomingWindow(now = new Date(), days = UPCOMING_DAYS): { from: Date; to: Date } {
  const from = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  const to = new Date(from.getTime() + (days + 1) * 24 * 60 * 60 * 1000 - 1);
  return { from, to };
}

/** A calendar day ("Mon, 8 Sept"), read in UTC as it is stored. */
export function formatCalendarDay(date: Date): string {
  return date.toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

/** A moment in the user's locale and time zone ("8 Sept, 14:05"). */
export function formatMoment(date: Date): string {
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "LOGIN_FAILED" → "login failed". */
export function words(code: string): string {
  return code.toLowerCase().replace(/_/g, ' ');
}

const DONE: Readonly<Record<string, string>> = {
  CREATE: 'created',
  UPDATE: 'changed',
  DELETE: 'deleted',
  LOGIN: 'signed in',
  LOGOUT: 'signed out',
  LOGIN_FAILED: 'failed to sign in',
  GRADE: 'graded',
  REVIEW: 'reviewed',
  SEND: 'sent',
  SUBMIT: 'submitted',
};
const NO_TARGET = new Set(['LOGIN', 'LOGOUT', 'LOGIN_FAILED']);

/** What an activity entry says after the username: "created class Class 10-A", "signed in". */
export function activitySentence(entry: { action: string; targetType: string; targetName?: string }): string {
  const verb = DONE[entry.action] ?? words(entry.action);
  if (NO_TARGET.has(entry.action)) return verb;
  return [verb, words(entry.targetType), entry.targetName].filter(Boolean).join(' ');
}
