import { describe, expect, it } from 'vitest';
import { nextRefreshDelay } from '../../../renderer/src/hooks/use-refresh-at';

const now = new Date('2026-12-01T10:00:00Z');
const at = (iso: string) => new Date(iso);

describe('nextRefreshDelay', () => {
  it('waits for the first moment still ahead, and a second after it', () => {
    const times = [at('2026-12-01T09:00:00Z'), at('2026-12-01T10:05:00Z'), at('2026-12-01T10:01:00Z')];
    expect(nextRefreshDelay(times, now)).toBe(61_000);
  });

  it('has nothing to wait for when every moment has passed, or there are none', () => {
    expect(nextRefreshDelay([at('2026-12-01T09:59:59Z'), now], now)).toBeNull();
    expect(nextRefreshDelay([], now)).toBeNull();
  });

  it('waits at most as long as a timer can', () => {
    expect(nextRefreshDelay([at('2027-12-01T10:00:00Z')], now)).toBe(2 ** 31 - 1);
  });
});
