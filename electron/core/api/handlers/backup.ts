import {
  backupNow,
  backupOverview,
  openBackupFile,
  saveBackupCopy,
  setBackupSchedule,
} from '../../services/backup/backup';
import { restoreBackup } from '../../services/backup/restore';
import * as auth from '../../services/auth';
import type { AuthDeps } from '../../services/auth';
import type { HandlersOf } from '../handler-types';

/** Backups of the caller's institution; a restore over it is a password confirmation (throttled). */
export function backupHandlers(deps: () => AuthDeps) {
  return {
    'system.backup': (_input, ctx) => backupNow(ctx.deps, ctx.actor),
    'system.backups': (_input, ctx) => backupOverview(ctx.deps, ctx.actor),
    'system.backupSchedule': (input, ctx) => setBackupSchedule(ctx.deps, ctx.actor, input),
    'system.backupSave': (input, ctx) => saveBackupCopy(ctx.deps, ctx.actor, input.name),
    'system.backupOpen': (_input, ctx) => openBackupFile(ctx.deps, ctx.actor),
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
  >;
}
