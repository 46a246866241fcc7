/**
 * What a connected app last read from the station, for reading while it is out of reach: today's timetable,
 * the assignments, the conversations and open threads (and who is signed in). Sealed on disk like the outbox,
 * per person, the newest 200 answers.
 */
import { createHash } from 'node:crypto';
import { decodeRpc, encodeRpc } from '../../../shared/rpc-encoding';
import { sealedFile, type SealedFile } from './sealed-file';

/** The channels whose last answer stays readable offline. */
export const LAST_SEEN_CHANNELS: ReadonlySet<string> = new Set([
  'auth.me',
  'schedules.list',
  'assignments.list',
  'assignments.get',
  'messages.conversations',
  'messages.thread',
  'messages.unreadCounts',
]);

const MAX_ANSWERS = 200;

interface Stored {
  at: number;
  data: string;
}

/** The person a session token belongs to (its `sub`), read without checking: only to keep people apart. */
function personOf(token: string | undefined): string | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      sub?: unknown;
      db?: unknown;
    };
    return typeof claims.sub === 'string' ? `${String(claims.db)}/${claims.sub}` : undefined;
  } catch {
    return undefined;
  }
}

export class LastSeen {
  readonly #file: SealedFile<Record<string, Stored>>;
  readonly #answers: Map<string, Stored>;

  private constructor(file: SealedFile<Record<string, Stored>>, answers: Record<string, Stored>) {
    this.#file = file;
    this.#answers = new Map(Object.entries(answers));
  }

  static async open(file: string, key: Buffer): Promise<LastSeen> {
    const sealed = sealedFile<Record<string, Stored>>(file, key, () => ({}));
    return new LastSeen(sealed, await sealed.read());
  }

  #key(channel: string, input: unknown, token: string | undefined): string | undefined {
    const person = personOf(token);
    if (!person || !LAST_SEEN_CHANNELS.has(channel)) return undefined;
    return createHash('sha256')
      .update(`${person}\n${channel}\n${encodeRpc(input ?? {})}`)
      .digest('hex');
  }

  async keep(
    channel: string,
    input: unknown,
    token: string | undefined,
    data: unknown,
    now = Date.now(),
  ): Promise<void> {
    const key = this.#key(channel, input, token);
    if (!key) return;
    this.#answers.delete(key);
    this.#answers.set(key, { at: now, data: encodeRpc(data) });
    for (const oldest of this.#answers.keys()) {
      if (this.#answers.size <= MAX_ANSWERS) break;
      this.#answers.delete(oldest);
    }
    await this.#file.write(Object.fromEntries(this.#answers));
  }

  /** The last answer and when it was read, or undefined. */
  find(channel: string, input: unknown, token: string | undefined): { data: unknown; at: Date } | undefined {
    const key = this.#key(channel, input, token);
    const stored = key ? this.#answers.get(key) : undefined;
    return stored ? { data: decodeRpc(stored.data), at: new Date(stored.at) } : undefined;
  }
}
