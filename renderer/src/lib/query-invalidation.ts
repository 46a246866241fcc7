/**
 * Freshness by channel: a write names the channels it made stale, and every mounted reader of a matching
 * channel fetches again. There is no cache (a page fetches when it mounts), so only readers on screen need
 * telling. Pure, no React: `useQuery` and `useAllPages` subscribe; `useMutation({ invalidates })` calls
 * `invalidateChannels` on success, and events pushed by the server (stores/live-store.ts) call it the same way.
 */
import type { AllChannelName } from '../../../shared/contract';

type PrefixOf<N extends string> = N extends `${infer Namespace}.${string}` ? `${Namespace}.` : never;
/** Every channel of a namespace, written with its dot: `'assignments.'`. */
export type ChannelPrefix = PrefixOf<AllChannelName>;
/** A full channel name (`'classes.get'`) or a namespace prefix (`'classes.'`). */
export type ChannelPattern = AllChannelName | ChannelPrefix;

/** A pattern ending in a dot matches its namespace's channels; any other names one channel. */
export function matchesChannel(channel: string, pattern: string): boolean {
  return pattern.endsWith('.') ? channel.startsWith(pattern) : channel === pattern;
}

export interface InvalidationBus {
  /** Calls `listener` whenever `channel` is invalidated; answers the unsubscribe. */
  subscribe(channel: string, listener: () => void): () => void;
  /**
   * Tells every subscriber whose channel matches one of `patterns` (each subscriber once), and answers how
   * many were told. Plain strings: a pushed event's names arrive unchecked, and unknown ones match nothing.
   */
  invalidate(patterns: readonly string[]): number;
  /** Tells every subscriber (refresh on window focus, on clicking the open page, after missed events). */
  invalidateAll(): number;
}

export function createInvalidationBus(): InvalidationBus {
  const subscribers = new Set<{ channel: string; listener: () => void }>();
  return {
    subscribe(channel, listener) {
      // An entry per call, so each unsubscribe removes exactly its own subscription.
      const entry = { channel, listener };
      subscribers.add(entry);
      return () => {
        subscribers.delete(entry);
      };
    },
    invalidate(patterns) {
      if (patterns.length === 0) return 0;
      // A copy: a listener may unmount readers (unsubscribe) or mount new ones while we go through them.
      const due = [...subscribers].filter((s) => patterns.some((p) => matchesChannel(s.channel, p)));
      for (const s of due) s.listener();
      return due.length;
    },
    invalidateAll() {
      const due = [...subscribers];
      for (const s of due) s.listener();
      return due.length;
    },
  };
}

/** The renderer's one bus (module state, like the api client). */
export const queryInvalidation: InvalidationBus = createInvalidationBus();

/** Marks channels stale: every mounted reader of a matching channel fetches again. */
export function invalidateChannels(patterns: readonly ChannelPattern[]): number {
  return queryInvalidation.invalidate(patterns);
}
