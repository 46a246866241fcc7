/**
 * "Connect to a station": the app's half of pairing (the station's is station/lan/pairing-desk.ts). The CA the
 * station sends over a not-yet-trusted connection is kept only if (1) the station's proof, made with the code,
 * names that CA's fingerprint and (2) the connection the device token then travels on verifies against that
 * CA. A machine in the middle fails (1) with a CA of its own and (2) with the station's.
 */
import { request, type RequestOptions } from 'node:https';
import {
  completeProof,
  fingerprintOf,
  helloProof,
  newNonce,
  normalizePairingCode,
  pairingKey,
  sameProof,
  stationProof,
} from '../security/pairing-proof';

export interface PairingRequest {
  /** What the admin's "Add a device" shows, e.g. `https://10.0.0.5:4780` (`https://` may be left out). */
  address: string;
  code: string;
  /** This computer's name in the station's device list. */
  name: string;
  localAddress?: string | undefined;
}

export interface Pairing {
  url: string;
  caPem: string;
  /** SHA-256 of the CA, hex. */
  fingerprint: string;
  deviceId: string;
  deviceToken: string;
}

export class PairingError extends Error {
  override name = 'PairingError';
}

/** `10.0.0.5:4780`, `station.lan` → `https://…` with the default port 4780. */
export function stationUrl(address: string): string {
  const trimmed = address.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    throw new PairingError(`"${address}" is not a station address (for example https://10.0.0.5:4780).`);
  }
  if (url.protocol !== 'https:') throw new PairingError('The station is reached over https:// only.');
  return `https://${url.hostname}:${url.port || '4780'}`;
}

export async function pairWithStation(req: PairingRequest): Promise<Pairing> {
  const url = stationUrl(req.address);
  const code = normalizePairingCode(req.code);
  if (!code)
    throw new PairingError('The code has 10 letters and digits, as the station shows it (XXXXX-XXXXX).');
  const key = await pairingKey(code);
  const nonce = newNonce();
  const local = req.localAddress ? { localAddress: req.localAddress } : {};

  // 1. Not yet trusted: any certificate is accepted here, nothing secret is sent, and what comes back is
  //    believed only if the code proves it.
  const hello = await postJson(
    url,
    '/api/lan/pair/hello',
    { nonce, proof: helloProof(key, nonce) },
    { rejectUnauthorized: false, ...local },
  );
  const ca = (hello.data as { ca?: unknown; proof?: unknown } | undefined) ?? {};
  if (typeof ca.ca !== 'string' || typeof ca.proof !== 'string')
    throw new PairingError('The station answered no certificate.');
  let fingerprint: string;
  try {
    fingerprint = fingerprintOf(ca.ca);
  } catch {
    throw new PairingError('The station answered something that is not a certificate.');
  }
  if (!sameProof(ca.proof, stationProof(key, fingerprint, nonce))) {
    throw new PairingError(
      "The answer does not prove the station's certificate: something between this computer and the station " +
        'is pretending to be it. Nothing was kept. Tell the school office.',
    );
  }
  // 2. Pinned from here: the device token travels only where the station's own CA vouches for the other end.
  let done: { data?: unknown };
  try {
    done = await postJson(
      url,
      '/api/lan/pair/complete',
      { nonce, proof: completeProof(key, nonce), name: req.name },
      { ca: ca.ca, ...local },
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code?.match(/CERT|SIGNATURE|ALTNAME|ISSUER/)) {
      throw new PairingError(
        "The connection is not made with the station's certificate: something between this computer and the " +
          'station is pretending to be it. Nothing was kept. Tell the school office.',
      );
    }
    throw err;
  }
  const device = (done.data as { deviceId?: unknown; deviceToken?: unknown } | undefined) ?? {};
  if (typeof device.deviceId !== 'string' || typeof device.deviceToken !== 'string') {
    throw new PairingError('The station answered no device token.');
  }
  return { url, caPem: ca.ca, fingerprint, deviceId: device.deviceId, deviceToken: device.deviceToken };
}

/** POSTs JSON; resolves the `{ ok: true }` answer, throws PairingError with the station's message otherwise. */
function postJson(
  base: string,
  path: string,
  body: unknown,
  tls: Pick<RequestOptions, 'ca' | 'rejectUnauthorized' | 'localAddress'>,
): Promise<{ data?: unknown }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), {
      method: 'POST',
      agent: false,
      minVersion: 'TLSv1.2',
      timeout: 20_000,
      headers: { 'content-type': 'application/json', 'content-length': String(payload.length) },
      ...tls,
    });
    req.on('timeout', () => req.destroy(new PairingError('The station did not answer in time.')));
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err instanceof PairingError || err.code?.match(/CERT|SIGNATURE|ALTNAME|ISSUER/)) reject(err);
      else reject(new PairingError(`The station cannot be reached at ${base} (${err.code ?? err.message}).`));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let parsed: { ok?: unknown; data?: unknown; error?: { message?: unknown } };
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof parsed;
        } catch {
          reject(new PairingError(`The station answered ${res.statusCode}, not a pairing answer.`));
          return;
        }
        if (parsed.ok === true) resolve(parsed);
        else
          reject(
            new PairingError(
              typeof parsed.error?.message === 'string' ? parsed.error.message : 'Pairing was refused.',
            ),
          );
      });
    });
    req.end(payload);
  });
}
