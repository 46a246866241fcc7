import {
  createCalendarEntry,
  deleteCalendarEntry,
  holidayCountries,
  importHolidays,
  listCalendar,
  updateCalendarEntry,
} from '../../services/calendar';
import { serve } from '../serve';
import type { HandlersOf } from '../handler-types';

export const calendarHandlers = {
  'calendar.list': serve(listCalendar),
  'calendar.create': serve(createCalendarEntry),
  'calendar.update': serve(updateCalendarEntry),
  'calendar.delete': serve(deleteCalendarEntry),
  'calendar.holidayCountries': () => Promise.resolve(holidayCountries()),
  'calendar.importHolidays': serve(importHolidays),
} satisfies HandlersOf<
  | 'calendar.list'
  | 'calendar.create'
  | 'calendar.update'
  | 'calendar.delete'
  | 'calendar.holidayCountries'
  | 'calendar.importHolidays'
>;
