import { listActivity } from '../../services/activity';
import { serve } from '../serve';
import type { HandlersOf } from '../handler-types';

export const activityHandlers = {
  'activity.list': serve(listActivity),
} satisfies HandlersOf<'activity.list'>;
