import {
  addStudents,
  assignTeacher,
  createClass,
  deleteClass,
  getClass,
  listClasses,
  removeStudent,
  updateClass,
} from '../../services/classes';
import type { HandlersOf } from '../handler-types';

export const classesHandlers = {
  'classes.list': (input, ctx) => listClasses(ctx.deps, ctx.actor, input),
  'classes.get': (input, ctx) => getClass(ctx.deps, ctx.actor, input.id),
  'classes.create': (input, ctx) => createClass(ctx.deps, ctx.actor, input),
  'classes.update': (input, ctx) => updateClass(ctx.deps, ctx.actor, input),
  'classes.delete': async (input, ctx) => {
    await deleteClass(ctx.deps, ctx.actor, input.id);
    return { id: input.id, deleted: true as const };
  },
  'classes.assignTeacher': (input, ctx) => assignTeacher(ctx.deps, ctx.actor, input.classId, input.teacherId),
  'classes.addStudents': (input, ctx) => addStudents(ctx.deps, ctx.actor, input.classId, input.studentIds),
  'classes.removeStudent': (input, ctx) => removeStudent(ctx.deps, ctx.actor, input.classId, input.studentId),
} satisfies HandlersOf<
  | 'classes.list'
  | 'classes.get'
  | 'classes.create'
  | 'classes.update'
  | 'classes.delete'
  | 'classes.assignTeacher'
  | 'classes.addStudents'
  | 'classes.removeStudent'
>;
