/**
 * The throttles in front of everything a stranger can try: failed sign-ins per account and per caller address,
 * password confirmations, and registrations from the network. All state is in memory and bounded, and an
 * attacker cannot reset a record that protects a real account by flooding the table with junk.
 */

/** Counts failures per key; after the free attempts every further try waits, the wait doubling per failure. */
export interface FailureThrottle {
  /** Seconds to wait before another attempt is allowed, or 0. */
  retryAfter(key: string, now?: number): number;
  /**
   * One more failure. `protectsAccount`: the key names a real account, so its record is never evicted to make
   * room (those are bounded by the accounts that exist); records for unknown names are, oldest first.
   */
  fail(key: string, protectsAccount: boolean, now?: number): void;
  succeed(key: string): void;
}

/** Allows a number of actions per key and overall in a sliding window. */
export interface RateLimit {
  /** Takes one action for the key, or answers the seconds to wait (nothing taken). */
  take(key: string, now?: number): number;
}

export interface Throttles {
  /** Sign-in failures per institution + username; password confirmations per account. */
  accounts: FailureThrottle;
  /** Sign-in failures per caller address, whatever the username (password spraying). */
  addresses: FailureThrottle;
  /** Institutions registered per caller address and overall, for callers on the network. */
  registrations: RateLimit;
  /** Reads of the institution list (auth.institutions) per caller address and overall, on the network. */
  directory: RateLimit;
}

export interface FailureThrottleOptions {
  freeAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
  /** Records kept for keys that protect no account (unknown names, addresses). */
  maxUnprotected: number;
}

export const ACCOUNT_THROTTLE: FailureThrottleOptions = {
  freeAttempts: 5,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxUnprotected: 10_000,
};

/** An office of people mistyping shares an address: 20 failures before it waits. */
export const ADDRESS_THROTTLE: FailureThrottleOptions = {
  freeAttempts: 20,
  baseDelayMs: 5_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxUnprotected: 10_000,
};

export interface RateLimitOptions {
  perKey: number;
  overall: number;
  windowMs: number;
  maxKeys: number;
}

/** A registration makes a database (~40 MB); a district's IT office sets up a few schools an hour at most. */
export const REGISTRATION_LIMIT: RateLimitOptions = {
  perKey: 5,
  overall: 30,
  windowMs: 60 * 60_000,
  maxKeys: 10_000,
};

/** The sign-in screen reads the list once per opening; a scraper in a loop waits. */
export const DIRECTORY_LIMIT: RateLimitOptions = {
  perKey: 30,
  overall: 600,
  windowMs: 60_000,
  maxKeys: 10_000,
};

interface FailureRecord {
  failures: number;
  last: number;
}

export function createFailureThrottle(options: FailureThrottleOptions): FailureThrottle {
  const protectedRecords = new Map<string, FailureRecord>();
  const unprotected = new Map<string, FailureRecord>();
  let lastSweep = 0;

  const delayMs = (failures: number): number =>
    failures < options.freeAttempts
      ? 0
      : Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (failures - options.freeAttempts));

  /** Forgets expired records of accounts; bounded by the accounts that exist, swept at most once a minute. */
  function sweep(now: number): void {
    if (now - lastSweep < 60_000) return;
    lastSweep = now;
    for (const [key, record] of protectedRecords) {
      if (now - record.last > options.forgetAfterMs) protectedRecords.delete(key);
    }
  }

  return {
    retryAfter(key, now = Date.now()) {
      const record = protectedRecords.get(key) ?? unprotected.get(key);
      if (!record) return 0;
      if (now - record.last > options.forgetAfterMs) {
        protectedRecords.delete(key);
        unprotected.delete(key);
        return 0;
      }
      const wait = record.last + delayMs(record.failures) - now;
      return wait > 0 ? Math.ceil(wait / 1000) : 0;
    },
    fail(key, protectsAccount, now = Date.now()) {
      sweep(now);
      const earlier = protectedRecords.get(key) ?? unprotected.get(key);
      const record = { failures: (earlier?.failures ?? 0) + 1, last: now };
      unprotected.delete(key); // re-inserted last: the map's order is the eviction order
      if (protectsAccount || protectedRecords.has(key)) {
        protectedRecords.set(key, record);
        return;
      }
      unprotected.set(key, record);
      if (unprotected.size > options.maxUnprotected) {
        const oldest = unprotected.keys().next().value;
        if (oldest !== undefined) unprotected.delete(oldest);
      }
    },
    succeed(key) {
      protectedRecords.delete(key);
      unprotected.delete(key);
    },
  };
}

export function createRateLimit(options: RateLimitOptions): RateLimit {
  const byKey = new Map<string, number[]>();
  let overall: number[] = [];
  const recent = (times: number[], now: number): number[] => times.filter((t) => now - t < options.windowMs);
  const waitSeconds = (times: number[], now: number): number =>
    Math.max(1, Math.ceil(((times[0] ?? now) + options.windowMs - now) / 1000));

  return {
    take(key, now = Date.now()) {
      overall = recent(overall, now);
      const mine = recent(byKey.get(key) ?? [], now);
      if (mine.length >= options.perKey) return waitSeconds(mine, now);
      if (overall.length >= options.overall) return waitSeconds(overall, now);
      mine.push(now);
      overall.push(now);
      byKey.delete(key);
      byKey.set(key, mine);
      if (byKey.size > options.maxKeys) {
        const oldest = byKey.keys().next().value;
        if (oldest !== undefined) byKey.delete(oldest);
      }
      return 0;
    },
  };
}

export function createThrottles(): Throttles {
  return {
    accounts: createFailureThrottle(ACCOUNT_THROTTLE),
    addresses: createFailureThrottle(ADDRESS_THROTTLE),
    registrations: createRateLimit(REGISTRATION_LIMIT),
    directory: createRateLimit(DIRECTORY_LIMIT),
  };
}

/** "12 seconds", "3 minutes". */
export function waitPhrase(seconds: number): string {
  return seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
}
