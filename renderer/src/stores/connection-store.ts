/**
 * How the desktop app runs (standalone, station, connected) and, when connected, the line to the station and
 * its outbox: read with `app.mode` and kept fresh by the main process's `connection:state` events. In a
 * browser there is no bridge and nothing to show.
 */
import { create } from 'zustand';
import type { AppModeState, ConnectionStateView } from '../../../shared/app-mode';
import type { CrmBridge } from '../../../shared/bridge';
import { toApiResult, unwrapResult } from '../lib/api-reply';
import { queryInvalidation } from '../lib/query-invalidation';

export interface ConnectionStoreState {
  mode: AppModeState | null;
  connection: ConnectionStateView | null;
  /** Reads the mode and listens for the line's changes; returns the function that stops listening. */
  watch: () => () => void;
}

/** An `app.*` call to the main process (desktop only). */
export async function appCall<T>(bridge: CrmBridge, call: string, input: unknown = {}): Promise<T> {
  return unwrapResult(toApiResult(await bridge.invoke(call, input))) as T;
}

export function createConnectionStore(bridge: CrmBridge | null | undefined) {
  return create<ConnectionStoreState>()((set, get) => ({
    mode: null,
    connection: null,
    watch: () => {
      if (!bridge) return () => undefined;
      void appCall<AppModeState>(bridge, 'app.mode').then(
        (mode) => set({ mode, connection: mode.connection ?? null }),
        () => undefined,
      );
      return bridge.on('connection:state', (connection) => {
        const was = get().connection?.state;
        set({ connection });
        // The station is back: what pages show from the last-seen answers is read again (and unmarked).
        if (connection.state === 'connected' && was !== undefined && was !== 'connected')
          queryInvalidation.invalidateAll();
      });
    },
  }));
}

export const useConnectionStore = createConnectionStore(globalThis.window?.crm ?? null);
