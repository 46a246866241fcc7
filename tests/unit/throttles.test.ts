import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_THROTTLE,
  createFailureThrottle,
  createRateLimit,
} from '../../electron/core/security/throttles';

describe('failure throttle', () => {
  it('makes the sixth attempt wait, doubling per failure up to 15 minutes, and forgets after an hour', () => {
    const throttle = createFailureThrottle(ACCOUNT_THROTTLE);
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i += 1) {
      expect(throttle.retryAfter('school|ravi', t0)).toBe(0);
      throttle.fail('school|ravi', true, t0);
    }
    expect(throttle.retryAfter('school|ravi', t0)).toBe(2);
    throttle.fail('school|ravi', true, t0);
    expect(throttle.retryAfter('school|ravi', t0)).toBe(4);
    for (let i = 0; i < 20; i += 1) throttle.fail('school|ravi', true, t0);
    expect(throttle.retryAfter('school|ravi', t0)).toBe(15 * 60);
    expect(throttle.retryAfter('school|ravi', t0 + 61 * 60_000)).toBe(0);
  });

  it('10,000 junk failures do not reset the wait of a real account (they used to evict it)', () => {
    const throttle = createFailureThrottle(ACCOUNT_THROTTLE);
    const now = 5_000_000;
    for (let i = 0; i < 6; i += 1) throttle.fail('school|asha', true, now);
    const before = throttle.retryAfter('school|asha', now);
    expect(before).toBeGreaterThan(0);
    for (let i = 0; i < 20_000; i += 1) throttle.fail(`school|junk${i}`, false, now);
    expect(throttle.retryAfter('school|asha', now)).toBe(before);
    // Unknown names stay bounded: the oldest junk records went.
    expect(throttle.retryAfter('school|junk0', now)).toBe(0);
    expect(throttle.retryAfter('school|junk19999', now)).toBe(0); // one failure: free
  });

  it('a success clears the record', () => {
    const throttle = createFailureThrottle(ACCOUNT_THROTTLE);
    for (let i = 0; i < 6; i += 1) throttle.fail('k', true, 0);
    throttle.succeed('k');
    expect(throttle.retryAfter('k', 0)).toBe(0);
  });
});

describe('rate limit', () => {
  it('allows a number per key and overall in a sliding window', () => {
    const limit = createRateLimit({ perKey: 2, overall: 3, windowMs: 60_000, maxKeys: 100 });
    expect(limit.take('a', 0)).toBe(0);
    expect(limit.take('a', 1_000)).toBe(0);
    expect(limit.take('a', 2_000)).toBe(58); // the first leaves the window at 60 s
    expect(limit.take('b', 2_000)).toBe(0);
    expect(limit.take('c', 3_000)).toBe(57); // overall: 3 in the window
    expect(limit.take('a', 60_001)).toBe(0);
  });
});
