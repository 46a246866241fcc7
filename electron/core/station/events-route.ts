/**
 * GET /api/events: the signed-in person's Server-Sent Events (docs/architecture.md, "Pushed events"). Opened
 * with `Authorization: Bearer <token>` or, from a browser's EventSource (which sends no headers of its own),
 * `?ticket=` from events.ticket; `Last-Event-ID` (or `?lastEventId=`, for a stream the client reopens itself)
 * replays what was missed. A comment line every 20 s keeps proxies and the client's liveness check happy.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiResult } from '../../../shared/contract/errors';
import { STREAM_READY, STREAM_SESSION_ENDED, type PushedEvent } from '../../../shared/contract/events';
import { AppError } from '../errors/app-error';
import type { TokenClaims } from '../security/tokens';
import type { AuthDeps } from '../services/auth';
import type { EventBus } from '../services/events/bus';
import { openEventStream } from '../services/events/stream';

export interface LiveSources {
  /** The services once the database is connected. */
  services: () => AuthDeps | undefined;
  events: EventBus;
}

const HEARTBEAT_MS = 20_000;
/** Streams one person may hold open at once (tabs and windows); more is a leak or an attack. */
const STREAMS_PER_PERSON = 8;

/** Bearer token, else a ticket for the event stream; the claims, or null. */
export function claimsOfRequest(
  deps: AuthDeps,
  req: IncomingMessage,
  query: URLSearchParams,
  scope: string,
): TokenClaims | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return deps.tokens.verify(auth.slice(7).trim());
  const ticket = query.get('ticket');
  return ticket ? deps.tickets.verify(ticket, scope) : null;
}

export function createEventsRoute(live: LiveSources) {
  const openPerPerson = new Map<string, number>();

  return async function handleEvents(
    req: IncomingMessage,
    res: ServerResponse,
    query: URLSearchParams,
    reply: (res: ServerResponse, result: ApiResult<unknown>) => void,
  ): Promise<void> {
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    const deps = live.services();
    if (!deps) {
      reply(res, { ok: false, error: { code: 'UNAVAILABLE', message: 'The database is starting.' } });
      return;
    }
    const claims = claimsOfRequest(deps, req, query, 'events');
    const ended = {
      code: 'UNAUTHENTICATED',
      message: 'Your session has ended. Please sign in again.',
    } as const;
    if (!claims) {
      reply(res, { ok: false, error: ended });
      return;
    }
    const person = `${claims.db}|${claims.sub}`;
    if ((openPerPerson.get(person) ?? 0) >= STREAMS_PER_PERSON) {
      reply(res, { ok: false, error: { code: 'RATE_LIMITED', message: 'Too many open event streams.' } });
      return;
    }
    const lastEventId = String(req.headers['last-event-id'] ?? query.get('lastEventId') ?? '').slice(0, 64);
    const write = (chunk: string): void => {
      if (!res.writableEnded && !res.destroyed) res.write(chunk);
    };
    let stream: Awaited<ReturnType<typeof openEventStream>>;
    try {
      stream = await openEventStream(
        deps,
        live.events,
        claims,
        {
          ip: req.socket.remoteAddress ?? 'unknown',
          userAgent: String(req.headers['user-agent'] ?? '').slice(0, 300),
        },
        lastEventId || undefined,
        {
          ready(resync) {
            res.writeHead(200, {
              'content-type': 'text/event-stream; charset=utf-8',
              'cache-control': 'no-store',
              connection: 'keep-alive',
              'x-accel-buffering': 'no',
            });
            res.flushHeaders();
            write(`retry: 3000\nevent: ${STREAM_READY}\ndata: ${JSON.stringify({ resync })}\n\n`);
          },
          event(event: PushedEvent) {
            write(`id: ${event.id}\nevent: ${event.name}\ndata: ${JSON.stringify(event.data)}\n\n`);
          },
          ended() {
            write(`event: ${STREAM_SESSION_ENDED}\ndata: {}\n\n`);
            res.end();
          },
        },
      );
    } catch (err) {
      if (res.headersSent) return void res.destroy();
      reply(res, {
        ok: false,
        error:
          err instanceof AppError && err.code === 'UNAUTHENTICATED'
            ? ended
            : { code: 'UNAVAILABLE', message: 'The event stream could not be opened.' },
      });
      return;
    }
    openPerPerson.set(person, (openPerPerson.get(person) ?? 0) + 1);
    const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
    const cleanup = (): void => {
      clearInterval(heartbeat);
      stream.close();
      const left = (openPerPerson.get(person) ?? 1) - 1;
      if (left > 0) openPerPerson.set(person, left);
      else openPerPerson.delete(person);
    };
    res.once('close', cleanup);
  };
}
