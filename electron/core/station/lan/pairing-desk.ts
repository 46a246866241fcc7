/**
 * The station's half of pairing (docs/architecture.md, "Pairing"). One code is open at a time: "Add a
 * device" replaces it. It is good for 10 minutes and one device, and void after 5 wrong tries; every caller
 * address gets 10 pairing requests a minute.
 *
 *   1. hello    (over TLS the app does not trust yet): nonce, HMAC(K, hello|nonce)
 *               → the CA certificate, HMAC(K, station|fingerprint|nonce)
 *   2. complete (over TLS pinned to that CA): nonce, HMAC(K, complete|nonce), the device's name
 *               → the device token
 * K = scrypt(code). The app keeps the CA only when the station's proof names the CA it was given and the TLS
 * connection was made with that CA; the device token travels only on the pinned connection.
 */
import { createRateLimit, waitPhrase } from '../../security/throttles';
import {
  completeProof,
  helloProof,
  pairingKey,
  newPairingCode,
  sameProof,
  stationProof,
} from '../../security/pairing-proof';
import type { DeviceRegistry } from './device-registry';

export const PAIRING_CODE_LIFETIME_MS = 10 * 60_000;
export const PAIRING_WRONG_TRIES = 5;

export type PairingOutcome<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

interface Offer {
  key: Promise<Buffer>;
  expiresAt: number;
  wrongTries: number;
  pairedBy: string;
  /** The nonce of a hello that proved the code: only it may complete. */
  provenNonce?: string;
}

export interface PairingDesk {
  offer(pairedBy: string): { code: string; expiresAt: Date };
  hello(ip: string, nonce: string, proof: string): Promise<PairingOutcome<{ ca: string; proof: string }>>;
  complete(
    ip: string,
    nonce: string,
    proof: string,
    name: string,
  ): Promise<PairingOutcome<{ deviceId: string; deviceToken: string }>>;
}

const NO_CODE =
  'No pairing code is open on the station. Ask the admin for a new one (Devices → Add a device).';

export function createPairingDesk(
  ca: { pem: string; fingerprint: string },
  devices: DeviceRegistry,
  now: () => number = Date.now,
): PairingDesk {
  let open: Offer | undefined;
  const perAddress = createRateLimit({ perKey: 10, overall: 100, windowMs: 60_000, maxKeys: 10_000 });

  const current = (): Offer | undefined => {
    if (open && now() > open.expiresAt) open = undefined;
    return open;
  };
  const limited = (ip: string): PairingOutcome<never> | undefined => {
    const wait = perAddress.take(ip, now());
    return wait
      ? { ok: false, status: 429, message: `Too many pairing attempts. Try again in ${waitPhrase(wait)}.` }
      : undefined;
  };

  return {
    offer(pairedBy) {
      const code = newPairingCode();
      const expiresAt = now() + PAIRING_CODE_LIFETIME_MS;
      open = { key: pairingKey(code), expiresAt, wrongTries: 0, pairedBy };
      return { code, expiresAt: new Date(expiresAt) };
    },
    async hello(ip, nonce, proof) {
      const refused = limited(ip);
      if (refused) return refused;
      const offer = current();
      if (!offer) return { ok: false, status: 403, message: NO_CODE };
      const key = await offer.key;
      if (!sameProof(proof, helloProof(key, nonce))) {
        offer.wrongTries += 1;
        if (offer.wrongTries >= PAIRING_WRONG_TRIES) open = undefined;
        return {
          ok: false,
          status: 403,
          message:
            offer.wrongTries >= PAIRING_WRONG_TRIES
              ? 'The code was wrong 5 times and is void. Ask the admin for a new one.'
              : 'The code is not right. Check it and try again.',
        };
      }
      offer.provenNonce = nonce;
      return { ok: true, data: { ca: ca.pem, proof: stationProof(key, ca.fingerprint, nonce) } };
    },
    async complete(ip, nonce, proof, name) {
      const refused = limited(ip);
      if (refused) return refused;
      const offer = current();
      if (!offer || offer.provenNonce !== nonce) return { ok: false, status: 403, message: NO_CODE };
      if (!sameProof(proof, completeProof(await offer.key, nonce))) {
        return { ok: false, status: 403, message: 'The code is not right. Check it and try again.' };
      }
      open = undefined; // single use
      const device = await devices.add(name, offer.pairedBy);
      return { ok: true, data: { deviceId: device.id, deviceToken: device.token } };
    },
  };
}
