import {
  acceptTimetable,
  cancelTimetable,
  discardTimetable,
  generateTimetable,
  previewTimetable,
} from '../../services/timetable/generator';
import { serve } from '../serve';
import type { HandlersOf } from '../handler-types';

export const timetableHandlers = {
  'timetable.generate': serve(generateTimetable),
  'timetable.preview': serve(previewTimetable),
  'timetable.accept': serve(acceptTimetable),
  'timetable.discard': (input, ctx) => Promise.resolve(discardTimetable(ctx.actor, input)),
  'timetable.cancel': serve(cancelTimetable),
} satisfies HandlersOf<
  'timetable.generate' | 'timetable.preview' | 'timetable.accept' | 'timetable.discard' | 'timetable.cancel'
>;
