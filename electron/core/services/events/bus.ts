/**
 * The in-process event bus (docs/architecture.md, "Pushed events"). The embedded engine has no change streams
 * and the station is the one writer, so the services publish after each successful write, naming who may see
 * the event (computed from the data, never from the client). Subscribers are the open event streams; each one
 * receives only the events of its institution whose audience includes its person.
 *
 * Every institution keeps its last RING_SIZE events, so a stream that reconnects with its last event id gets
 * what it missed. Ids are `<boot>.<sequence>`: an id from before a restart, or one older than the ring holds,
 * cannot be resumed and the client is told to refresh everything instead.
 */
import type { EventName, EventPayload, PushedEvent } from '../../../../shared/contract/events';
import type { Role } from '../../../../shared/roles';

/** Who may see an event: these people, and everyone of these roles, of the event's institution. */
export interface Audience {
  users?: readonly string[];
  roles?: readonly Role[];
}

/** The person behind a stream. */
export interface Subscriber {
  databaseName: string;
  userId: string;
  role: Role;
}

export type SessionsListener = (databaseName: string, userId: string | undefined) => void;

export interface EventBus {
  publish<N extends EventName>(
    databaseName: string,
    name: N,
    data: EventPayload<N>,
    audience: Audience,
  ): void;
  /** Calls `listener` with every later event `who` may see; answers the unsubscribe. */
  subscribe(who: Subscriber, listener: (event: PushedEvent) => void): () => void;
  /** The events after `lastEventId` that `who` may see, oldest first; null when they cannot be replayed. */
  since(who: Subscriber, lastEventId: string): PushedEvent[] | null;
  /** Someone's sessions may have ended (sign-out, password change, deactivation; no user: the institution's). */
  sessionsChanged(databaseName: string, userId?: string): void;
  onSessionsChanged(listener: SessionsListener): () => void;
  stats(): { streams: number; published: number };
}

/** Events kept per institution for catching up: a few minutes of a busy school. */
export const RING_SIZE = 1_000;

interface Stored {
  seq: number;
  event: PushedEvent;
  audience: Audience;
}

interface Ring {
  events: Stored[];
  /** The sequence number of the newest event dropped from the ring (0: none). */
  dropped: number;
}

function sees(who: Subscriber, audience: Audience): boolean {
  return audience.users?.includes(who.userId) === true || audience.roles?.includes(who.role) === true;
}

export function createEventBus(options: { ringSize?: number } = {}): EventBus {
  const ringSize = options.ringSize ?? RING_SIZE;
  // Tells this run's ids from an earlier run's; not a secret.
  const boot = Date.now().toString(36);
  let seq = 0;
  let published = 0;
  const rings = new Map<string, Ring>();
  const streams = new Map<string, Set<{ who: Subscriber; listener: (event: PushedEvent) => void }>>();
  const sessionListeners = new Set<SessionsListener>();

  return {
    publish(databaseName, name, data, audience) {
      seq += 1;
      published += 1;
      const stored: Stored = { seq, event: { id: `${boot}.${seq}`, name, data }, audience };
      let ring = rings.get(databaseName);
      if (!ring) rings.set(databaseName, (ring = { events: [], dropped: 0 }));
      ring.events.push(stored);
      if (ring.events.length > ringSize) ring.dropped = ring.events.shift()?.seq ?? ring.dropped;
      for (const s of streams.get(databaseName) ?? []) {
        if (!sees(s.who, audience)) continue;
        try {
          s.listener(stored.event);
        } catch {
          // One broken stream never keeps an event from the others.
        }
      }
    },
    subscribe(who, listener) {
      const entry = { who, listener };
      let set = streams.get(who.databaseName);
      if (!set) streams.set(who.databaseName, (set = new Set()));
      set.add(entry);
      return () => {
        set.delete(entry);
        if (set.size === 0 && streams.get(who.databaseName) === set) streams.delete(who.databaseName);
      };
    },
    since(who, lastEventId) {
      const [idBoot, idSeq] = lastEventId.split('.');
      const last = Number(idSeq);
      if (idBoot !== boot || !Number.isSafeInteger(last) || last < 0 || last > seq) return null;
      const ring = rings.get(who.databaseName);
      if (!ring) return [];
      if (ring.dropped > last) return null;
      return ring.events.filter((s) => s.seq > last && sees(who, s.audience)).map((s) => s.event);
    },
    sessionsChanged(databaseName, userId) {
      for (const listener of sessionListeners) listener(databaseName, userId);
    },
    onSessionsChanged(listener) {
      sessionListeners.add(listener);
      return () => {
        sessionListeners.delete(listener);
      };
    },
    stats() {
      let count = 0;
      for (const set of streams.values()) count += set.size;
      return { streams: count, published };
    },
  };
}
