import { createUser, deleteUser, getUser, importUsers, listUsers, updateUser } from '../../services/users';
import { serve, deleteById } from '../serve';
import type { HandlersOf } from '../handler-types';

export const usersHandlers = {
  'users.list': serve(listUsers),
  'users.get': (input, ctx) => getUser(ctx.deps, ctx.actor, input.id),
  'users.create': serve(createUser),
  'users.update': serve(updateUser),
  'users.delete': deleteById(deleteUser),
  'users.import': serve(importUsers),
} satisfies HandlersOf<
  'users.list' | 'users.get' | 'users.create' | 'users.update' | 'users.delete' | 'users.import'
>;
