import { isMainThread } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { createPasswordHasher } from '../../../electron/core/security/passwords';

const hasher = createPasswordHasher(); // the production cost (10, or CRM_BCRYPT_COST)
afterAll(() => hasher.close());

describe('password hashing', () => {
  it('hashes with bcrypt at cost 10 and verifies', async () => {
    const hash = await hasher.hash('Correct horse 1');
    expect(hash).toMatch(/^\$2[aby]\$10\$/);
    expect(await hasher.verify('Correct horse 1', hash)).toBe(true);
    expect(await hasher.verify('correct horse 1', hash)).toBe(false);
    expect(await hasher.verify('anything', 'not-a-hash')).toBe(false);
    expect(await hasher.verifyNothing('anything')).toBe(false);
  });

  it('runs off the main event loop: timers keep firing while a batch is hashed', async () => {
    expect(isMainThread).toBe(true);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    const started = Date.now();
    const hashes = await Promise.all(Array.from({ length: 12 }, (_, i) => hasher.hash(`pupil-${i}-pw`)));
    const elapsed = Date.now() - started;
    clearInterval(timer);
    expect(new Set(hashes).size).toBe(12);
    // On the main thread bcrypt would block the loop for the whole batch and no tick would run.
    expect(ticks).toBeGreaterThan(Math.floor(elapsed / 5 / 4));
  });
});
