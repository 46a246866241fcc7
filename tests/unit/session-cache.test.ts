import { describe, expect, it } from 'vitest';
import { sessionGeneration } from '../../electron/core/db/session-generation';
import type { TokenClaims } from '../../electron/core/security/tokens';
import { createSessionCache, type SessionFacts } from '../../electron/core/services/session-cache';

const claims = (jti: string, over: Partial<TokenClaims> = {}): TokenClaims => ({
  sub: '65f0c0ffee0000000000abcd',
  role: 'teacher',
  db: 'smart_crm_x_1000000000000',
  ver: 0,
  jti,
  iat: 1,
  exp: 2,
  ...over,
});
const facts: SessionFacts = {
  username: 'T',
  name: 'Tess',
  institutionName: 'School',
  mustChangePassword: false,
};

describe('the session cache', () => {
  it('answers what was kept for the same claims only', () => {
    const cache = createSessionCache();
    cache.set(claims('a'), sessionGeneration(), facts);
    expect(cache.get(claims('a'))).toEqual(facts);
    // A ticket or token with any other claim (another version, role or database) reads again.
    expect(cache.get(claims('a', { ver: 1 }))).toBeUndefined();
    expect(cache.get(claims('a', { role: 'student' }))).toBeUndefined();
    expect(cache.get(claims('a', { db: 'smart_crm_y_1000000000000' }))).toBeUndefined();
    expect(cache.get(claims('b'))).toBeUndefined();
  });

  it('keeps nothing a write overtook: facts read under an older generation are dropped', () => {
    const cache = createSessionCache();
    cache.set(claims('a'), sessionGeneration() - 1, facts);
    expect(cache.get(claims('a'))).toBeUndefined();
  });

  it('reads again after the longest age, and keeps the most recently used within its bound', () => {
    let now = 0;
    const cache = createSessionCache({ maxSessions: 2, maxAgeMs: 1000, now: () => now });
    cache.set(claims('a'), sessionGeneration(), facts);
    cache.set(claims('b'), sessionGeneration(), facts);
    expect(cache.get(claims('a'))).toEqual(facts); // a is now the most recent
    cache.set(claims('c'), sessionGeneration(), facts);
    expect(cache.get(claims('b'))).toBeUndefined();
    expect(cache.get(claims('a'))).toEqual(facts);
    now = 1001;
    expect(cache.get(claims('a'))).toBeUndefined();
    expect(cache.get(claims('c'))).toBeUndefined();
  });
});
