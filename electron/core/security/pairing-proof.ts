/**
 * The pairing code and the proofs made from it (docs/architecture.md, "The station on the network"). The
 * station shows a short random code; both sides stretch it into a key with scrypt and prove they hold it with
 * HMACs. The station's proof covers its CA's fingerprint, so a machine in the middle that shows its own CA
 * cannot answer for it without the code.
 */
import { X509Certificate, createHmac, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

/** 32 symbols without 0/O and 1/I: read aloud or copied from a screen without doubt. */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** 10 symbols = 50 bits: with the scrypt stretch below, guessing offline from one overheard proof is hopeless. */
const CODE_LENGTH = 10;
/** ~100 ms and 32 MB per guess: the price of each offline guess at the code. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const SALT = 'smart-crm pairing v1';

/** A new code, shown as `XXXXX-XXXXX`. */
export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The code as typed (any case, spaces or dashes) → its canonical form, or undefined when it cannot be one. */
export function normalizePairingCode(typed: string): string | undefined {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '');
  if (plain.length !== CODE_LENGTH || [...plain].some((c) => !ALPHABET.includes(c))) return undefined;
  return `${plain.slice(0, 5)}-${plain.slice(5)}`;
}

/** The key both sides derive from the code. */
export function pairingKey(code: string): Promise<Buffer> {
  const canonical = normalizePairingCode(code);
  if (!canonical) return Promise.reject(new Error('Not a pairing code.'));
  return new Promise((resolve, reject) =>
    scrypt(canonical, SALT, 32, SCRYPT, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

const mac = (key: Buffer, ...parts: string[]): string =>
  createHmac('sha256', key).update(parts.join('|')).digest('hex');

/** The app's first message: it knows the code (the station counts a wrong one against it). */
export const helloProof = (key: Buffer, nonce: string): string => mac(key, 'hello', nonce);
/** The station's answer: it knows the code and its CA is this one. */
export const stationProof = (key: Buffer, fingerprint: string, nonce: string): string =>
  mac(key, 'station', fingerprint, nonce);
/** The app's second message, sent over the pinned connection: it asks for its device token. */
export const completeProof = (key: Buffer, nonce: string): string => mac(key, 'complete', nonce);

/** Constant-time comparison of two hex proofs. */
export function sameProof(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === 32 && y.length === 32 && timingSafeEqual(x, y);
}

/** SHA-256 of a PEM certificate's DER, lower-case hex. Throws when the PEM is not a certificate. */
export function fingerprintOf(pem: string): string {
  return new X509Certificate(pem).fingerprint256.replaceAll(':', '').toLowerCase();
}
