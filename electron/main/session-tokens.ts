/**
 * The session token of each window, kept in the main process: the renderer never holds it in Electron.
 * A successful call of a channel the contract marks `session: 'issues'` (signing in; changing the password,
 * which ends the other sessions and answers a new token) whose data carries a `token` stores it for that
 * window (the reply is passed on unchanged); a `session: 'ends'` channel forgets it.
 */
import { allChannels } from '../../shared/contract';
import type { ApiResult } from '../../shared/contract/errors';

function sessionEffect(channel: string): 'issues' | 'ends' | undefined {
  return Object.hasOwn(allChannels, channel)
    ? allChannels[channel as keyof typeof allChannels].session
    : undefined;
}

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
    const effect = sessionEffect(channel);
    if (effect === 'ends') {
      this.forget(contentsId);
      return;
    }
    if (effect !== 'issues' || !result.ok) return;
    const data = result.data;
    if (typeof data === 'object' && data !== null && 'token' in data && typeof data.token === 'string') {
      this.#byContents.set(contentsId, data.token);
    }
  }
}
