/** How the activity log reads: actions and targets in words, details as lines, times in the reader's locale. */
import type { ActivityDto } from '../../../../../shared/contract';

/** The actions and targets the services write; the filters offer these, and accept any other word. */
export const KNOWN_ACTIONS = [
  'CREATE',
  'UPDATE',
  'DELETE',
  'LOGIN',
  'LOGIN_FAILED',
  'LOGOUT',
  'SUBMIT',
  'REVIEW',
  'GRADE',
  'SEND',
] as const;

export const KNOWN_TARGETS = [
  'USER',
  'CLASS',
  'SUBJECT',
  'SCHEDULE',
  'ASSIGNMENT',
  'CALENDAR',
  'NOTICE',
  'MESSAGE',
  'FILE',
  'SESSION',
  'PASSWORD',
  'INSTITUTION',
] as const;

/** LOGIN_FAILED → "Login failed". */
export function wordsOf(code: string): string {
  const text = code.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The dot's colour per action on its badge (the text stays dark, for AA contrast). */
export function actionColor(action: string): string {
  switch (action) {
    case 'CREATE':
      return 'teal';
    case 'UPDATE':
      return 'blue';
    case 'DELETE':
    case 'LOGIN_FAILED':
      return 'red';
    case 'LOGIN':
    case 'LOGOUT':
      return 'gray';
    default:
      return 'violet';
  }
}

export function formatTimestamp(date: Date): string {
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** A detail value as text: strings as they are, dates in the locale, anything else as compact JSON. */
export function detailText(value: unknown): string {
  if (typeof value === 'string') {
    // ISO timestamps the services write (`date: …toISOString()`) read better in the locale.
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) {
      const at = new Date(value);
      if (!Number.isNaN(at.getTime())) return formatTimestamp(at);
    }
    return value;
  }
  if (value instanceof Date) return formatTimestamp(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value) ?? '—';
  } catch {
    return '(not shown)';
  }
}

/** Every detail line of an entry, in a stable order. */
export function detailLines(entry: ActivityDto): Array<[string, string]> {
  return Object.entries(entry.details ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => [key, detailText(value)]);
}
