/**
 * One person's event stream, whatever carries it (the station's Server-Sent Events, the desktop app's IPC
 * relay): the session is checked on opening, the missed events are replayed from the bus's ring, and the
 * session is checked again whenever the bus says someone's sessions may have ended and once a minute (and at
 * its expiry), so a signed-out, re-passworded or deactivated person's stream ends at once.
 */
import type { PushedEvent } from '../../../../shared/contract/events';
import { AppError } from '../../errors/app-error';
import type { TokenClaims } from '../../security/tokens';
import { actorOfClaims, type AuthDeps } from '../auth';
import type { Actor } from '../context';
import type { Origin } from '../institutions';
import type { EventBus } from './bus';

export interface StreamSink {
  /** After opening: `resync` when missed events could not be replayed (the client refreshes everything). */
  ready(resync: boolean): void;
  event(event: PushedEvent): void;
  /** The session ended; the transport closes the stream after telling the client. */
  ended(): void;
}

export interface OpenStream {
  readonly actor: Actor;
  close(): void;
}

/** How often an open stream's session is checked when nothing said it changed. */
const RECHECK_MS = 60_000;

/** Opens the stream, or throws UNAUTHENTICATED (as `authenticate` does) when the session has ended. */
export async function openEventStream(
  deps: AuthDeps,
  bus: EventBus,
  claims: TokenClaims,
  origin: Origin,
  lastEventId: string | undefined,
  sink: StreamSink,
): Promise<OpenStream> {
  const actor = await actorOfClaims(deps, claims, origin);
  const who = { databaseName: actor.databaseName, userId: actor.userId, role: actor.role };
  let closed = false;

  // Subscribing and replaying happen in one turn of the event loop: no event can fall in between.
  const unsubscribe = bus.subscribe(who, (event) => sink.event(event));
  const missed = lastEventId ? bus.since(who, lastEventId) : [];
  sink.ready(missed === null);
  for (const event of missed ?? []) sink.event(event);

  const end = (): void => {
    if (closed) return;
    close();
    sink.ended();
  };
  const recheck = async (): Promise<void> => {
    try {
      await actorOfClaims(deps, claims, origin);
    } catch (err) {
      // Only a session that has ended closes the stream; a database hiccup does not.
      if (err instanceof AppError && err.code === 'UNAUTHENTICATED') end();
    }
  };
  const stopSessions = bus.onSessionsChanged((databaseName, userId) => {
    if (databaseName === who.databaseName && (userId === undefined || userId === who.userId)) {
      void recheck();
    }
  });
  const timer = setInterval(() => void recheck(), RECHECK_MS);
  timer.unref();
  const expiry = setTimeout(end, Math.max(0, claims.exp * 1000 - Date.now()));
  expiry.unref();

  function close(): void {
    if (closed) return;
    closed = true;
    unsubscribe();
    stopSessions();
    clearInterval(timer);
    clearTimeout(expiry);
  }
  return { actor, close };
}
