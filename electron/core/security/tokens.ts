/**
 * Session tokens: compact JWTs (HS256) signed with a secret kept in the OS keychain. The claims name the user,
 * the role and the tenant database — the only place the API takes the tenant from — plus the user's token
 * version, so a password change or deactivation ends older sessions.
 */
import { createHmac, createSecretKey, randomUUID } from 'node:crypto';
import { dropLeastUsed, useEntry } from '../../../shared/recently-used';
import { signedJson } from './signed-json';

export interface TokenClaims {
  /** The user id (the admin's registry id, or the tenant user's id). */
  sub: string;
  role: 'admin' | 'teacher' | 'student';
  /** The tenant database. */
  db: string;
  /** The user's token version when the token was issued. */
  ver: number;
  /** Token id, for revocation on sign-out. */
  jti: string;
  iat: number;
  exp: number;
}

export const TOKEN_LIFETIME_SECONDS = 24 * 3600;

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

export interface TokenService {
  issue(
    claims: Pick<TokenClaims, 'sub' | 'role' | 'db' | 'ver'>,
    now?: number,
  ): { token: string; claims: TokenClaims };
  /** The claims of a well-formed, correctly signed, unexpired token; otherwise null. */
  verify(token: string, now?: number): Readonly<TokenClaims> | null;
}

/**
 * Tokens whose signature was checked, kept by their exact text: every call of a session brings the same token,
 * and its HMAC cost tens of µs a call on a busy station. A hit stands for the same check on the same bytes; the
 * expiry is compared again each time.
 */
const VERIFIED_KEPT = 2000;

export function createTokenService(secret: string): TokenService {
  if (secret.length < 32) throw new Error('the token secret is too short');
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const sign = (data: string) => createHmac('sha256', key).update(data).digest();
  const verified = new Map<string, Readonly<TokenClaims>>();

  function check(token: string): Readonly<TokenClaims> | null {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [header, payload, signature] = parts as [string, string, string];
    // Only our own header: no "alg: none", no algorithm confusion.
    if (header !== HEADER) return null;
    const claims = signedJson(payload, signature, sign(`${header}.${payload}`).toString('base64url'));
    return isClaims(claims) ? Object.freeze(claims) : null;
  }

  return {
    issue(partial, now = Date.now()) {
      const iat = Math.floor(now / 1000);
      const claims: TokenClaims = { ...partial, jti: randomUUID(), iat, exp: iat + TOKEN_LIFETIME_SECONDS };
      const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
      return { token: `${body}.${sign(body).toString('base64url')}`, claims };
    },
    verify(token, now = Date.now()) {
      if (typeof token !== 'string' || token.length > 2048) return null;
      // The sessions in use stay, the ones gone quiet are forgotten first.
      let claims = useEntry(verified, token);
      if (claims === undefined) {
        const checked = check(token);
        if (checked === null) return null;
        claims = checked;
        // A school's sessions fit, and forged tokens never enter (only signed ones do).
        verified.set(token, claims);
        dropLeastUsed(verified, () => verified.size > VERIFIED_KEPT);
      }
      if (claims.exp * 1000 <= now) {
        verified.delete(token);
        return null;
      }
      return claims;
    },
  };
}

function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.sub === 'string' &&
    /^[a-f0-9]{24}$/.test(c.sub) &&
    (c.role === 'admin' || c.role === 'teacher' || c.role === 'student') &&
    typeof c.db === 'string' &&
    typeof c.ver === 'number' &&
    typeof c.jti === 'string' &&
    typeof c.iat === 'number' &&
    typeof c.exp === 'number'
  );
}
