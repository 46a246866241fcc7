import { createSchedule, deleteSchedule, listSchedules, updateSchedule } from '../../services/schedules';
import type { HandlersOf } from '../handler-types';

export const schedulesHandlers = {
  'schedules.list': (input, ctx) => listSchedules(ctx.deps, ctx.actor, input),
  'schedules.create': (input, ctx) => createSchedule(ctx.deps, ctx.actor, input),
  'schedules.update': (input, ctx) => updateSchedule(ctx.deps, ctx.actor, input),
  'schedules.delete': async (input, ctx) => {
    await deleteSchedule(ctx.deps, ctx.actor, input.id);
    return { id: input.id, deleted: true as const };
  },
} satisfies HandlersOf<'schedules.list' | 'schedules.create' | 'schedules.update' | 'schedules.delete'>;
