import type { AuthDeps } from '../../services/auth';
import type { HandlersOf } from '../handler-types';
import { claimsOf } from './auth';

/** How long an event-stream ticket opens the stream: long enough to connect, useless in a log. */
export const EVENTS_TICKET_SECONDS = 60;

export function eventsHandlers(deps: () => AuthDeps) {
  return {
    'events.ticket': (_input, ctx) => {
      const current = deps();
      return Promise.resolve(
        current.tickets.issue(claimsOf({ ...ctx, deps: current }), 'events', EVENTS_TICKET_SECONDS),
      );
    },
  } satisfies HandlersOf<'events.ticket'>;
}
