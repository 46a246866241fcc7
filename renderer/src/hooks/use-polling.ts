/**
 * Runs `fn` every `ms` milliseconds while the page is visible (chat threads, unread counts): the next run
 * waits for the previous one to finish, a hidden tab pauses, and becoming visible again runs at once.
 * `fn` may change between renders; the latest one runs. `ms: null` stops polling.
 */
import { useEffect, useEffectEvent } from 'react';

export interface PollingOptions {
  /** Run once right away (default true). */
  immediate?: boolean;
}

export function usePolling(
  fn: () => void | Promise<unknown>,
  ms: number | null,
  options: PollingOptions = {},
): void {
  const immediate = options.immediate ?? true;
  const run = useEffectEvent(fn);

  useEffect(() => {
    if (ms === null) return;
    let stopped = false;
    let running = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const hidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden';

    async function tick(): Promise<void> {
      clearTimeout(timer);
      if (stopped || running) return;
      if (!hidden()) {
        running = true;
        try {
          await run();
        } catch {
          // The caller shows its own errors; polling goes on.
        } finally {
          running = false;
        }
      }
      if (!stopped) timer = setTimeout(() => void tick(), ms ?? 0);
    }

    function onVisibility(): void {
      if (!hidden()) void tick();
    }

    if (immediate) void tick();
    else timer = setTimeout(() => void tick(), ms);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [ms, immediate]);
}
