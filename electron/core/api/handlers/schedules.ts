import { createSchedule, deleteSchedule, listSchedules, updateSchedule } from '../../services/schedules';
import { serve, deleteById } from '../serve';
import type { HandlersOf } from '../handler-types';

export const schedulesHandlers = {
  'schedules.list': serve(listSchedules),
  'schedules.create': serve(createSchedule),
  'schedules.update': serve(updateSchedule),
  'schedules.delete': deleteById(deleteSchedule),
} satisfies HandlersOf<'schedules.list' | 'schedules.create' | 'schedules.update' | 'schedules.delete'>;
