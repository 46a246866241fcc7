/**
 * What a connected app could not send while the station was out of reach: messages, voice notes and hand-ins
 * (the contract's `outbox` channels), kept sealed on disk in the order they were made and sent in that order
 * when the station is back. Each entry carries its Idempotency-Key from the moment it is queued, so a retry
 * after a lost answer is answered by the station from memory instead of acting twice.
 *
 * A voice note is two calls: files.upload, then messages.send with the file's id. Queued, the upload answers
 * a stand-in id; when the upload is delivered, later entries get the real id in its place.
 */
import { randomBytes } from 'node:crypto';
import { ObjectId } from 'bson';
import type { ApiResult } from '../../../shared/contract/errors';
import { decodeRpc, encodeRpc } from '../../../shared/rpc-encoding';
import { sealedFile, type SealedFile } from './sealed-file';
import { StationUnreachable } from './station-link';

export interface OutboxEntry {
  /** Also the Idempotency-Key. */
  id: string;
  channel: string;
  /** The input, EJSON (files travel as binary). */
  input: string;
  /** The person's session token when it was queued. */
  token: string;
  queuedAt: number;
  /** files.upload: the id answered while queued. */
  standInId?: string;
}

export interface FailedEntry extends OutboxEntry {
  failedAt: number;
  message: string;
}

interface OutboxState {
  entries: OutboxEntry[];
  failed: FailedEntry[];
  /** Stand-in file id → the station's id, for entries still waiting. */
  fileIds: Record<string, string>;
}

export type Delivery = (entry: OutboxEntry, input: unknown) => Promise<ApiResult<unknown>>;

/** Entries kept at most (a teacher's week of voice notes); past it, queuing refuses with a message. */
const MAX_ENTRIES = 500;

export class Outbox {
  readonly #file: SealedFile<OutboxState>;
  #state: OutboxState;
  #flushing: Promise<{ sent: number; failed: number }> | undefined;

  private constructor(file: SealedFile<OutboxState>, state: OutboxState) {
    this.#file = file;
    this.#state = state;
  }

  static async open(file: string, key: Buffer): Promise<Outbox> {
    const sealed = sealedFile<OutboxState>(file, key, () => ({ entries: [], failed: [], fileIds: {} }));
    return new Outbox(sealed, await sealed.read());
  }

  entries(): readonly OutboxEntry[] {
    return this.#state.entries;
  }

  failed(): readonly FailedEntry[] {
    return this.#state.failed;
  }

  /** Queues a call (written to disk before this resolves). */
  async add(channel: string, input: unknown, token: string, now = Date.now()): Promise<OutboxEntry> {
    if (this.#state.entries.length >= MAX_ENTRIES) {
      throw new Error(`${MAX_ENTRIES} items already wait to be sent: connect to the station first.`);
    }
    const entry: OutboxEntry = {
      id: randomBytes(16).toString('base64url'),
      channel,
      input: encodeRpc(input ?? {}),
      token,
      queuedAt: now,
      ...(channel === 'files.upload' ? { standInId: new ObjectId().toHexString() } : {}),
    };
    this.#state.entries.push(entry);
    await this.#file.write(this.#state);
    return entry;
  }

  /** Removes a failed entry the person has read. */
  async dismiss(id: string): Promise<void> {
    this.#state.failed = this.#state.failed.filter((e) => e.id !== id);
    await this.#file.write(this.#state);
  }

  /**
   * Sends the entries in order, one at a time. Stops at the first that cannot be delivered (the station is
   * out of reach again: `deliver` throws, or it answers UNAVAILABLE or RATE_LIMITED) and keeps it and those
   * after it. An entry the station refuses
   * (invalid, not allowed any more) moves to `failed` with the station's message.
   */
  flush(deliver: Delivery): Promise<{ sent: number; failed: number }> {
    this.#flushing ??= this.#flush(deliver).finally(() => {
      this.#flushing = undefined;
    });
    return this.#flushing;
  }

  async #flush(deliver: Delivery): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (;;) {
      const entry = this.#state.entries[0];
      if (!entry) break;
      const result = await deliver(entry, this.#withRealIds(decodeRpc(entry.input)));
      // The station is up but cannot take it yet (its database is starting, a limit): later, not failed.
      if (!result.ok && (result.error.code === 'UNAVAILABLE' || result.error.code === 'RATE_LIMITED')) {
        throw new StationUnreachable(result.error.message);
      }
      this.#state.entries.shift();
      if (result.ok) {
        sent += 1;
        const real = (result.data as { id?: unknown } | undefined)?.id;
        if (entry.standInId && typeof real === 'string') this.#state.fileIds[entry.standInId] = real;
      } else {
        failed += 1;
        this.#state.failed.push({ ...entry, failedAt: Date.now(), message: result.error.message });
      }
      if (!this.#state.entries.length) this.#state.fileIds = {};
      await this.#file.write(this.#state);
    }
    return { sent, failed };
  }

  /** The input with every stand-in file id replaced by the station's. */
  #withRealIds(value: unknown): unknown {
    const ids = this.#state.fileIds;
    if (typeof value === 'string') return ids[value] ?? value;
    if (Array.isArray(value)) return value.map((v) => this.#withRealIds(v));
    if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.#withRealIds(v)]));
    }
    return value;
  }
}
