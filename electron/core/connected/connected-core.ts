/**
 * The core of an app connected to a station: no engine, no database. Every call goes to the station
 * (station-link.ts); while the station is out of reach, outbox channels wait in the outbox, the last-seen
 * reads answer from what was last read, and everything else says plainly that the station is out of reach.
 * It watches the line (connected → reconnecting → unreachable since HH:MM) and sends the outbox when the
 * station is back. Plain Node: the Electron main process runs it, and so do the tests, as a second process.
 */
import path from 'node:path';
import { allChannels } from '../../../shared/contract';
import type { ApiResult } from '../../../shared/contract/errors';
import { LastSeen } from './last-seen';
import { followStationEvents, type LiveSink, type LiveStream } from './live-events';
import { Outbox, type OutboxEntry } from './outbox';
import {
  callStation,
  CertificateChanged,
  closeLink,
  DeviceRevoked,
  StationUnreachable,
  type StationLink,
} from './station-link';

export type LinkState = 'connected' | 'reconnecting' | 'unreachable' | 'refused';

export interface ConnectionState {
  station: string;
  state: LinkState;
  /** When the station stopped answering (reconnecting, unreachable). */
  since?: Date | undefined;
  /** Why the station refuses this computer (refused): a changed certificate, a removed device. */
  problem?: string | undefined;
  /** The oldest last-seen answer given out since the line dropped: the screens say "as of HH:MM". */
  asOf?: Date | undefined;
  outbox: { id: string; channel: string; queuedAt: Date }[];
  failed: { id: string; channel: string; queuedAt: Date; message: string }[];
}

export interface ConnectedCoreOptions {
  link: StationLink;
  /** Where the sealed outbox and last-seen files live. */
  dir: string;
  /** The app's sealing key (sealed-file.ts, from the keychain). */
  key: Buffer;
  /** How often the line is probed while the station is away (default 3 s). */
  probeEveryMs?: number;
  /** After how long without an answer "reconnecting" becomes "unreachable" (default 15 s). */
  unreachableAfterMs?: number;
  /** Sees each outbox delivery's answer start, and may cut its connection there (tests of a lost answer). */
  deliveryHook?: (entry: OutboxEntry, cut: () => void) => void;
  /** The first wait before a dropped event stream is reopened (live-events.ts; default 1 s). */
  streamRetryMs?: number;
  logger?: (line: string) => void;
}

const hhmm = (d: Date): string => d.toTimeString().slice(0, 5);

export class ConnectedCore {
  readonly #opts: ConnectedCoreOptions;
  readonly #outbox: Outbox;
  readonly #lastSeen: LastSeen;
  readonly #listeners = new Set<(state: ConnectionState) => void>();
  #state: LinkState = 'reconnecting';
  #since: Date | undefined = new Date();
  #problem: string | undefined;
  #asOf: Date | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #streams = new Set<LiveStream>();

  private constructor(opts: ConnectedCoreOptions, outbox: Outbox, lastSeen: LastSeen) {
    this.#opts = opts;
    this.#outbox = outbox;
    this.#lastSeen = lastSeen;
  }

  /** Opens the sealed files and starts watching the line (the first probe runs at once). */
  static async start(opts: ConnectedCoreOptions): Promise<ConnectedCore> {
    const core = new ConnectedCore(
      opts,
      await Outbox.open(path.join(opts.dir, 'outbox.sealed'), opts.key),
      await LastSeen.open(path.join(opts.dir, 'last-seen.sealed'), opts.key),
    );
    core.#schedule(0);
    return core;
  }

  state(): ConnectionState {
    return {
      station: this.#opts.link.url,
      state: this.#state,
      ...(this.#since && this.#state !== 'connected' ? { since: this.#since } : {}),
      ...(this.#problem ? { problem: this.#problem } : {}),
      ...(this.#asOf ? { asOf: this.#asOf } : {}),
      outbox: this.#outbox
        .entries()
        .map((e) => ({ id: e.id, channel: e.channel, queuedAt: new Date(e.queuedAt) })),
      failed: this.#outbox.failed().map((e) => ({
        id: e.id,
        channel: e.channel,
        queuedAt: new Date(e.queuedAt),
        message: e.message,
      })),
    };
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** window.crm.invoke, forwarded: the renderer cannot tell it from a local core. */
  async invoke(channel: string, input: unknown, token: string | undefined): Promise<ApiResult<unknown>> {
    if (this.#state === 'refused')
      return { ok: false, error: { code: 'FORBIDDEN', message: this.#problem ?? '' } };
    // While the outbox holds entries, newer outbox calls queue behind them: the order is kept.
    if (this.#isOutbox(channel) && this.#outbox.entries().length > 0 && token)
      return this.#queue(channel, input, token);
    try {
      const result = await callStation(this.#opts.link, channel, input, { token });
      this.#up();
      if (result.ok) void this.#lastSeen.keep(channel, input, token, result.data).catch(() => undefined);
      return result;
    } catch (err) {
      if (!(err instanceof StationUnreachable)) return this.#refused(err);
      this.#down();
      if (this.#isOutbox(channel) && token) return this.#queue(channel, input, token);
      const seen = this.#lastSeen.find(channel, input, token);
      if (seen) {
        if (!this.#asOf || seen.at < this.#asOf) this.#asOf = seen.at;
        this.#emit();
        return { ok: true, data: seen.data, asOf: seen.at };
      }
      return { ok: false, error: { code: 'UNAVAILABLE', message: this.#outOfReach() } };
    }
  }

  /** A signed-in window's pushed events from the station (live-events.ts), until closed or the session ends. */
  openEvents(token: string, sink: LiveSink): LiveStream {
    const stream = followStationEvents(
      this.#opts.link,
      token,
      {
        ...sink,
        ended: () => {
          this.#streams.delete(stream);
          sink.ended();
        },
      },
      {
        ...(this.#opts.logger ? { log: this.#opts.logger } : {}),
        ...(this.#opts.streamRetryMs ? { retryFirstMs: this.#opts.streamRetryMs } : {}),
      },
    );
    this.#streams.add(stream);
    return {
      close: () => {
        this.#streams.delete(stream);
        stream.close();
      },
    };
  }

  /** Removes a failed outbox entry from the list. */
  async dismiss(id: string): Promise<void> {
    await this.#outbox.dismiss(id);
    this.#emit();
  }

  /** Sends what waits, now (also done on its own when the station comes back). */
  async flush(): Promise<{ sent: number; failed: number }> {
    const hook = this.#opts.deliveryHook;
    const result = await this.#outbox.flush((entry, input) =>
      callStation(this.#opts.link, entry.channel, input, {
        token: entry.token,
        idempotencyKey: entry.id,
        ...(hook ? { onAnswer: (cut: () => void) => hook(entry, cut) } : {}),
      }),
    );
    this.#emit();
    return result;
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    for (const stream of this.#streams) stream.close();
    this.#streams.clear();
    closeLink(this.#opts.link);
  }

  #isOutbox(channel: string): boolean {
    return (
      Object.hasOwn(allChannels, channel) && allChannels[channel as keyof typeof allChannels].outbox === true
    );
  }

  async #queue(channel: string, input: unknown, token: string): Promise<ApiResult<unknown>> {
    let entry;
    try {
      entry = await this.#outbox.add(channel, input, token);
    } catch (err) {
      return {
        ok: false,
        error: { code: 'UNAVAILABLE', message: err instanceof Error ? err.message : String(err) },
      };
    }
    this.#emit();
    if (entry.standInId) {
      // A voice note's recording: the message that refers to it queues next with this id.
      const file = (input ?? {}) as { name?: unknown; mimeType?: unknown; data?: { length?: unknown } };
      return {
        ok: true,
        data: {
          id: entry.standInId,
          name: typeof file.name === 'string' ? file.name : 'recording',
          mimeType: typeof file.mimeType === 'string' ? file.mimeType : 'application/octet-stream',
          size: typeof file.data?.length === 'number' ? file.data.length : 0,
        },
      };
    }
    return {
      ok: false,
      error: {
        code: 'UNAVAILABLE',
        message: `Waiting to send (since ${hhmm(new Date(entry.queuedAt))}): the station is out of reach. It is sent by itself when the station is back.`,
      },
    };
  }

  #outOfReach(): string {
    const since = this.#since ? ` since ${hhmm(this.#since)}` : '';
    return `The station is out of reach${since}. This needs the station; messages, hand-ins and registers wait in the outbox.`;
  }

  #refused(err: unknown): ApiResult<never> {
    if (err instanceof CertificateChanged || err instanceof DeviceRevoked) {
      this.#state = 'refused';
      this.#problem = err.message;
      this.#emit();
      return { ok: false, error: { code: 'FORBIDDEN', message: err.message } };
    }
    return {
      ok: false,
      error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) },
    };
  }

  #up(): void {
    if (this.#state === 'connected') return;
    this.#state = 'connected';
    this.#since = undefined;
    this.#asOf = undefined;
    this.#emit();
    if (this.#outbox.entries().length) void this.#flushSoon();
  }

  #down(): void {
    if (this.#state === 'connected') {
      this.#state = 'reconnecting';
      this.#since = new Date();
      this.#emit();
      this.#schedule(this.#opts.probeEveryMs ?? 3_000);
    }
  }

  async #flushSoon(): Promise<void> {
    try {
      await this.flush();
    } catch (err) {
      if (err instanceof StationUnreachable) this.#down();
      else this.#refused(err);
    }
  }

  /** Probes the line with system.ping until it answers; then the outbox goes. */
  #schedule(delay: number): void {
    if (this.#closed || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#probe();
    }, delay);
    this.#timer.unref();
  }

  async #probe(): Promise<void> {
    if (this.#closed || this.#state === 'refused') return;
    try {
      await callStation(this.#opts.link, 'system.ping', {}, { timeoutMs: 5_000 });
      this.#up();
    } catch (err) {
      if (!(err instanceof StationUnreachable)) {
        this.#refused(err);
        return;
      }
      const since = this.#since ?? new Date();
      this.#since = since;
      const next: LinkState =
        Date.now() - since.getTime() >= (this.#opts.unreachableAfterMs ?? 15_000)
          ? 'unreachable'
          : 'reconnecting';
      if (next !== this.#state) {
        this.#state = next;
        this.#emit();
      }
      this.#schedule(this.#opts.probeEveryMs ?? 3_000);
    }
  }

  #emit(): void {
    const state = this.state();
    for (const listener of this.#listeners) listener(state);
  }
}
