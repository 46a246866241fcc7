/**
 * The database engine's state as the renderer knows it: polled through `system.status` (every second while
 * it is not ready, every 10 s once it is) and, in the desktop app, pushed by the `engine:status` event.
 */
import { create } from 'zustand';
import type { CrmApi } from '../../../shared/contract';
import type { CrmBridge } from '../../../shared/bridge';
import type { EngineStatus } from '../../../shared/engine-status';
import type { ErrorCode } from '../../../shared/contract/errors';
import { api } from '../lib/api-client';
import { toApiClientError } from '../lib/api-reply';

export const POLL_NOT_READY_MS = 1_000;
export const POLL_READY_MS = 10_000;

export interface EngineStoreState {
  status: EngineStatus | null;
  version: string | null;
  /** The last poll's failure (the app's server unreachable, …); null after a successful poll or event. */
  error: { code: ErrorCode; message: string } | null;
  /** When the last answer arrived (ms since epoch). */
  updatedAt: number | null;
  /** Starts polling and listening; returns the function that stops both. Calling it twice shares one watcher. */
  watch: () => () => void;
  /** Polls now (e.g. a "Try again" button). */
  refresh: () => Promise<void>;
}

export function createEngineStore(client: CrmApi, bridge: CrmBridge | null | undefined) {
  let watchers = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | undefined;
  let inFlight: Promise<void> | undefined;

  return create<EngineStoreState>()((set, get) => {
    function schedule(): void {
      clearTimeout(timer);
      if (watchers === 0) return;
      const { status, error } = get();
      const delay = status?.state === 'ready' && !error ? POLL_READY_MS : POLL_NOT_READY_MS;
      timer = setTimeout(() => void poll(), delay);
    }

    function poll(): Promise<void> {
      inFlight ??= (async () => {
        try {
          const reply = await client.invoke('system.status', {});
          set({ status: reply.engine, version: reply.version, error: null, updatedAt: Date.now() });
        } catch (err) {
          const e = toApiClientError(err);
          set({ error: { code: e.code, message: e.message }, updatedAt: Date.now() });
        } finally {
          inFlight = undefined;
          schedule();
        }
      })();
      return inFlight;
    }

    return {
      status: null,
      version: null,
      error: null,
      updatedAt: null,
      watch() {
        watchers += 1;
        if (watchers === 1) {
          unsubscribe = bridge?.on('engine:status', (status) => {
            set({ status, error: null, updatedAt: Date.now() });
            schedule();
          });
          void poll();
        }
        let stopped = false;
        return () => {
          if (stopped) return;
          stopped = true;
          watchers -= 1;
          if (watchers === 0) {
            clearTimeout(timer);
            unsubscribe?.();
            unsubscribe = undefined;
          }
        };
      },
      refresh: () => poll(),
    };
  });
}

export const useEngineStore = createEngineStore(api, globalThis.window?.crm ?? null);
