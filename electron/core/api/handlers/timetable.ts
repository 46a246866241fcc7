import {
  acceptTimetable,
  cancelTimetable,
  discardTimetable,
  generateTimetable,
  previewTimetable,
} from '../../services/timetable/generator';
import type { HandlersOf } from '../handler-types';

export const timetableHandlers = {
  'timetable.generate': (input, ctx) => generateTimetable(ctx.deps, ctx.actor, input),
  'timetable.preview': (input, ctx) => previewTimetable(ctx.deps, ctx.actor, input),
  'timetable.accept': (input, ctx) => acceptTimetable(ctx.deps, ctx.actor, input),
  'timetable.discard': (input, ctx) => Promise.resolve(discardTimetable(ctx.actor, input)),
  'timetable.cancel': (input, ctx) => cancelTimetable(ctx.deps, ctx.actor, input),
} satisfies HandlersOf<
  'timetable.generate' | 'timetable.preview' | 'timetable.accept' | 'timetable.discard' | 'timetable.cancel'
>;
