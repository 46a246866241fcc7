/**
 * Answers remembered by Idempotency-Key, for the channels the contract lets wait in an outbox
 * (`outbox: true`). The first call with a key runs and its answer is written to `replies.json` before it is
 * sent; a repeat (the answer was lost on the way) gets that answer again without running; a repeat while the
 * first still runs waits for it. Keys are per device (or per browser session's token) and kept for 7 days.
 */
import path from 'node:path';
import type { ApiResult } from '../../../../shared/contract/errors';
import { decodeRpc, encodeRpc } from '../../../../shared/rpc-encoding';
import { jsonFileWriter, readJsonFile } from './json-file';

interface Stored {
  channel: string;
  at: number;
  /** The answer, EJSON. */
  reply: string;
}

export const REPLY_TTL_MS = 7 * 24 * 3600_000;
const MAX_REPLIES = 20_000;
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,64}$/;

export interface ReplyMemory {
  once(
    scope: string,
    key: string,
    channel: string,
    run: () => Promise<ApiResult<unknown>>,
  ): Promise<ApiResult<unknown>>;
}

export async function openReplyMemory(dir: string, now: () => number = Date.now): Promise<ReplyMemory> {
  const file = path.join(dir, 'replies.json');
  const write = jsonFileWriter(file);
  const stored = new Map(Object.entries(await readJsonFile<Record<string, Stored>>(file, {})));
  const running = new Map<string, Promise<ApiResult<unknown>>>();

  const prune = (): void => {
    const cutoff = now() - REPLY_TTL_MS;
    for (const [k, v] of stored) if (v.at < cutoff) stored.delete(k);
    // Oldest first (insertion order) when a flood passes the bound.
    for (const k of stored.keys()) {
      if (stored.size <= MAX_REPLIES) break;
      stored.delete(k);
    }
  };

  return {
    async once(scope, key, channel, run) {
      const id = `${scope}:${key}`;
      const before = stored.get(id);
      if (before) {
        if (before.channel !== channel) {
          return {
            ok: false,
            error: { code: 'CONFLICT', message: 'This Idempotency-Key was used for another action.' },
          };
        }
        return decodeRpc(before.reply) as ApiResult<unknown>;
      }
      const inFlight = running.get(id);
      if (inFlight) return inFlight;
      const call = (async () => {
        const result = await run();
        // A refusal (validation, rights) is not remembered: the same call may succeed after a fix.
        if (result.ok) {
          stored.set(id, { channel, at: now(), reply: encodeRpc(result) });
          prune();
          await write(Object.fromEntries(stored));
        }
        return result;
      })();
      running.set(id, call);
      try {
        return await call;
      } finally {
        running.delete(id);
      }
    },
  };
}
