import * as auth from '../../services/auth';
import type { AuthDeps } from '../../services/auth';
import { importFromOriginal } from '../../services/import-original/import';
import type { HandlersOf } from '../handler-types';

export function importOriginalHandlers(deps: () => AuthDeps) {
  return {
    // The import's password confirmation counts like any other: 5 wrong ones make the next tries wait.
    'institution.importFromOriginal': (input, ctx) =>
      input.dryRun
        ? importFromOriginal(deps(), ctx.actor, input, ctx.request)
        : auth.throttledConfirmation(deps(), 'import-original', ctx.actor, () =>
            importFromOriginal(deps(), ctx.actor, input, ctx.request),
          ),
  } satisfies HandlersOf<'institution.importFromOriginal'>;
}
