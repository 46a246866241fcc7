/**
 * Relays each signed-in window's event stream from the core to its renderer (`window.crm.on('crm:event')`):
 * the desktop app gets the same pushed events as a browser on the station. A window's stream follows its
 * session token (main keeps it: session-tokens.ts): opened when the window signs in, reopened when the token
 * changes (a password change answers a new one), closed on sign-out and when the window goes. The stream comes
 * from the local core, or in connected mode from the station (connected/live-events.ts), which may also drop
 * and come back: the window polls in between.
 */
import type { CrmLiveMessage } from '../../shared/bridge';
import type { PushedEvent } from '../../shared/contract/events';

export interface RelaySink {
  ready(resync: boolean): void;
  event(event: PushedEvent): void;
  ended(): void;
  /** Only a stream that reopens itself (connected mode) drops. */
  dropped(): void;
}

export type StreamOpener = (token: string, sink: RelaySink) => Promise<{ close(): void }>;

export class EventRelay {
  readonly #streams = new Map<number, { token: string; stream?: { close(): void }; closed: boolean }>();

  constructor(
    private readonly open: StreamOpener,
    private readonly send: (contentsId: number, message: CrmLiveMessage) => void,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** The window's current token (undefined: signed out); opens, keeps or replaces its stream. */
  update(contentsId: number, token: string | undefined): void {
    const current = this.#streams.get(contentsId);
    if (current?.token === token) return;
    this.forget(contentsId);
    if (token === undefined) return;
    const entry: { token: string; stream?: { close(): void }; closed: boolean } = { token, closed: false };
    this.#streams.set(contentsId, entry);
    const sink: RelaySink = {
      ready: (resync) => this.send(contentsId, { kind: 'ready', resync }),
      event: (event) => this.send(contentsId, { kind: 'event', event }),
      ended: () => {
        if (this.#streams.get(contentsId) === entry) this.#streams.delete(contentsId);
        this.send(contentsId, { kind: 'ended' });
      },
      dropped: () => this.send(contentsId, { kind: 'dropped' }),
    };
    this.open(token, sink).then(
      (stream) => {
        if (entry.closed) stream.close();
        else entry.stream = stream;
      },
      (err: unknown) => {
        if (this.#streams.get(contentsId) === entry) this.#streams.delete(contentsId);
        this.log(`[main] event stream not opened: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
  }

  forget(contentsId: number): void {
    const entry = this.#streams.get(contentsId);
    if (!entry) return;
    entry.closed = true;
    entry.stream?.close();
    this.#streams.delete(contentsId);
  }
}
