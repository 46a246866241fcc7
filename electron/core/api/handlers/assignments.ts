import {
  createAssignment,
  deleteAssignment,
  getAssignment,
  gradeSubmission,
  listAssignments,
  reviewSubmission,
  submitAssignment,
  updateAssignment,
} from '../../services/assignments';
import { serve } from '../serve';
import type { HandlersOf } from '../handler-types';

export const assignmentsHandlers = {
  'assignments.list': serve(listAssignments),
  'assignments.get': serve(getAssignment),
  'assignments.create': serve(createAssignment),
  'assignments.update': serve(updateAssignment),
  'assignments.delete': serve(deleteAssignment),
  'assignments.submit': serve(submitAssignment),
  'assignments.review': serve(reviewSubmission),
  'assignments.grade': serve(gradeSubmission),
} satisfies HandlersOf<
  | 'assignments.list'
  | 'assignments.get'
  | 'assignments.create'
  | 'assignments.update'
  | 'assignments.delete'
  | 'assignments.submit'
  | 'assignments.review'
  | 'assignments.grade'
>;
