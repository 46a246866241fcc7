import { listActivity } from '../../services/activity';
import type { HandlersOf } from '../handler-types';

export const activityHandlers = {
  'activity.list': (input, ctx) => listActivity(ctx.deps, ctx.actor, input),
} satisfies HandlersOf<'activity.list'>;
