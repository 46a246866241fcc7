/**
 * Which answers on screen are what a connected app last read rather than the station's (the station is out of
 * reach: electron/core/connected/last-seen.ts answers with `asOf`), per channel. The api client notes every
 * successful answer; a page that shows such a channel marks itself "as of HH:MM" (components/last-seen-notice)
 * until a fresh answer of it arrives.
 */
import { create } from 'zustand';

export interface LastSeenState {
  /** Channel → when its answer on screen was read from the station. */
  asOf: Readonly<Record<string, Date>>;
}

export const useLastSeenStore = create<LastSeenState>(() => ({ asOf: {} }));

/** A successful answer of `channel`: from what was last seen (`asOf`) or fresh from the station. */
export function noteAnswer(channel: string, asOf: Date | undefined): void {
  const current = useLastSeenStore.getState().asOf;
  if (asOf) {
    if (current[channel]?.getTime() !== asOf.getTime())
      useLastSeenStore.setState({ asOf: { ...current, [channel]: asOf } });
  } else if (Object.hasOwn(current, channel)) {
    const rest = { ...current };
    delete rest[channel];
    useLastSeenStore.setState({ asOf: rest });
  }
}

/** The oldest "as of" among `channels` (what the page shows is at least that old), or undefined: all fresh. */
export function oldestAsOf(
  asOf: Readonly<Record<string, Date>>,
  channels: readonly string[],
): Date | undefined {
  let oldest: Date | undefined;
  for (const channel of channels) {
    const at = Object.hasOwn(asOf, channel) ? asOf[channel] : undefined;
    if (at && (!oldest || at < oldest)) oldest = at;
  }
  return oldest;
}

/** The page's mark: the oldest "as of" of the channels it shows. */
export function useAsOf(channels: readonly string[]): Date | undefined {
  return useLastSeenStore((s) => oldestAsOf(s.asOf, channels));
}
