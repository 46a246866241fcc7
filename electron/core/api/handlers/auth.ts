import { deleteInstitution, registerInstitution } from '../../services/institutions';
import * as auth from '../../services/auth';
import { getInstitution, updateInstitution } from '../../services/institution-settings';
import type { AuthDeps } from '../../services/auth';
import type { AuthedContext, HandlersOf, PublicContext } from '../handler-types';
import { AppError } from '../../errors/app-error';

/** The token's claims again (already verified by the router): me and logout need its expiry and id. */
export function claimsOf(ctx: AuthedContext & { deps: AuthDeps }) {
  const claims = ctx.deps.tokens.verify(ctx.token);
  if (!claims) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Please sign in again.');
  return claims;
}

export function publicAuthHandlers(deps: () => AuthDeps) {
  return {
    'auth.registerInstitution': async (
      input: { username: string; password: string; name: string; institutionName: string },
      ctx: PublicContext,
    ) => {
      auth.allowRegistration(deps(), ctx.request);
      const admin = await registerInstitution(deps(), input, ctx.request);
      const stored = await deps().db.masterModels.AdminRegistry.findById(admin.id).lean();
      if (!stored) throw new AppError('INTERNAL', 'The institution vanished during registration.');
      return {
        admin: {
          id: admin.id,
          username: admin.username,
          name: admin.name,
          institutionName: admin.institutionName,
          databaseName: admin.databaseName,
          isActive: stored.isActive !== false,
          createdAt: stored.createdAt,
          updatedAt: stored.updatedAt,
        },
        databaseName: admin.databaseName,
      };
    },
    'auth.login': (input: auth.LoginInput, ctx: PublicContext) => auth.login(deps(), input, ctx.request),
    'auth.institutions': (_input: Record<string, never>, ctx: PublicContext) =>
      auth.listInstitutions(deps(), ctx.request),
  };
}

export function authHandlers(deps: () => AuthDeps) {
  return {
    'auth.me': (_input, ctx) => auth.me(deps(), ctx.actor, claimsOf({ ...ctx, deps: deps() })),
    'auth.logout': (_input, ctx) => auth.logout(deps(), ctx.actor, claimsOf({ ...ctx, deps: deps() })),
    'auth.changePassword': (input, ctx) => auth.changePassword(deps(), ctx.actor, input),
    'institution.get': (_input, ctx) => getInstitution(deps(), ctx.actor),
    'institution.update': (input, ctx) => updateInstitution(deps(), ctx.actor, input),
    'institution.delete': async (input, ctx) => {
      await auth.throttledConfirmation(deps(), 'delete-institution', ctx.actor, () =>
        deleteInstitution(deps(), ctx.actor.userId, input.password, ctx.request),
      );
      return { deleted: true as const, databaseName: ctx.actor.databaseName };
    },
  } satisfies HandlersOf<
    | 'auth.me'
    | 'auth.logout'
    | 'auth.changePassword'
    | 'institution.get'
    | 'institution.update'
    | 'institution.delete'
  >;
}
