import { systemHealth } from '../../services/system-health';
import type { HandlersOf } from '../handler-types';

/** Only `system.health`: system.ping and system.status are the router's own (public) handlers. */
export const systemHandlers = {
  'system.health': (input, ctx) => systemHealth(ctx.deps, ctx.actor, input, ctx.deps.health),
} satisfies HandlersOf<'system.health'>;
