/**
 * The desktop app's mode (standalone, station, connected) and, when connected, the paired station, kept in
 * `mode.json` in the app's data folder. The device token is a secret: it lives in the keychain (secret store),
 * never in the file. A change takes effect at the next start (the app restarts itself).
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppMode } from '../../shared/app-mode';
import type { SecretStore } from '../core/security/secret-store';

export interface ModeSettings {
  mode: AppMode;
  /** Connected: the station paired with and its pinned CA. */
  station?: { url: string; caPem: string; fingerprint: string; deviceId: string };
  /** Station: the network service. */
  network?: { on: boolean; port: number };
}

const DEVICE_TOKEN_ACCOUNT = 'station-device-token';
export const DEFAULT_STATION_PORT = 4780;

export async function readModeSettings(dir: string): Promise<ModeSettings> {
  try {
    const parsed = JSON.parse(await readFile(join(dir, 'mode.json'), 'utf8')) as Partial<ModeSettings>;
    const mode: AppMode =
      parsed.mode === 'station' || parsed.mode === 'connected' ? parsed.mode : 'standalone';
    return { ...parsed, mode };
  } catch {
    return { mode: 'standalone' };
  }
}

export async function writeModeSettings(dir: string, settings: ModeSettings): Promise<void> {
  const file = join(dir, 'mode.json');
  await writeFile(`${file}.tmp`, JSON.stringify(settings, null, 2), { mode: 0o600 });
  await rename(`${file}.tmp`, file);
}

export const deviceToken = {
  get: (secrets: SecretStore): Promise<string | null> => secrets.get(DEVICE_TOKEN_ACCOUNT),
  set: (secrets: SecretStore, token: string): Promise<void> => secrets.set(DEVICE_TOKEN_ACCOUNT, token),
};
