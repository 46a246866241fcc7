import os from 'node:os';
import path from 'node:path';

/**
 * Where the station keeps the engine's data when CRM_DATA_DIR is not set: the user's data folder.
 * As root, PostgreSQL runs as an unprivileged account that cannot enter /root, so /var/lib is used instead.
 */
export function defaultDataDir(): string {
  if (process.platform === 'win32') {
    return path.join(process.env.LOCALAPPDATA ?? os.homedir(), 'SmartSchoolCRM', 'engine');
  }
  if (process.platform === 'darwin') {
    return path.join(os.homedir(), 'Library', 'Application Support', 'SmartSchoolCRM', 'engine');
  }
  if (process.getuid?.() === 0) return '/var/lib/smart-crm/engine';
  const base = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'smart-crm', 'engine');
}
