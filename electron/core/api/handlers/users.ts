import { createUser, deleteUser, getUser, importUsers, listUsers, updateUser } from '../../services/users';
import type { HandlersOf } from '../handler-types';

export const usersHandlers = {
  'users.list': (input, ctx) => listUsers(ctx.deps, ctx.actor, input),
  'users.get': (input, ctx) => getUser(ctx.deps, ctx.actor, input.id),
  'users.create': (input, ctx) => createUser(ctx.deps, ctx.actor, input),
  'users.update': (input, ctx) => updateUser(ctx.deps, ctx.actor, input),
  'users.delete': async (input, ctx) => {
    await deleteUser(ctx.deps, ctx.actor, input.id);
    return { id: input.id, deleted: true as const };
  },
  'users.import': (input, ctx) => importUsers(ctx.deps, ctx.actor, input),
} satisfies HandlersOf<
  'users.list' | 'users.get' | 'users.create' | 'users.update' | 'users.delete' | 'users.import'
>;
