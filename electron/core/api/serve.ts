/**
 * The two handler shapes most channels have, written once: `serve(listUsers)` hands the parsed input to one
 * service with the caller's deps and actor; `deleteById(deleteUser)` removes by id and answers the contract's
 * `{ id, deleted: true }`.
 */
import type { Actor, ServiceDeps } from '../services/context';
import type { AuthedContext } from './handler-types';

export function serve<I, O>(service: (deps: ServiceDeps, actor: Actor, input: I) => Promise<O>) {
  return (input: I, ctx: AuthedContext): Promise<O> => service(ctx.deps, ctx.actor, input);
}

export function deleteById(remove: (deps: ServiceDeps, actor: Actor, id: string) => Promise<unknown>) {
  return async (input: { id: string }, ctx: AuthedContext) => {
    await remove(ctx.deps, ctx.actor, input.id);
    return { id: input.id, deleted: true as const };
  };
}
