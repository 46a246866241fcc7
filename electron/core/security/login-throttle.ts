/**
 * Login throttling per institution + username: after 5 failures, every further attempt within the delay is
 * refused, and the delay doubles with each failure (up to 15 minutes). A success clears the record.
 */
export interface Throttle {
  /** Seconds to wait before another attempt is allowed, or 0. */
  retryAfter(key: string, now?: number): number;
  fail(key: string, now?: number): void;
  succeed(key: string): void;
}

const FREE_ATTEMPTS = 5;
const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
const FORGET_AFTER_MS = 60 * 60_000;

export function createThrottle(): Throttle {
  const records = new Map<string, { failures: number; last: number }>();

  function delayMs(failures: number): number {
    if (failures < FREE_ATTEMPTS) return 0;
    return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
  }

  return {
    retryAfter(key, now = Date.now()) {
      const record = records.get(key);
      if (!record) return 0;
      if (now - record.last > FORGET_AFTER_MS) {
        records.delete(key);
        return 0;
      }
      const wait = record.last + delayMs(record.failures) - now;
      return wait > 0 ? Math.ceil(wait / 1000) : 0;
    },
    fail(key, now = Date.now()) {
      const record = records.get(key);
      records.set(key, { failures: (record?.failures ?? 0) + 1, last: now });
      if (records.size > 10_000) {
        // Bounded memory: drop the oldest record.
        const oldest = records.keys().next().value;
        if (oldest !== undefined) records.delete(oldest);
      }
    },
    succeed(key) {
      records.delete(key);
    },
  };
}
