/**
 * Short-lived tickets for URLs a browser opens by itself, where no Authorization header can go: the event
 * stream (EventSource) and a file's address in an <audio>/<img> element. A ticket names one scope (`events`,
 * `file:<id>`) and carries the session's claims, so the session is still checked on use (sign-out, password
 * change, deactivation end it); it is signed with a key of its own (derived from the session-signing key), so
 * it can never pass for a session token, and it expires within minutes, so a URL that ends up in a log or a
 * browser's history opens nothing for long and nothing else.
 */
import { createHmac } from 'node:crypto';
import { signedJson } from './signed-json';
import type { TokenClaims } from './tokens';

export interface UrlTickets {
  issue(
    claims: TokenClaims,
    scope: string,
    seconds: number,
    now?: number,
  ): { ticket: string; expiresAt: Date };
  /** The session claims of a well-formed, correctly signed, unexpired ticket for `scope`; otherwise null. */
  verify(ticket: string, scope: string, now?: number): TokenClaims | null;
}

interface TicketBody {
  s: string;
  c: TokenClaims;
  x: number;
}

export function createUrlTickets(secret: string): UrlTickets {
  const key = createHmac('sha256', secret).update('crm url tickets v1').digest();
  const sign = (data: string): string => createHmac('sha256', key).update(data).digest('base64url');
  return {
    issue(claims, scope, seconds, now = Date.now()) {
      // Never longer than the session itself.
      const x = Math.min(Math.floor(now / 1000) + seconds, claims.exp);
      const body = Buffer.from(JSON.stringify({ s: scope, c: claims, x } satisfies TicketBody)).toString(
        'base64url',
      );
      return { ticket: `${body}.${sign(body)}`, expiresAt: new Date(x * 1000) };
    },
    verify(ticket, scope, now = Date.now()) {
      if (typeof ticket !== 'string' || ticket.length > 4096) return null;
      const [body, signature, extra] = ticket.split('.');
      if (!body || !signature || extra !== undefined) return null;
      const t = signedJson(body, signature, sign(body)) as Partial<TicketBody> | null;
      if (!t || t.s !== scope || typeof t.x !== 'number' || t.x * 1000 <= now) return null;
      if (typeof t.c !== 'object' || t.c === null) return null;
      return t.c;
    },
  };
}
