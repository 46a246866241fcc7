import type { ApiResult } from './contract/errors';
import type { ConnectionStateView } from './app-mode';
import type { PushedEvent } from './contract/events';
import type { EngineStatus } from './engine-status';

/** Events the main process pushes to the renderer; the preload refuses any other name. */
export const CRM_EVENTS = ['engine:status', 'crm:event', 'connection:state'] as const;
export type CrmEventName = (typeof CRM_EVENTS)[number];

/**
 * The signed-in window's event stream, relayed by the main process (electron/main/event-relay.ts); `dropped`:
 * a connected app's stream to the station is down and being reopened (the window polls until `ready`).
 */
export type CrmLiveMessage =
  | { kind: 'ready'; resync: boolean }
  | { kind: 'event'; event: PushedEvent }
  | { kind: 'ended' }
  | { kind: 'dropped' };

export interface CrmEventPayloads {
  'engine:status': EngineStatus;
  'crm:event': CrmLiveMessage;
  /** Connected mode: the line to the station and the outbox. */
  'connection:state': ConnectionStateView;
}

/** The one IPC channel the renderer's calls travel on. */
export const CRM_INVOKE_CHANNEL = 'crm:invoke';

/**
 * What the preload exposes as `window.crm` in the desktop app, and nothing else.
 * `invoke` answers the router's `ApiResult`; the api client unwraps it.
 */
export interface CrmBridge {
  invoke(channel: string, input: unknown): Promise<ApiResult<unknown>>;
  on<E extends CrmEventName>(event: E, listener: (payload: CrmEventPayloads[E]) => void): () => void;
}

export function isCrmEventName(value: unknown): value is CrmEventName {
  return typeof value === 'string' && (CRM_EVENTS as readonly string[]).includes(value);
}
