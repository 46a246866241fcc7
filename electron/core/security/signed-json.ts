/**
 * The common end of checking a signed token or ticket: the signature compared as text in constant time (a
 * signature has one spelling; base64url decoding would accept padding or trailing bits that change nothing),
 * then the payload read as base64url JSON.
 */
import { timingSafeEqual } from 'node:crypto';

/** The payload's JSON when `signature` is exactly `expected`; otherwise (or when it is not JSON) null. */
export function signedJson(payload: string, signature: string, expected: string): unknown {
  const want = Buffer.from(expected);
  const given = Buffer.from(signature);
  if (given.length !== want.length || !timingSafeEqual(given, want)) return null;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
