import { createSubject, deleteSubject, listSubjects, updateSubject } from '../../services/subjects';
import { serve, deleteById } from '../serve';
import type { HandlersOf } from '../handler-types';

export const subjectsHandlers = {
  'subjects.list': serve(listSubjects),
  'subjects.create': serve(createSubject),
  'subjects.update': serve(updateSubject),
  'subjects.delete': deleteById(deleteSubject),
} satisfies HandlersOf<'subjects.list' | 'subjects.create' | 'subjects.update' | 'subjects.delete'>;
