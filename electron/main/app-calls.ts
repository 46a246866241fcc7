/**
 * The `app.*` calls only the desktop's main process answers: which mode it runs in (with the station line
 * when connected), pairing with a station, and changing the mode. Inputs are checked with the shared schemas;
 * a change is saved and the app restarts into it.
 */
import { hostname } from 'node:os';
import {
  appModeStateSchema,
  connectInputSchema,
  setModeInputSchema,
  type AppCall,
  type AppModeState,
} from '../../shared/app-mode';
import type { ApiResult } from '../../shared/contract/errors';
import type { ConnectedCore } from '../core/connected/connected-core';
import { PairingError, pairWithStation } from '../core/connected/pairing';
import type { SecretStore } from '../core/security/secret-store';
import { DEFAULT_STATION_PORT, deviceToken, writeModeSettings, type ModeSettings } from './app-mode';

export interface AppCallContext {
  dir: string;
  settings: ModeSettings;
  secrets: SecretStore;
  connected?: ConnectedCore | undefined;
  /** The network service's address when it runs. */
  networkUrl?: string | undefined;
  /** Restarts the app (after a mode change). */
  restart: () => void;
}

export function defaultDeviceName(): string {
  return hostname().slice(0, 60) || 'This computer';
}

export async function answerAppCall(
  call: AppCall,
  input: unknown,
  ctx: AppCallContext,
): Promise<ApiResult<unknown>> {
  if (call === 'app.mode') {
    const { settings } = ctx;
    const state: AppModeState = {
      mode: settings.mode,
      ...(settings.station
        ? { station: { url: settings.station.url, fingerprint: settings.station.fingerprint } }
        : {}),
      ...(settings.mode === 'station'
        ? {
            network: {
              on: settings.network?.on ?? false,
              port: settings.network?.port ?? DEFAULT_STATION_PORT,
              ...(ctx.networkUrl ? { url: ctx.networkUrl } : {}),
            },
          }
        : {}),
      ...(ctx.connected ? { connection: ctx.connected.state() } : {}),
    };
    return { ok: true, data: appModeStateSchema.parse(state) };
  }
  if (call === 'app.connect') {
    const parsed = connectInputSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
    try {
      const pairing = await pairWithStation({
        ...parsed.data,
        name: parsed.data.name || defaultDeviceName(),
      });
      await deviceToken.set(ctx.secrets, pairing.deviceToken);
      const next: ModeSettings = {
        ...ctx.settings,
        mode: 'connected',
        station: {
          url: pairing.url,
          caPem: pairing.caPem,
          fingerprint: pairing.fingerprint,
          deviceId: pairing.deviceId,
        },
      };
      await writeModeSettings(ctx.dir, next);
      ctx.restart();
      return { ok: true, data: { connected: true } };
    } catch (err) {
      if (err instanceof PairingError)
        return { ok: false, error: { code: 'FORBIDDEN', message: err.message } };
      throw err;
    }
  }
  const parsed = setModeInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues[0]?.message);
  const next: ModeSettings = { ...ctx.settings, mode: parsed.data.mode };
  if (parsed.data.network) next.network = parsed.data.network;
  if (parsed.data.mode === 'connected' && !ctx.settings.station) {
    return invalid('Connect to a station first: type its address and the code it shows.');
  }
  await writeModeSettings(ctx.dir, next);
  ctx.restart();
  return { ok: true, data: { mode: next.mode } };
}

function invalid(message = 'The request is not valid.'): ApiResult<never> {
  return { ok: false, error: { code: 'VALIDATION', message } };
}
