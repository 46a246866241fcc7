import {
  backupNow,
  backupOverview,
  openBackupFile,
  saveBackupCopy,
  setBackupSchedule,
} from '../../services/backup/backup';
import { restoreBackup } from '../../services/backup/restore';
import { archiveInstitution, reactivateInstitution } from '../../services/institution-archive';
import * as auth from '../../services/auth';
import type { AuthDeps } from '../../services/auth';
import { serve } from '../serve';
import type { HandlersOf, PublicContext } from '../handler-types';

/** Backups of the caller's institution; a restore over it is a password confirmation (throttled). */
export function backupHandlers(deps: () => AuthDeps) {
  return {
    'system.backup': (_input, ctx) => backupNow(ctx.deps, ctx.actor),
    'system.backups': (_input, ctx) => backupOverview(ctx.deps, ctx.actor),
    'system.backupSchedule': serve(setBackupSchedule),
    'system.backupSave': (input, ctx) => saveBackupCopy(ctx.deps, ctx.actor, input.name),
    'system.backupOpen': (_input, ctx) => openBackupFile(ctx.deps, ctx.actor),
    'institution.archive': async (input, ctx) => {
      await auth.throttledConfirmation(deps(), 'archive-institution', ctx.actor, () =>
        archiveInstitution(ctx.deps, ctx.actor, input.password),
      );
      return { archived: true as const };
    },
    'system.restore': (input, ctx) =>
      input.mode === 'replace'
        ? auth.throttledConfirmation(deps(), 'restore-institution', ctx.actor, () =>
            restoreBackup(ctx.deps, ctx.actor, input),
          )
        : restoreBackup(ctx.deps, ctx.actor, input),
  } satisfies HandlersOf<
    | 'system.backup'
    | 'system.backups'
    | 'system.backupSchedule'
    | 'system.backupSave'
    | 'system.backupOpen'
    | 'system.restore'
    | 'institution.archive'
  >;
}

/** Public: an archived institution's admin reactivates it (they cannot sign in to do it). */
export function publicArchiveHandlers(deps: () => AuthDeps) {
  return {
    'institution.reactivate': (input: { username: string; password: string }, ctx: PublicContext) =>
      reactivateInstitution(deps(), input, ctx.request),
  };
}
