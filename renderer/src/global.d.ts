import type { CrmBridge } from '../../shared/bridge';

declare global {
  interface Window {
    /** Present in the desktop app (the preload's bridge); absent in a browser on the station. */
    readonly crm?: CrmBridge;
  }
}

export {};
