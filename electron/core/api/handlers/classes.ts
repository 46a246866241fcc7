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
import { serve, deleteById } from '../serve';
import type { HandlersOf } from '../handler-types';

export const classesHandlers = {
  'classes.list': serve(listClasses),
  'classes.get': (input, ctx) => getClass(ctx.deps, ctx.actor, input.id),
  'classes.create': serve(createClass),
  'classes.update': serve(updateClass),
  'classes.delete': deleteById(deleteClass),
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
