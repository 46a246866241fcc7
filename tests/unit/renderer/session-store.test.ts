import { describe, expect, it, vi } from 'vitest';
import type { AllChannelName, CrmApi } from '../../../shared/contract';
import { ApiClientError } from '../../../renderer/src/lib/api-reply';
import { LAST_SIGN_IN_KEY, TOKEN_KEY, createSessionStore } from '../../../renderer/src/stores/session-store';

class MemoryStorage implements Storage {
  #items = new Map<string, string>();
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    this.#items.set(key, value);
  }
}

const user = {
  id: '66f0a1b2c3d4e5f6a7b8c9d0',
  role: 'teacher' as const,
  name: 'Pratik Shah',
  username: 'Pratik sir',
  institutionName: 'Viva Public School',
};
const later = () => new Date(Date.now() + 3_600_000);

/** A client answering from a table of handlers; an unlisted channel is UNAUTHENTICATED. */
function fakeClient(handlers: Partial<Record<AllChannelName, (input: unknown) => unknown>>) {
  const calls: string[] = [];
  const client: CrmApi = {
    invoke(name, input) {
      calls.push(name);
      const handler = handlers[name];
      if (!handler) return Promise.reject(new ApiClientError('UNAUTHENTICATED', 'Your session has ended.'));
      try {
        return Promise.resolve(handler(input)) as never;
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    },
  };
  return { client, calls };
}

function setup(
  handlers: Parameters<typeof fakeClient>[0],
  options: { desktop?: boolean; session?: MemoryStorage; local?: MemoryStorage } = {},
) {
  const { client, calls } = fakeClient(handlers);
  const sessionStorage = options.session ?? new MemoryStorage();
  const localStorage = options.local ?? new MemoryStorage();
  const notifyEnded = vi.fn();
  const store = createSessionStore({
    client,
    desktop: options.desktop ?? false,
    sessionStorage,
    localStorage,
    notifyEnded,
  });
  return { store, calls, sessionStorage, localStorage, notifyEnded };
}

describe('session store', () => {
  it('on the station: keeps the token in memory and sessionStorage, remembers the institution', async () => {
    const { store, sessionStorage, localStorage } = setup({
      'auth.login': () => ({ token: 't1', expiresAt: later(), user }),
      'auth.logout': () => ({ ok: true }),
    });
    await store.getState().login({ institution: ' viva_admin ', username: 'Pratik sir', password: 'x' });
    expect(store.getState()).toMatchObject({ status: 'signed-in', user, token: 't1' });
    expect(sessionStorage.getItem(TOKEN_KEY)).toBe('t1');
    expect(JSON.parse(localStorage.getItem(LAST_SIGN_IN_KEY) ?? '{}')).toEqual({
      mode: user.role,
      institution: 'viva_admin',
      institutionKey: '',
    });

    await store.getState().logout();
    expect(store.getState()).toMatchObject({ status: 'signed-out', user: null, token: null });
    expect(sessionStorage.getItem(TOKEN_KEY)).toBeNull();
    // A new store (the next visit) starts from what was remembered.
    expect(setup({}, { local: localStorage }).store.getState().lastSignIn).toEqual({
      mode: user.role,
      institution: 'viva_admin',
      institutionKey: '',
    });
  });

  it('in the desktop app: never holds the token (the main process does)', async () => {
    const { store, sessionStorage } = setup(
      { 'auth.login': () => ({ token: 't1', expiresAt: later(), user }) },
      { desktop: true },
    );
    await store.getState().login({ username: 'viva_admin', password: 'x' });
    expect(store.getState().token).toBeNull();
    expect(sessionStorage.length).toBe(0);
    expect(store.getState().lastSignIn.mode).toBe(user.role);
  });

  it('restores a stored session with auth.me, and skips the call when there is no token', async () => {
    const session = new MemoryStorage();
    const empty = setup({ 'auth.me': () => ({ user, expiresAt: later() }) }, { session });
    await empty.store.getState().restore();
    expect(empty.store.getState().status).toBe('signed-out');
    expect(empty.calls).toEqual([]);

    session.setItem(TOKEN_KEY, 'saved');
    const saved = setup({ 'auth.me': () => ({ user, expiresAt: later() }) }, { session });
    expect(saved.store.getState().token).toBe('saved');
    await saved.store.getState().restore();
    expect(saved.store.getState()).toMatchObject({ status: 'signed-in', user, token: 'saved' });

    const stale = setup({}, { session });
    await stale.store.getState().restore();
    expect(stale.store.getState().status).toBe('signed-out');
    expect(session.getItem(TOKEN_KEY)).toBeNull();
  });

  it('keeps a stored token when restoring fails for another reason (engine down)', async () => {
    const session = new MemoryStorage();
    session.setItem(TOKEN_KEY, 'saved');
    const { store } = setup(
      {
        'auth.me': () => {
          throw new ApiClientError('UNAVAILABLE', 'The database is starting.');
        },
      },
      { session },
    );
    await store.getState().restore();
    expect(store.getState().status).toBe('signed-out');
    expect(session.getItem(TOKEN_KEY)).toBe('saved');
  });

  it('registers, then signs the new admin in', async () => {
    const { store, calls } = setup({
      'auth.registerInstitution': () => ({}),
      'auth.login': () => ({ token: 't', expiresAt: later(), user: { ...user, role: 'admin' } }),
    });
    await store
      .getState()
      .register({ username: 'viva_admin', password: 'pass-1234', name: 'A', institutionName: 'V' });
    expect(calls).toEqual(['auth.registerInstitution', 'auth.login']);
    expect(store.getState().user?.role).toBe('admin');
  });

  it('takes the new token of a password change', async () => {
    const { store, sessionStorage } = setup({
      'auth.login': () => ({ token: 'old', expiresAt: later(), user }),
      'auth.changePassword': () => ({ token: 'new', expiresAt: later() }),
    });
    await store.getState().login({ institution: 'viva_admin', username: 'Pratik sir', password: 'x' });
    await store.getState().changePassword({ currentPassword: 'x', newPassword: 'new-pass-1' });
    expect(store.getState().token).toBe('new');
    expect(sessionStorage.getItem(TOKEN_KEY)).toBe('new');
  });

  it('ends a session once, with the notification, and at its expiry', async () => {
    vi.useFakeTimers();
    try {
      const { store, notifyEnded } = setup({
        'auth.login': () => ({ token: 't', expiresAt: new Date(Date.now() + 60_000), user }),
      });
      await store.getState().login({ institution: 'viva_admin', username: 'Pratik sir', password: 'x' });
      vi.advanceTimersByTime(59_000);
      expect(store.getState().status).toBe('signed-in');
      vi.advanceTimersByTime(2_000);
      expect(store.getState().status).toBe('signed-out');
      expect(notifyEnded).toHaveBeenCalledTimes(1);
      store.getState().end();
      expect(notifyEnded).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
