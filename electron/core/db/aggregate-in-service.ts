/**
 * Aggregations the embedded engine cannot compute ($avg, $min/$max, distributions, per-day series), done in
 * the service over a narrowed, projected query: filter first, fetch only the needed fields, then compute.
 */
import type { Model, QueryFilter } from 'mongoose';

/** Values found at a dotted path, descending into arrays ('submissions.grade' → every submission's grade). */
export function valuesAt(doc: unknown, path: string): unknown[] {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return [];
  const values = Array.isArray(doc) ? doc : [doc];
  const out: unknown[] = [];
  for (const value of values) {
    if (value === null || typeof value !== 'object') continue;
    const next = (value as Record<string, unknown>)[head];
    if (next === undefined) continue;
    if (rest.length === 0) {
      if (Array.isArray(next)) out.push(...(next as unknown[]));
      else out.push(next);
    } else {
      out.push(...valuesAt(next, rest.join('.')));
    }
  }
  return out;
}

/** Runs a filtered query that fetches only `paths` (lean) and returns the documents. */
export async function projected<T>(
  model: Model<T>,
  filter: QueryFilter<T>,
  paths: readonly string[],
): Promise<Record<string, unknown>[]> {
  const projection = Object.fromEntries(paths.map((p) => [p, 1]));
  return await model.find(filter, projection).lean();
}

export function numbersIn(values: readonly unknown[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, v) => total + v, 0);
}

/** The mean, or null for no values (not 0: "no grades yet" is not "average 0"). */
export function average(values: readonly number[]): number | null {
  return values.length ? sum(values) / values.length : null;
}

export function minMax(values: readonly number[]): { min: number; max: number } | null {
  if (!values.length) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

export interface Bucket {
  label: string;
  /** Inclusive lower bound. */
  min: number;
  /** Exclusive upper bound, except for the last bucket, which includes it. */
  max: number;
}

/** Counts values per bucket (e.g. grade bands); values outside every bucket are not counted. */
export function distribution(
  values: readonly number[],
  buckets: readonly Bucket[],
): Array<Bucket & { count: number }> {
  return buckets.map((bucket, index) => {
    const last = index === buckets.length - 1;
    const count = values.filter(
      (v) => v >= bucket.min && (v < bucket.max || (last && v === bucket.max)),
    ).length;
    return { ...bucket, count };
  });
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/** YYYY-MM-DD of a date in a time zone (default UTC), as schools read their calendar. */
export function dayKey(date: Date, timeZone = 'UTC'): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(date);
}
/** Building a formatter costs far more than formatting: one per time zone. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

const HOUR_MS = 36e5;
/** Time zones move by whole quarter hours. */
const QUARTER_MS = HOUR_MS / 4;

/**
 * The days of the series from `from` to `to` (as perDaySeries lists them) with the instants each starts and
 * ends in the time zone, so the database can count each day in an index range instead of the service
 * reading every event.
 */
export function daySpans(
  from: Date,
  to: Date,
  timeZone = 'UTC',
): Array<{ day: string; start: Date; end: Date }> {
  const days = perDaySeries([], from, to, timeZone).map((d) => d.day);
  const starts = new Map<string, number>();
  const last = to.getTime() + 2 * 24 * HOUR_MS;
  // On the grid of quarter hours (UTC's), where every time zone's days begin.
  const first = Math.floor((from.getTime() - 2 * 24 * HOUR_MS) / QUARTER_MS) * QUARTER_MS;
  let previous = dayKey(new Date(first), timeZone);
  // Steps of 3 hours (a day is never shorter than 23), then back to the quarter hour the day began.
  for (let t = first + 3 * HOUR_MS; t <= last; t += 3 * HOUR_MS) {
    const day = dayKey(new Date(t), timeZone);
    if (day === previous) continue;
    let start = t;
    while (dayKey(new Date(start - QUARTER_MS), timeZone) === day) start -= QUARTER_MS;
    starts.set(day, start);
    previous = day;
  }
  return days.flatMap((day, i) => {
    const start = starts.get(day);
    const next = days[i + 1];
    const end = next
      ? starts.get(next)
      : [...starts.entries()].find(([, t]) => start !== undefined && t > start)?.[1];
    return start === undefined || end === undefined
      ? []
      : [{ day, start: new Date(start), end: new Date(end) }];
  });
}

/** Counts per day from `from` to `to` inclusive, days without events included with 0. */
export function perDaySeries(
  dates: readonly Date[],
  from: Date,
  to: Date,
  timeZone = 'UTC',
): Array<{ day: string; count: number }> {
  const counts = countBy(dates, (d) => dayKey(d, timeZone));
  const series: Array<{ day: string; count: number }> = [];
  const seen = new Set<string>();
  for (let t = from.getTime(); t <= to.getTime() + 36e5 * 24; t += 36e5 * 6) {
    const day = dayKey(new Date(Math.min(t, to.getTime())), timeZone);
    if (seen.has(day)) continue;
    seen.add(day);
    series.push({ day, count: counts[day] ?? 0 });
  }
  return series;
}
