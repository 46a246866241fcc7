import { moveStudent, numberAlphabetically, setRollNumber } from '../../services/enrolment';
import type { HandlersOf } from '../handler-types';

export const enrolmentHandlers = {
  'classes.setRollNumber': (input, ctx) => setRollNumber(ctx.deps, ctx.actor, input),
  'classes.numberAlphabetically': (input, ctx) => numberAlphabetically(ctx.deps, ctx.actor, input),
  'classes.moveStudent': (input, ctx) => moveStudent(ctx.deps, ctx.actor, input),
} satisfies HandlersOf<'classes.setRollNumber' | 'classes.numberAlphabetically' | 'classes.moveStudent'>;
