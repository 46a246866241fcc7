/**
 * Who is signed in. In the desktop app the main process keeps the token per window (it reads it from the
 * sign-in replies), so the renderer never holds it; on the station this store keeps it in memory and in
 * sessionStorage (a reload keeps the session, closing the tab ends it) and the api client sends it as
 * `Authorization: Bearer`.
 *
 * Any signed-in call answered UNAUTHENTICATED (expired, signed out elsewhere, account removed) ends the
 * session here, once, with a notification; pages need not handle it.
 */
import { notifications } from '@mantine/notifications';
import { create } from 'zustand';
import {
  allChannels,
  endsSessionOnUnauthenticated,
  type AllChannelInput,
  type CrmApi,
  type SessionUser,
} from '../../../shared/contract';
import { api, isDesktop, setErrorListener, setTokenProvider, type ApiClientError } from '../lib/api-client';

export type SessionStatus = 'unknown' | 'restoring' | 'signed-out' | 'signed-in';

/** The three ways in: the office (an institution's admin), a teacher or a student of an institution. */
export type SignInMode = 'admin' | 'teacher' | 'student';
/** How the sign-in form was last used on this device (localStorage). */
export interface LastSignIn {
  mode: SignInMode;
  /** The institution (its admin's username) a teacher or student last typed, on a station without the list. */
  institution: string;
  /** The institution (its key from auth.institutions) a teacher or student last chose from the list. */
  institutionKey: string;
}

export type LoginInput = AllChannelInput<'auth.login'>;
export type RegisterInput = AllChannelInput<'auth.registerInstitution'>;
export type ChangePasswordInput = AllChannelInput<'auth.changePassword'>;

export interface SessionStoreState {
  status: SessionStatus;
  user: SessionUser | null;
  /** The station's bearer token; always null in the desktop app. */
  token: string | null;
  expiresAt: Date | null;
  lastSignIn: LastSignIn;
  /** Signs in; throws the ApiClientError (wrong password, RATE_LIMITED, UNAVAILABLE, VALIDATION …). */
  login: (input: LoginInput) => Promise<SessionUser>;
  /** Registers an institution, then signs its admin in. */
  register: (input: RegisterInput) => Promise<SessionUser>;
  /** Signs out (the server logs it; a failure there still signs out here). */
  logout: () => Promise<void>;
  /** At start: asks `auth.me` whether a session exists (the desktop's main process, or the stored token). */
  restore: () => Promise<void>;
  /** Changes the password; the answer's new token replaces the old one (other sessions end). */
  changePassword: (input: ChangePasswordInput) => Promise<void>;
  /** The server ended the session: forget it and say so. */
  end: (message?: string) => void;
}

export const TOKEN_KEY = 'smart-crm.session-token';
export const LAST_SIGN_IN_KEY = 'smart-crm.last-sign-in';
export const SESSION_ENDED_NOTIFICATION = 'session-ended';

interface SessionStoreDeps {
  client: CrmApi;
  /** True when the main process keeps the token (Electron). */
  desktop: boolean;
  /** Where the station's token survives a reload; null disables it. */
  sessionStorage: Storage | null;
  /** Where the last institution is remembered; null disables it. */
  localStorage: Storage | null;
  /** Shows "Your session has ended". */
  notifyEnded: (message: string) => void;
}

function readLastSignIn(storage: Storage | null): LastSignIn {
  const fallback: LastSignIn = { mode: 'admin', institution: '', institutionKey: '' };
  try {
    const raw = storage?.getItem(LAST_SIGN_IN_KEY);
    if (!raw) return fallback;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return fallback;
    const { mode, institution, institutionKey } = parsed as Record<string, unknown>;
    return {
      // 'member' is what versions before the three ways in stored for teachers and students.
      mode: mode === 'student' ? 'student' : mode === 'teacher' || mode === 'member' ? 'teacher' : 'admin',
      institution: typeof institution === 'string' ? institution.slice(0, 64) : '',
      institutionKey:
        typeof institutionKey === 'string' && /^[0-9a-f]{24}$/.test(institutionKey) ? institutionKey : '',
    };
  } catch {
    return fallback;
  }
}

function safely(action: () => void): void {
  try {
    action();
  } catch {
    // Storage can be full or disabled (private windows); the session still works for this page.
  }
}

export function createSessionStore(deps: SessionStoreDeps) {
  const { client, desktop } = deps;
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;

  const store = create<SessionStoreState>()((set, get) => {
    function storeToken(token: string | null): void {
      if (desktop) return;
      safely(() => {
        if (token) deps.sessionStorage?.setItem(TOKEN_KEY, token);
        else deps.sessionStorage?.removeItem(TOKEN_KEY);
      });
    }

    function scheduleExpiry(expiresAt: Date | null): void {
      clearTimeout(expiryTimer);
      if (!expiresAt) return;
      // setTimeout holds at most ~24.8 days; tokens live 24 hours.
      const delay = Math.min(expiresAt.getTime() - Date.now(), 2 ** 31 - 1);
      expiryTimer = setTimeout(() => get().end(), Math.max(0, delay));
    }

    function signedIn(user: SessionUser, expiresAt: Date, token: string | null): void {
      storeToken(token);
      scheduleExpiry(expiresAt);
      set({ status: 'signed-in', user, expiresAt, token: desktop ? null : token });
    }

    function signedOut(): void {
      clearTimeout(expiryTimer);
      storeToken(null);
      set({ status: 'signed-out', user: null, token: null, expiresAt: null });
    }

    function rememberSignIn(input: LoginInput, user: SessionUser): void {
      const before = get().lastSignIn;
      const last: LastSignIn = {
        mode: user.role,
        institution: input.institution?.trim() ?? before.institution,
        institutionKey: input.institutionKey ?? before.institutionKey,
      };
      set({ lastSignIn: last });
      safely(() => deps.localStorage?.setItem(LAST_SIGN_IN_KEY, JSON.stringify(last)));
    }

    let storedToken: string | null = null;
    if (!desktop) safely(() => (storedToken = deps.sessionStorage?.getItem(TOKEN_KEY) ?? null));

    return {
      status: 'unknown',
      user: null,
      token: storedToken,
      expiresAt: null,
      lastSignIn: readLastSignIn(deps.localStorage),

      async login(input) {
        const reply = await client.invoke('auth.login', input);
        rememberSignIn(input, reply.user);
        signedIn(reply.user, reply.expiresAt, reply.token);
        return reply.user;
      },

      async register(input) {
        await client.invoke('auth.registerInstitution', input);
        return get().login({ username: input.username, password: input.password });
      },

      async logout() {
        try {
          if (get().status === 'signed-in') await client.invoke('auth.logout', {});
        } catch {
          // Signed out here all the same; the token expires on its own.
        }
        // The next person at this computer should not see the last one's messages.
        notifications.clean();
        signedOut();
      },

      async restore() {
        const { status, token } = get();
        if (status === 'restoring' || status === 'signed-in') return;
        if (!desktop && !token) {
          set({ status: 'signed-out' });
          return;
        }
        set({ status: 'restoring' });
        try {
          const me = await client.invoke('auth.me', {});
          signedIn(me.user, me.expiresAt, get().token);
        } catch (err) {
          // UNAUTHENTICATED: no session (or an old one). Anything else (engine down): keep the token, so a
          // later reload can still restore it, and show the start screen.
          if ((err as ApiClientError).code === 'UNAUTHENTICATED') signedOut();
          else set({ status: 'signed-out', user: null, expiresAt: null });
        }
      },

      async changePassword(input) {
        const reply = await client.invoke('auth.changePassword', input);
        const user = get().user;
        // A changed password meets today's rules: the prompt to change it is over.
        if (user) signedIn({ ...user, mustChangePassword: false }, reply.expiresAt, reply.token);
      },

      end(message = 'Please sign in again to go on.') {
        if (get().status !== 'signed-in') return;
        signedOut();
        deps.notifyEnded(message);
      },
    };
  });

  return store;
}

function browserStorage(kind: 'sessionStorage' | 'localStorage'): Storage | null {
  try {
    return globalThis.window?.[kind] ?? null;
  } catch {
    return null;
  }
}

export const useSessionStore = createSessionStore({
  client: api,
  desktop: isDesktop,
  sessionStorage: browserStorage('sessionStorage'),
  localStorage: browserStorage('localStorage'),
  notifyEnded: (message) =>
    notifications.show({
      id: SESSION_ENDED_NOTIFICATION,
      title: 'Your session has ended',
      message,
      color: 'orange',
      autoClose: 10_000,
    }),
});

setTokenProvider(() => useSessionStore.getState().token);
setErrorListener((error, channel) => {
  // A public channel's UNAUTHENTICATED is about the credentials typed (a wrong password), not the session.
  if (
    error.code === 'UNAUTHENTICATED' &&
    Object.hasOwn(allChannels, channel) &&
    endsSessionOnUnauthenticated(allChannels[channel as keyof typeof allChannels])
  ) {
    useSessionStore.getState().end();
  }
});
