import { moveStudent, numberAlphabetically, setRollNumber } from '../../services/enrolment';
import { serve } from '../serve';
import type { HandlersOf } from '../handler-types';

export const enrolmentHandlers = {
  'classes.setRollNumber': serve(setRollNumber),
  'classes.numberAlphabetically': serve(numberAlphabetically),
  'classes.moveStudent': serve(moveStudent),
} satisfies HandlersOf<'classes.setRollNumber' | 'classes.numberAlphabetically' | 'classes.moveStudent'>;
