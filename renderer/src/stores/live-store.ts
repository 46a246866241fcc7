/**
 * The renderer's one event client (docs/architecture.md, "Pushed events"): in a browser an EventSource on the
 * station's /api/events (opened with a one-minute ticket from events.ticket: EventSource sends no
 * Authorization header, and the session token never goes into a URL); in the desktop app the main process's
 * relay through `window.crm.on('crm:event')`. Each event invalidates the channels the contract says it makes
 * stale (`EVENT_INVALIDATES`), so mounted readers fetch again. `connected` tells the polling hooks to stop
 * while the stream is up and to poll again when it drops; a dropped stream reconnects with its last event id
 * and gets what it missed (or refreshes everything when the station no longer holds it).
 */
import { create } from 'zustand';
import type { CrmBridge, CrmLiveMessage } from '../../../shared/bridge';
import {
  EVENT_INVALIDATES,
  EVENT_NAMES,
  STREAM_READY,
  STREAM_SESSION_ENDED,
  parsePushedEvent,
  parseStreamMessage,
  readyAsksResync,
  type PushedEvent,
} from '../../../shared/contract/events';
import { api, isApiClientError } from '../lib/api-client';
import { queryInvalidation } from '../lib/query-invalidation';

export interface LiveState {
  /** The event stream is up: pages stop polling. */
  connected: boolean;
}

export const useLiveStore = create<LiveState>(() => ({ connected: false }));

/** Whether pushed events arrive (the polling hooks pass `null` as their interval while they do). */
export function useLiveConnected(): boolean {
  return useLiveStore((s) => s.connected);
}

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

function setConnected(connected: boolean): void {
  if (useLiveStore.getState().connected !== connected) useLiveStore.setState({ connected });
}

function deliver(event: PushedEvent | null): void {
  if (event) queryInvalidation.invalidate(EVENT_INVALIDATES[event.name]);
}

/**
 * The stream's session ended on the server. Signed out in this window: the shell goes and stops the client
 * within a moment. Ended elsewhere (deactivation, a password changed on another computer): a call then answers
 * UNAUTHENTICATED, which signs the window out. A password changed in this window gave it a new session: the
 * call succeeds and `stillSignedIn` opens the stream again. Answers the cancel.
 */
const SESSION_CHECK_DELAY_MS = 1_500;
function sessionEnded(stillSignedIn: () => void): () => void {
  setConnected(false);
  let cancelled = false;
  const timer = setTimeout(() => {
    api.invoke('auth.me', {}).then(
      () => {
        if (!cancelled) stillSignedIn();
      },
      () => undefined,
    );
  }, SESSION_CHECK_DELAY_MS);
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}

function viaBridge(bridge: CrmBridge): () => void {
  // The relay opened the stream when the window signed in (possibly before this ran): it is up.
  setConnected(true);
  let cancelCheck = (): void => undefined;
  const off = bridge.on('crm:event', (message: CrmLiveMessage) => {
    if (message.kind === 'ready') {
      setConnected(true);
      if (message.resync) queryInvalidation.invalidateAll();
    } else if (message.kind === 'event') {
      deliver(parsePushedEvent(message.event.name, message.event.id, message.event.data));
    } else if (message.kind === 'dropped') {
      // A connected app's line to the station: poll until the relay has reopened the stream.
      setConnected(false);
    } else {
      // The relay follows the window's token: a new session (password changed here) has its stream already.
      cancelCheck = sessionEnded(() => setConnected(true));
    }
  });
  return () => {
    off();
    cancelCheck();
    setConnected(false);
  };
}

function viaEventSource(): () => void {
  let stopped = false;
  let source: EventSource | null = null;
  let lastEventId: string | undefined;
  let retryMs = RETRY_FIRST_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelCheck = (): void => undefined;

  const retryLater = (): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void connect(), retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };

  async function connect(): Promise<void> {
    let ticket: string;
    try {
      ({ ticket } = await api.invoke('events.ticket', {}));
    } catch (err) {
      // A signed-out session is the session store's business; anything else is tried again later.
      if (!(isApiClientError(err) && err.code === 'UNAUTHENTICATED')) retryLater();
      return;
    }
    if (stopped) return;
    const query = new URLSearchParams({ ticket });
    if (lastEventId) query.set('lastEventId', lastEventId);
    const es = new EventSource(`/api/events?${query.toString()}`);
    source = es;
    es.addEventListener(STREAM_READY, (e: MessageEvent<string>) => {
      retryMs = RETRY_FIRST_MS;
      setConnected(true);
      if (readyAsksResync(e.data)) queryInvalidation.invalidateAll();
    });
    for (const name of EVENT_NAMES) {
      es.addEventListener(name, (e: MessageEvent<string>) => {
        if (e.lastEventId) lastEventId = e.lastEventId;
        deliver(parseStreamMessage(name, e.lastEventId, e.data));
      });
    }
    es.addEventListener(STREAM_SESSION_ENDED, () => {
      es.close();
      if (source === es) source = null;
      cancelCheck = sessionEnded(() => {
        lastEventId = undefined;
        void connect();
      });
    });
    // The browser would reconnect by itself with the same (soon expired) ticket: we do it with a new one.
    es.onerror = () => {
      es.close();
      if (source === es) source = null;
      setConnected(false);
      retryLater();
    };
  }

  void connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    cancelCheck();
    source?.close();
    setConnected(false);
  };
}

/** Starts the signed-in window's event client; answers the function that stops it. */
export function startLiveEvents(bridge: CrmBridge | null = globalThis.window?.crm ?? null): () => void {
  if (bridge) return viaBridge(bridge);
  if (typeof EventSource === 'undefined') return () => undefined;
  return viaEventSource();
}
