/**
 * The session token of each window, kept in the main process: the renderer never holds it in Electron.
 * A successful `auth.login`, `auth.registerInstitution` or `auth.changePassword` (which ends the other sessions
 * and answers a new token) whose data carries a `token` stores it for that window (the reply is passed on
 * unchanged); `auth.logout` forgets it.
 */
import type { ApiResult } from '../../shared/contract/errors';

const SIGN_IN_CHANNELS = new Set(['auth.login', 'auth.registerInstitution', 'auth.changePassword']);
const SIGN_OUT_CHANNELS = new Set(['auth.logout']);

export class SessionTokens {
  readonly #byContents = new Map<number, string>();

  get(contentsId: number): string | undefined {
    return this.#byContents.get(contentsId);
  }

  forget(contentsId: number): void {
    this.#byContents.delete(contentsId);
  }

  /** Looks at a dispatched call's result and updates the window's token. */
  observe(contentsId: number, channel: string, result: ApiResult<unknown>): void {
    if (SIGN_OUT_CHANNELS.has(channel)) {
      this.forget(contentsId);
      return;
    }
    if (!SIGN_IN_CHANNELS.has(channel) || !result.ok) return;
    const data = result.data;
    if (typeof data === 'object' && data !== null && 'token' in data && typeof data.token === 'string') {
      this.#byContents.set(contentsId, data.token);
    }
  }
}
