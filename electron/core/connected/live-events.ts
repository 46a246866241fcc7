/**
 * A connected app's pushed events: one signed-in window's stream from the station (`GET /api/events` over the
 * pinned link), kept open for as long as the window is signed in. A dropped stream is reopened with the last
 * event id, so nothing is lost (or the station says `resync` and the window refreshes everything); the
 * session's end (`session-ended`, or the station refusing the token) stops it for good. The main process relays
 * what arrives to the window (electron/main/event-relay.ts) exactly as it does a local core's stream.
 */
import {
  STREAM_READY,
  STREAM_SESSION_ENDED,
  parseStreamMessage,
  readyAsksResync,
  type PushedEvent,
} from '../../../shared/contract/events';
import {
  CertificateChanged,
  DeviceRevoked,
  openEventStream,
  StreamRefused,
  type StationEvent,
  type StationLink,
} from './station-link';

export interface LiveSink {
  /** The stream is (again) up; `resync`: events were missed that the station no longer holds. */
  ready(resync: boolean): void;
  event(event: PushedEvent): void;
  /** The session ended: the stream is closed for good. */
  ended(): void;
  /** The stream is down and being reopened: the window polls meanwhile. */
  dropped(): void;
}

export interface LiveOptions {
  /** The first wait before reopening a dropped stream (default 1 s); it doubles up to `retryMaxMs`. */
  retryFirstMs?: number;
  /** The longest wait (default 5 s: a window that missed `dropped` learns it from the next one). */
  retryMaxMs?: number;
  log?: (line: string) => void;
}

export interface LiveStream {
  close(): void;
}

/** Opens and keeps open the person's stream; each outcome reaches `sink`. */
export function followStationEvents(
  link: StationLink,
  token: string,
  sink: LiveSink,
  options: LiveOptions = {},
): LiveStream {
  const first = options.retryFirstMs ?? 1_000;
  const max = options.retryMaxMs ?? 5_000;
  let retryMs = first;
  let stopped = false;
  let lastEventId: string | undefined;
  let closeCurrent: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;

  const stop = (): void => {
    stopped = true;
    clearTimeout(timer);
    closeCurrent?.();
    closeCurrent = undefined;
  };
  const retryLater = (): void => {
    if (stopped) return;
    sink.dropped();
    clearTimeout(timer);
    timer = setTimeout(connect, retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, max);
  };
  const onEvent = (message: StationEvent): void => {
    if (stopped) return;
    if (message.event === STREAM_READY) {
      retryMs = first;
      sink.ready(readyAsksResync(message.data));
    } else if (message.event === STREAM_SESSION_ENDED) {
      stop();
      sink.ended();
    } else {
      const event = parseStreamMessage(message.event, message.id ?? '', message.data);
      if (!event) return;
      lastEventId = event.id;
      sink.event(event);
    }
  };
  const onEnd = (err?: Error): void => {
    closeCurrent = undefined;
    if (!stopped) options.log?.(`[live] the event stream dropped${err ? `: ${err.message}` : ''}`);
    retryLater();
  };

  function connect(): void {
    if (stopped) return;
    openEventStream(link, token, onEvent, onEnd, lastEventId).then(
      (close) => {
        if (stopped) close?.();
        else if (close) closeCurrent = close;
        else {
          // The station serves no event stream: the window polls; ask again now and then.
          retryMs = max;
          retryLater();
        }
      },
      (err: unknown) => {
        if (stopped) return;
        if (err instanceof StreamRefused && err.code === 'UNAUTHENTICATED') {
          stop();
          sink.ended();
        } else if (err instanceof DeviceRevoked || err instanceof CertificateChanged) {
          // The connected core reports the refusal; reopening could not help.
          stop();
          sink.dropped();
        } else {
          retryLater();
        }
      },
    );
  }

  connect();
  return { close: stop };
}
