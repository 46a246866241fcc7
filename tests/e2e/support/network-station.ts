/**
 * The e2e suites against the station in network mode (`CRM_E2E_NETWORK=1`, `npm test`'s second e2e pass):
 * HTTPS on 127.0.0.2 with the station's own CA, browsers allowed as the admin would allow them, Chromium
 * accepting that station's certificates only (their public keys pinned: no other certificate error is
 * ignored), and the tests' own API calls trusting the station's CA as a paired app does.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import path from 'node:path';

export const NETWORK_MODE = process.env.CRM_E2E_NETWORK === '1';
export const NETWORK_HOST = '127.0.0.2';

/** The station's environment for network mode, its state folder prepared with browsers allowed. */
export function networkStationEnv(networkDir: string): Record<string, string> {
  mkdirSync(networkDir, { recursive: true, mode: 0o700 });
  // The Devices page's "Browsers on the school's computers" switch, already on (the station's own state file).
  writeFileSync(path.join(networkDir, 'devices.json'), JSON.stringify({ browsers: true, devices: [] }), {
    mode: 0o600,
  });
  return {
    CRM_LAN: '1',
    CRM_HOST: NETWORK_HOST,
    CRM_PORT: '0',
    CRM_LOCAL_PORT: '0',
    CRM_NETWORK_DIR: networkDir,
  };
}

const spkiHash = (pem: string): string =>
  createHash('sha256')
    .update(new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');

/**
 * The station's CA (PEM), and the Chromium flag that accepts certificates from it: the SPKI hashes of the CA
 * and of the server certificate it issued (Chromium matches the chain the server presents). A throwaway
 * profile has no way to add a CA without NSS's certutil, which the machines here do not have.
 */
export function stationTrust(networkDir: string): { caPem: string; chromiumArg: string } {
  const tls = path.join(networkDir, 'tls');
  const caPem = readFileSync(path.join(tls, 'ca.pem'), 'utf8');
  const serverPem = readFileSync(path.join(tls, 'server.pem'), 'utf8');
  return {
    caPem,
    chromiumArg: `--ignore-certificate-errors-spki-list=${spkiHash(caPem)},${spkiHash(serverPem)}`,
  };
}

const trustedCas = new Map<string, string>();

/** The tests' API calls to `url` trust `caPem` (and nothing else) from now on. */
export function trustStation(url: string, caPem: string): void {
  trustedCas.set(new URL(url).origin, caPem);
}

/** fetch, over a connection trusting the station's CA when the station is in network mode. */
export function stationFetch(
  url: URL,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; ok: boolean; text: () => Promise<string> }> {
  const ca = trustedCas.get(url.origin);
  if (!ca) return fetch(url, init);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, ca, agent: false });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status, ok: status >= 200 && status < 300, text: () => Promise.resolve(text) });
      });
    });
    req.end(init.body);
  });
}
