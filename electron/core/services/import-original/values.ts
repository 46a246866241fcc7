/**
 * Reading single values of the original system's documents as `mongoexport` wrote them (after EJSON parsing):
 * ids as ObjectIds or 24-hex strings, dates as Dates or ISO strings, grades as text ("9th"), times as "9:00"
 * or "9:00 AM". Each reader answers undefined for what it cannot read; the planner decides what that means.
 */
import { WEEKDAYS, GRADE_MAX, GRADE_MIN, type Weekday } from '../../../../shared/domain';

export type Doc = Record<string, unknown>;

const HEX_ID = /^[0-9a-f]{24}$/i;

/** An id as lower-case hex: an ObjectId (any bson copy), `{ $oid }` left over, or a 24-hex string. */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return HEX_ID.test(value) ? value.toLowerCase() : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const withHex = value as { toHexString?: unknown; $oid?: unknown };
  if (typeof withHex.toHexString === 'function') {
    const hex: unknown = (withHex.toHexString as () => unknown).call(value);
    return typeof hex === 'string' && HEX_ID.test(hex) ? hex.toLowerCase() : undefined;
  }
  return typeof withHex.$oid === 'string' ? idOf(withHex.$oid) : undefined;
}

/** A list of ids, keeping only readable ones (the count of unreadable ones is the caller's to report). */
export function idsOf(value: unknown): { ids: string[]; unreadable: number } {
  if (!Array.isArray(value)) return { ids: [], unreadable: 0 };
  const ids: string[] = [];
  let unreadable = 0;
  for (const item of value) {
    const id = idOf(item);
    if (id === undefined) unreadable += 1;
    else ids.push(id);
  }
  return { ids, unreadable };
}

const DATE_MIN = Date.UTC(1900, 0, 1);
const DATE_MAX = Date.UTC(2200, 11, 31);

export function dateOf(value: unknown): Date | undefined {
  let date: Date | undefined;
  if (value instanceof Date) date = value;
  else if (typeof value === 'string' && value.trim() !== '') date = new Date(value);
  else if (typeof value === 'object' && value !== null && '$date' in value) {
    return dateOf(value.$date);
  }
  if (!date || Number.isNaN(date.getTime())) return undefined;
  return date.getTime() < DATE_MIN || date.getTime() > DATE_MAX ? undefined : date;
}

/** Text trimmed and cut to `max` characters; undefined for non-text or empty text. */
export function textOf(value: unknown, max: number): { text: string; cut: boolean } | undefined {
  if (typeof value !== 'string') return undefined;
  // Control characters other than line breaks and tabs never belong in a school's text.
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const cleaned = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (cleaned === '') return undefined;
  return cleaned.length > max
    ? { text: cleaned.slice(0, max).trim(), cut: true }
    : { text: cleaned, cut: false };
}

export function boolOf(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

const ROMAN: Readonly<Record<string, number>> = {
  i: 1,
  ii: 2,
  iii: 3,
  iv: 4,
  v: 5,
  vi: 6,
  vii: 7,
  viii: 8,
  ix: 9,
  x: 10,
  xi: 11,
  xii: 12,
};

/** "9th", "9", 9, "Grade 9", "Class 10", "IX" → 1–12; anything else (Nursery, 13th) → undefined. */
export function gradeOf(value: unknown): number | undefined {
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const s = value
      .trim()
      .toLowerCase()
      .replace(/^(grade|class|std\.?|standard)\s*/, '');
    const digits = /^(\d{1,2})\s*(st|nd|rd|th)?$/.exec(s);
    if (digits) n = Number(digits[1]);
    else n = ROMAN[s];
  }
  return n !== undefined && Number.isInteger(n) && n >= GRADE_MIN && n <= GRADE_MAX ? n : undefined;
}

/** "9:00", "09:00", "9:00 AM", "2:15 pm", "14:15" → minutes since midnight. */
export function minutesOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{1,2})[:.](\d{2})\s*([ap]\.?m\.?)?$/i.exec(value.trim());
  if (!m) return undefined;
  let hours = Number(m[1]);
  const minutes = Number(m[2]);
  const half = m[3]?.toLowerCase().replace(/\./g, '');
  if (half !== undefined) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (half === 'pm' ? 12 : 0);
  }
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}

/** Minutes → "9:00" (our time slots accept a one-digit hour, as the original wrote them). */
export function clockOf(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "monday", "Mon", "MONDAY" → "Monday". */
export function weekdayOf(value: unknown): Weekday | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.trim().toLowerCase();
  if (s.length < 3) return undefined;
  return WEEKDAYS.find(
    (day) => day.toLowerCase().startsWith(s) && (s.length === 3 || s === day.toLowerCase()),
  );
}

/** A short, quoted rendering of a value for a report line. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return 'a non-text value';
}
