/**
 * What the session check read for a token, kept in the process while nothing that could change it was
 * written: the models bump the session generation around every such write (db/session-generation.ts), and an
 * entry counts only under the generation it was read at. So a sign-out, a password change, a deactivated or
 * deleted person, a changed role and an archived, deleted or restored institution end the session from its
 * next call, as the uncached check does, and a call costs no database round trip for it otherwise.
 *
 * Only where this process is the one writer of the data (the embedded engine, which has no multi-document
 * transactions whose commit could come after the hooks): with MONGODB_URI another station may write, and the
 * runtime makes no cache (every call reads, as before).
 */
import type { TokenClaims } from '../security/tokens';
import { dropLeastUsed, useEntry } from '../../../shared/recently-used';
import { sessionGeneration } from '../db/session-generation';

/** What a session is, besides its claims: for the actor and for auth.me. */
export interface SessionFacts {
  username: string;
  name: string;
  institutionName: string;
  mustChangePassword: boolean;
}

export interface SessionCache {
  /** The facts read for these claims, if nothing that matters was written since and they are fresh enough. */
  get(claims: TokenClaims): SessionFacts | undefined;
  /** Keeps facts read after `generation` was taken (before the reads began). */
  set(claims: TokenClaims, generation: number, facts: SessionFacts): void;
}

/** Sessions kept at most (the least recently used go first): a school's signed-in people, with room. */
const MAX_SESSIONS = 5000;
/**
 * Read again after this long even when nothing was written: what the hooks cannot see (a write by hand to the
 * database under a running station) holds for 30 s at most.
 */
const MAX_AGE_MS = 30_000;

export function createSessionCache(
  options: { maxSessions?: number; maxAgeMs?: number; now?: () => number } = {},
): SessionCache {
  const max = options.maxSessions ?? MAX_SESSIONS;
  const maxAge = options.maxAgeMs ?? MAX_AGE_MS;
  const now = options.now ?? Date.now;
  const kept = new Map<string, { generation: number; readAt: number; facts: SessionFacts }>();
  // Everything the check depends on: a token's claims are fixed by its signature, but a URL ticket carries a
  // session's claims too, so the key is all of them, not the token's text.
  const keyOf = (c: TokenClaims) => `${c.jti}\u0000${c.sub}\u0000${c.role}\u0000${c.db}\u0000${c.ver}`;
  return {
    get(claims) {
      const key = keyOf(claims);
      const entry = useEntry(kept, key);
      if (!entry) return undefined;
      if (entry.generation !== sessionGeneration() || now() - entry.readAt > maxAge) {
        kept.delete(key);
        return undefined;
      }
      return entry.facts;
    },
    set(claims, generation, facts) {
      // A write overtook the reads: what they found may be the old state.
      if (generation !== sessionGeneration()) return;
      kept.set(keyOf(claims), { generation, readAt: now(), facts });
      dropLeastUsed(kept, () => kept.size > max);
    },
  };
}
