/**
 * Per-day counts of days that are over (logins, messages of the institution report's series), kept in the
 * process: a finished day's count changes only when something is written with a past timestamp (an import, a
 * restore) or deleted (the activity log's retention), and the models' hooks forget the tenant's counts then
 * (`followPastDayWrites`). Today is always counted afresh. The station is the one writer of its databases.
 */
import type { Connection, Schema } from 'mongoose';
import { dayKey } from './aggregate-in-service';

export type DayCountKind = 'logins' | 'messages';

interface Kept {
  /** Bumped by every forget: counts begun before it are not kept. */
  generation: number;
  days: Map<string, number>;
}

const kept = new Map<string, Kept>();

function keyOf(databaseName: string, kind: DayCountKind, timeZone: string): string {
  return `${databaseName}\u0000${kind}\u0000${timeZone}`;
}

function entry(key: string): Kept {
  let found = kept.get(key);
  if (!found) kept.set(key, (found = { generation: 0, days: new Map() }));
  return found;
}

/** Every kept count of this database (all kinds and time zones). */
export function forgetPastDayCounts(databaseName: string): void {
  for (const [key, value] of kept) {
    if (!key.startsWith(`${databaseName}\u0000`)) continue;
    value.generation += 1;
    value.days.clear();
  }
}

/**
 * The counts of these days: finished days from what is kept (counted once), the rest by `count`. A day is
 * finished when it ended before `now`.
 */
export async function countDays(
  databaseName: string,
  kind: DayCountKind,
  timeZone: string,
  spans: ReadonlyArray<{ day: string; start: Date; end: Date }>,
  now: Date,
  count: (span: { day: string; start: Date; end: Date }) => Promise<number>,
): Promise<number[]> {
  const store = entry(keyOf(databaseName, kind, timeZone));
  const generation = store.generation;
  return await Promise.all(
    spans.map(async (span) => {
      const known = store.days.get(span.day);
      if (known !== undefined) return known;
      const counted = await count(span);
      if (span.end.getTime() <= now.getTime() && store.generation === generation) {
        store.days.set(span.day, counted);
      }
      return counted;
    }),
  );
}

/** Whether a write stamped `at` may change a finished day's count: it is not stamped today. */
function isPast(at: unknown): boolean {
  if (!(at instanceof Date)) return true;
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return dayKey(at, timeZone) < dayKey(new Date(), timeZone);
}

/**
 * The model's hooks: writes stamped before today (in the station's time zone) and every deletion forget the
 * database's kept counts. Other updates (a message read) change no day's count.
 */
export function followPastDayWrites(schema: Schema, timeField: string): void {
  const forgetIfPast = (conn: Connection, stamps: unknown[]) => {
    if (stamps.some(isPast)) forgetPastDayCounts(conn.name);
  };
  schema.post('save', function (this: { db: Connection; get(path: string): unknown }) {
    forgetIfPast(this.db, [this.get(timeField)]);
  });
  schema.post('insertMany', function (docs: unknown) {
    const stamps = (docs as Array<{ get(path: string): unknown }>).map((d) => d.get(timeField));
    forgetIfPast(this.db, stamps);
  });
  schema.post(
    ['deleteOne', 'deleteMany', 'findOneAndDelete'],
    function (this: { model: { db: Connection } }) {
      forgetPastDayCounts(this.model.db.name);
    },
  );
}
