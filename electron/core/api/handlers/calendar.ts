import {
  createCalendarEntry,
  deleteCalendarEntry,
  holidayCountries,
  importHolidays,
  listCalendar,
  updateCalendarEntry,
} from '../../services/calendar';
import type { HandlersOf } from '../handler-types';

export const calendarHandlers = {
  'calendar.list': (input, ctx) => listCalendar(ctx.deps, ctx.actor, input),
  'calendar.create': (input, ctx) => createCalendarEntry(ctx.deps, ctx.actor, input),
  'calendar.update': (input, ctx) => updateCalendarEntry(ctx.deps, ctx.actor, input),
  'calendar.delete': (input, ctx) => deleteCalendarEntry(ctx.deps, ctx.actor, input),
  'calendar.holidayCountries': () => Promise.resolve(holidayCountries()),
  'calendar.importHolidays': (input, ctx) => importHolidays(ctx.deps, ctx.actor, input),
} satisfies HandlersOf<
  | 'calendar.list'
  | 'calendar.create'
  | 'calendar.update'
  | 'calendar.delete'
  | 'calendar.holidayCountries'
  | 'calendar.importHolidays'
>;
