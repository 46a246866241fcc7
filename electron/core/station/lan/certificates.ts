/**
 * The station's TLS material: its own CA and a server certificate naming its host names and addresses, made
 * by `crm-engine certs` (Node cannot create certificates) in an owner-only directory and reissued when the
 * names change.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { hostname, networkInterfaces } from 'node:os';
import { fingerprintOf } from '../../security/pairing-proof';

export interface StationTls {
  key: string;
  cert: string;
  /** The CA certificate a paired app pins. */
  caPem: string;
  /** SHA-256 of the CA certificate, hex. */
  fingerprint: string;
  /** The names and addresses in the server certificate. */
  names: string[];
}

const WILDCARD = new Set(['0.0.0.0', '::', '']);

/**
 * What the certificate names: the address the station listens on (every interface's for 0.0.0.0), the
 * machine's name, `localhost`, and the names the admin adds (CRM_LAN_NAMES, e.g. `station.school.lan`).
 */
export function stationNames(host: string, extra: readonly string[] = []): string[] {
  const names = new Set<string>(['localhost']);
  const machine = hostname().toLowerCase();
  if (/^[a-z0-9.-]+$/.test(machine)) names.add(machine);
  if (WILDCARD.has(host)) {
    for (const list of Object.values(networkInterfaces())) {
      for (const entry of list ?? []) if (!entry.address.startsWith('fe80')) names.add(entry.address);
    }
  } else {
    names.add(host);
  }
  for (const name of extra) if (name.trim()) names.add(name.trim().toLowerCase());
  return [...names].sort();
}

interface CertsEvent {
  event: 'certs';
  files: { ca: string; cert: string; key: string };
  fingerprint: string;
}

export async function ensureStationTls(engineBin: string, dir: string, names: string[]): Promise<StationTls> {
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(engineBin, ['certs', '--dir', dir, '--names', names.join(',')], (err, out, errOut) =>
      err ? reject(new Error(`crm-engine certs failed: ${errOut.trim() || err.message}`)) : resolve(out),
    ),
  );
  const event = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as CertsEvent;
  const [caPem, cert, key] = await Promise.all(
    [event.files.ca, event.files.cert, event.files.key].map((f) => readFile(f, 'utf8')),
  );
  if (!caPem || !cert || !key) throw new Error('crm-engine certs wrote no certificate.');
  const fingerprint = fingerprintOf(caPem);
  if (fingerprint !== event.fingerprint) throw new Error('The CA certificate changed while it was read.');
  return { key, cert, caPem, fingerprint, names };
}
