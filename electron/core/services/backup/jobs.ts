/**
 * One backup or restore at a time per institution, and what it has done so far (the settings page polls it).
 * In memory: a job belongs to this process.
 */
import type { BackupProgressInfo } from '../../../../shared/contract';
import { AppError } from '../../errors/app-error';

const IDLE: BackupProgressInfo = {
  running: false,
  documentsDone: 0,
  documentsTotal: 0,
  filesDone: 0,
  filesTotal: 0,
};

const running = new Map<string, BackupProgressInfo>();

export function progressOf(adminId: string): BackupProgressInfo {
  return { ...(running.get(adminId) ?? IDLE) };
}

/** Runs `work` as the institution's one job; a second one meanwhile is refused with CONFLICT. */
export async function asJob<T>(
  adminId: string,
  action: 'backup' | 'restore',
  work: (report: (p: Omit<BackupProgressInfo, 'running' | 'action'>) => void) => Promise<T>,
): Promise<T> {
  const current = running.get(adminId);
  if (current) {
    throw new AppError(
      'CONFLICT',
      current.action === 'restore'
        ? 'A restore of this institution is running. Wait until it has finished.'
        : 'A backup of this institution is running. Wait until it has finished.',
    );
  }
  running.set(adminId, { ...IDLE, running: true, action });
  try {
    return await work((p) => running.set(adminId, { ...p, running: true, action }));
  } finally {
    running.delete(adminId);
  }
}
