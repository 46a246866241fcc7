import { createSubject, deleteSubject, listSubjects, updateSubject } from '../../services/subjects';
import type { HandlersOf } from '../handler-types';

export const subjectsHandlers = {
  'subjects.list': (input, ctx) => listSubjects(ctx.deps, ctx.actor, input),
  'subjects.create': (input, ctx) => createSubject(ctx.deps, ctx.actor, input),
  'subjects.update': (input, ctx) => updateSubject(ctx.deps, ctx.actor, input),
  'subjects.delete': async (input, ctx) => {
    await deleteSubject(ctx.deps, ctx.actor, input.id);
    return { id: input.id, deleted: true as const };
  },
} satisfies HandlersOf<'subjects.list' | 'subjects.create' | 'subjects.update' | 'subjects.delete'>;
