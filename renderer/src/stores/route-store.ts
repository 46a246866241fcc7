/**
 * Where the app is: the route parsed from `location.hash`, kept in step with it both ways. Links are plain
 * `<a href={hrefOf(route)}>` (the browser changes the hash, `hashchange` updates the store); code navigates
 * with `navigate(route)`. Back and forward are the browser's own history of hashes.
 */
import { create } from 'zustand';
import { formatHash, parseHash, type AppRoute } from '../lib/routes';

export interface RouteStoreState {
  /** The current route; null when the hash names none (the start screen, or a mistyped address). */
  route: AppRoute | null;
  /** Goes to a route: a new history entry, or with `replace` the current one is overwritten. */
  navigate: (route: AppRoute, options?: { replace?: boolean }) => void;
  /** Leaves every workspace (sign-out): the hash becomes empty, replacing the current entry. */
  clear: () => void;
}

/** Minimal view of `window` the store needs (tests pass their own). */
export interface HashWindow {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState: (data: unknown, unused: string, url: string) => void; state: unknown };
  addEventListener: (type: 'hashchange', listener: () => void) => void;
}

export function createRouteStore(win: HashWindow | undefined) {
  return create<RouteStoreState>()((set) => {
    win?.addEventListener('hashchange', () => set({ route: parseHash(win.location.hash) }));
    return {
      route: win ? parseHash(win.location.hash) : null,
      navigate(route, options = {}) {
        const hash = formatHash(route);
        if (win && win.location.hash !== hash) {
          if (options.replace) win.history.replaceState(win.history.state, '', hash);
          else win.location.hash = hash;
        }
        set({ route });
      },
      clear() {
        if (win && win.location.hash !== '') {
          win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
        }
        set({ route: null });
      },
    };
  });
}

export const useRouteStore = createRouteStore(globalThis.window);

/** The current route (re-renders on change). */
export function useRoute(): AppRoute | null {
  return useRouteStore((s) => s.route);
}

/** `navigate(route, { replace? })`, stable across renders. */
export function useNavigate(): RouteStoreState['navigate'] {
  return useRouteStore((s) => s.navigate);
}

/** The `href` of a link to a route. */
export const hrefOf = formatHash;
