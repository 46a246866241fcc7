/**
 * The preload exposes `window.crm` = { invoke, on } and nothing else. Events outside the allow-list are
 * refused; the listener receives the payload only (never the IPC event, which would leak ipcRenderer).
 * Sandboxed: built as CommonJS, imports only `electron` and types.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CrmBridge, CrmEventName, CrmEventPayloads } from '../../shared/bridge';

// Kept literal here (not imported) so the sandboxed bundle stays self-contained.
const INVOKE_CHANNEL = 'crm:invoke';
const EVENTS: readonly string[] = ['engine:status', 'crm:event', 'connection:state'];

const bridge: CrmBridge = {
  invoke(channel, input) {
    if (typeof channel !== 'string' || channel.length === 0 || channel.length > 100) {
      return Promise.reject(new TypeError('crm.invoke: the channel must be a non-empty string'));
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, input) as ReturnType<CrmBridge['invoke']>;
  },
  on<E extends CrmEventName>(event: E, listener: (payload: CrmEventPayloads[E]) => void): () => void {
    if (!EVENTS.includes(event)) throw new TypeError(`crm.on: unknown event "${String(event)}"`);
    if (typeof listener !== 'function') throw new TypeError('crm.on: the listener must be a function');
    const handler = (_event: IpcRendererEvent, payload: CrmEventPayloads[E]): void => listener(payload);
    ipcRenderer.on(event, handler);
    return () => {
      ipcRenderer.removeListener(event, handler);
    };
  },
};

contextBridge.exposeInMainWorld('crm', bridge);
