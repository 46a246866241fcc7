/**
 * What the services call after a successful write: the event, to the people the service computed from the
 * data (docs/architecture.md, "Pushed events"). A bus is absent where nothing listens (some tests).
 */
import type { EventName, EventPayload } from '../../../../shared/contract/events';
import type { Actor, ServiceDeps } from '../context';
import type { Audience } from './bus';

export function publishEvent<N extends EventName>(
  deps: ServiceDeps,
  actor: Actor,
  name: N,
  data: EventPayload<N>,
  audience: Audience,
): void {
  deps.events?.publish(actor.databaseName, name, data, audience);
}

/** Someone's sessions may have ended: their open streams check them again (no user: the institution's). */
export function sessionsChanged(deps: ServiceDeps, databaseName: string, userId?: string): void {
  deps.events?.sessionsChanged(databaseName, userId);
}
