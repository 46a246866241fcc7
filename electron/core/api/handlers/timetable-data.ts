import { getAvailability, setAvailability } from '../../services/timetable/availability';
import { createLesson, deleteLesson, listLessons, updateLesson } from '../../services/timetable/lessons';
import { createRoom, deleteRoom, listRooms, updateRoom } from '../../services/timetable/rooms';
import { getWeek, updateWeek } from '../../services/timetable/week-settings';
import { deleteById, serve } from '../serve';
import type { HandlersOf } from '../handler-types';

export const timetableDataHandlers = {
  'week.get': (_input, ctx) => getWeek(ctx.deps, ctx.actor),
  'week.update': serve(updateWeek),
  'rooms.list': serve(listRooms),
  'rooms.create': serve(createRoom),
  'rooms.update': serve(updateRoom),
  'rooms.delete': deleteById(deleteRoom),
  'lessons.list': serve(listLessons),
  'lessons.create': serve(createLesson),
  'lessons.update': serve(updateLesson),
  'lessons.delete': deleteById(deleteLesson),
  'availability.get': serve(getAvailability),
  'availability.set': serve(setAvailability),
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
