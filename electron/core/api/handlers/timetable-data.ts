import { getAvailability, setAvailability } from '../../services/timetable/availability';
import { createLesson, deleteLesson, listLessons, updateLesson } from '../../services/timetable/lessons';
import { createRoom, deleteRoom, listRooms, updateRoom } from '../../services/timetable/rooms';
import { getWeek, updateWeek } from '../../services/timetable/week-settings';
import type { HandlersOf } from '../handler-types';

export const timetableDataHandlers = {
  'week.get': (_input, ctx) => getWeek(ctx.deps, ctx.actor),
  'week.update': (input, ctx) => updateWeek(ctx.deps, ctx.actor, input),
  'rooms.list': (input, ctx) => listRooms(ctx.deps, ctx.actor, input),
  'rooms.create': (input, ctx) => createRoom(ctx.deps, ctx.actor, input),
  'rooms.update': (input, ctx) => updateRoom(ctx.deps, ctx.actor, input),
  'rooms.delete': async (input, ctx) => {
    await deleteRoom(ctx.deps, ctx.actor, input.id);
    return { id: input.id, deleted: true as const };
  },
  'lessons.list': (input, ctx) => listLessons(ctx.deps, ctx.actor, input),
  'lessons.create': (input, ctx) => createLesson(ctx.deps, ctx.actor, input),
  'lessons.update': (input, ctx) => updateLesson(ctx.deps, ctx.actor, input),
  'lessons.delete': async (input, ctx) => {
    await deleteLesson(ctx.deps, ctx.actor, input.id);
    return { id: input.id, deleted: true as const };
  },
  'availability.get': (input, ctx) => getAvailability(ctx.deps, ctx.actor, input),
  'availability.set': (input, ctx) => setAvailability(ctx.deps, ctx.actor, input),
} satisfies HandlersOf<
  | 'week.get'
  | 'week.update'
  | 'rooms.list'
  | 'rooms.create'
  | 'rooms.update'
  | 'rooms.delete'
  | 'lessons.list'
  | 'lessons.create'
  | 'lessons.update'
  | 'lessons.delete'
  | 'availability.get'
  | 'availability.set'
>;
