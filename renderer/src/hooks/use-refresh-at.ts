import { useEffect } from 'react';
import { queryInvalidation, type ChannelPattern } from '../lib/query-invalidation';

/** setTimeout's longest wait; a later moment is waited for in steps of it. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A moment after the time itself, so the server already counts it as passed. */
const AFTER_MS = 1_000;

/**
 * How long until the first of `times` still ahead of `now` (plus a moment), or null when none is. Capped at
 * setTimeout's longest wait.
 */
export function nextRefreshDelay(times: readonly Date[], now: Date): number | null {
  const ahead = times.map((t) => t.getTime() - now.getTime()).filter((ms) => ms > 0);
  if (ahead.length === 0) return null;
  return Math.min(Math.min(...ahead) + AFTER_MS, MAX_TIMER_MS);
}

/**
 * Data that changes with the clock, not with a write (issue 19, finding 2: "Pending" turns "Overdue" when the due
 * date passes): fetches `patterns` again when the first of `times` passes while the page is open.
 */
export function useRefreshAt(times: readonly Date[], patterns: readonly ChannelPattern[]): void {
  const key = times.map((t) => t.getTime()).join(',');
  const patternKey = patterns.join(',');
  useEffect(() => {
    const moments = key ? key.split(',').map((ms) => new Date(Number(ms))) : [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    // After each moment, the next one still ahead (the rows may stay the same after the fetch).
    const schedule = (): void => {
      const delay = nextRefreshDelay(moments, new Date());
      if (delay === null) return;
      timer = setTimeout(() => {
        queryInvalidation.invalidate(patternKey.split(','));
        schedule();
      }, delay);
    };
    schedule();
    return () => clearTimeout(timer);
  }, [key, patternKey]);
}
