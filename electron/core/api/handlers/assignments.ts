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
import type { HandlersOf } from '../handler-types';

export const assignmentsHandlers = {
  'assignments.list': (input, ctx) => listAssignments(ctx.deps, ctx.actor, input),
  'assignments.get': (input, ctx) => getAssignment(ctx.deps, ctx.actor, input),
  'assignments.create': (input, ctx) => createAssignment(ctx.deps, ctx.actor, input),
  'assignments.update': (input, ctx) => updateAssignment(ctx.deps, ctx.actor, input),
  'assignments.delete': (input, ctx) => deleteAssignment(ctx.deps, ctx.actor, input),
  'assignments.submit': (input, ctx) => submitAssignment(ctx.deps, ctx.actor, input),
  'assignments.review': (input, ctx) => reviewSubmission(ctx.deps, ctx.actor, input),
  'assignments.grade': (input, ctx) => gradeSubmission(ctx.deps, ctx.actor, input),
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
