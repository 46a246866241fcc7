/**
 * The station on the school's network (docs/architecture.md, "The station on the network"): its TLS material,
 * the pairing endpoints, the device check in front of every RPC, the answers remembered by Idempotency-Key,
 * and the port the services use for "Devices". The HTTP server (../server.ts) calls these hooks; everything
 * else about a request is the same as on loopback.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { allChannels } from '../../../../shared/contract';
import { deviceName } from '../../../../shared/contract/devices';
import type { ApiResult } from '../../../../shared/contract/errors';
import type { DeviceRecord, NetworkOffice } from '../../services/network-office';
import { ensureStationTls, stationNames, type StationTls } from './certificates';
import { openDeviceRegistry } from './device-registry';
import { createPairingDesk } from './pairing-desk';
import { IDEMPOTENCY_KEY, openReplyMemory } from './replies';
import { trustPage } from './trust-page';

export interface StationNetworkOptions {
  /** Where the network's files live (certificates, devices, remembered answers), created owner-only. */
  dir: string;
  /** The address the station listens on (0.0.0.0: every interface's address goes into the certificate). */
  host: string;
  /** More names for the certificate (CRM_LAN_NAMES), e.g. the school's DNS name of the station. */
  extraNames?: readonly string[];
  engineBin: string;
}

/** Who is calling on the network: a paired device, or a browser when the admin allows browsers. */
export interface Admission {
  scope: string;
  device?: DeviceRecord;
}

export interface StationNetwork {
  readonly tls: StationTls;
  readonly office: NetworkOffice;
  /** Set once the server listens (port 0 picks one). */
  setPort(port: number): void;
  allowsHost(hostname: string): boolean;
  /** The pairing endpoints, the CA download and the trust page; false when the request is none of them. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Every RPC on the network: a paired device's token, or a browser when browsers are allowed. */
  admit(req: IncomingMessage): ApiResult<Admission>;
  /** Runs an outbox channel once per Idempotency-Key; any other call just runs. */
  remember(
    req: IncomingMessage,
    admission: Admission,
    channel: string,
    run: () => Promise<ApiResult<unknown>>,
  ): Promise<ApiResult<unknown>>;
}

/** The header a paired app sends its device token in (beside the person's own Bearer token). */
export const DEVICE_HEADER = 'x-crm-device';
/** Set on a refusal of the device (unknown or revoked), so the app can tell it from a session's end. */
export const DEVICE_REFUSED_HEADER = 'x-crm-device-refused';
const PAIRING_BODY_LIMIT = 2048;

export async function openStationNetwork(opts: StationNetworkOptions): Promise<StationNetwork> {
  const names = stationNames(opts.host, opts.extraNames);
  const tls = await ensureStationTls(opts.engineBin, path.join(opts.dir, 'tls'), names);
  const devices = await openDeviceRegistry(opts.dir);
  const replies = await openReplyMemory(opts.dir);
  const desk = createPairingDesk({ pem: tls.caPem, fingerprint: tls.fingerprint }, devices);
  const hosts = new Set(names.map((n) => (n.includes(':') ? `[${n}]` : n)));
  let port = 0;

  const office: NetworkOffice = {
    state: () => ({
      addresses: [...hosts].filter((h) => h !== 'localhost').map((h) => `https://${h}:${port}`),
      fingerprint: tls.fingerprint.match(/../g)?.join(':').toUpperCase() ?? tls.fingerprint,
      browsers: devices.browsers(),
    }),
    devices: () => devices.list(),
    offerPairing: (pairedBy) => desk.offer(pairedBy),
    revoke: (id) => devices.revoke(id),
    setBrowsers: (allowed) => devices.setBrowsers(allowed),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = (req.url ?? '/').split('?')[0];
    const ip = req.socket.remoteAddress ?? 'unknown';
    if (url === '/api/lan/ca.pem' && req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'application/x-pem-file',
        'content-disposition': 'attachment; filename="smart-crm-station-ca.pem"',
        'cache-control': 'no-store',
      });
      res.end(tls.caPem);
      return true;
    }
    if (url === '/trust' && req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
      res.end(trustPage(office.state()));
      return true;
    }
    if (url !== '/api/lan/pair/hello' && url !== '/api/lan/pair/complete') return false;
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return true;
    }
    const body = await readSmallJson(req);
    const nonce =
      typeof body?.nonce === 'string' && /^[0-9a-f]{32}$/.test(body.nonce) ? body.nonce : undefined;
    const proof =
      typeof body?.proof === 'string' && /^[0-9a-f]{64}$/.test(body.proof) ? body.proof : undefined;
    if (!nonce || !proof) {
      sendPairing(res, { ok: false, status: 400, message: 'Not a pairing request.' });
      return true;
    }
    if (url === '/api/lan/pair/hello') {
      sendPairing(res, await desk.hello(ip, nonce, proof));
      return true;
    }
    const name = deviceName.safeParse(body?.name);
    if (!name.success) {
      sendPairing(res, {
        ok: false,
        status: 400,
        message: 'Give the device a name (at most 60 characters).',
      });
      return true;
    }
    sendPairing(res, await desk.complete(ip, nonce, proof, name.data));
    return true;
  }

  function admit(req: IncomingMessage): ApiResult<Admission> {
    const token = req.headers[DEVICE_HEADER];
    if (typeof token === 'string' && token) {
      const device = devices.verify(token);
      if (device) return { ok: true, data: { scope: `device:${device.id}`, device } };
      return {
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message:
            'This computer is no longer paired with the station (the admin removed it). Pair it again: Settings → Connect to a station.',
        },
      };
    }
    if (devices.browsers()) return { ok: true, data: { scope: 'browser' } };
    return {
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message:
          'This station serves paired computers only. Use the Smart School CRM app, or ask the office to allow browsers.',
      },
    };
  }

  return {
    tls,
    office,
    setPort: (p) => {
      port = p;
    },
    allowsHost: (hostname) => hosts.has(hostname),
    handle,
    admit,
    remember: (req, admission, channel, run) => {
      const key = req.headers['idempotency-key'];
      const def = Object.hasOwn(allChannels, channel)
        ? (allChannels[channel as keyof typeof allChannels] as { outbox?: true })
        : undefined;
      if (!def?.outbox || typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) return run();
      return replies.once(admission.scope, key, channel, run);
    },
  };
}

function sendPairing(
  res: ServerResponse,
  outcome: { ok: true; data: unknown } | { ok: false; status: number; message: string },
): void {
  const status = outcome.ok ? 200 : outcome.status;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    JSON.stringify(
      outcome.ok
        ? { ok: true, data: outcome.data }
        : {
            ok: false,
            error: {
              code: status === 429 ? 'RATE_LIMITED' : status === 400 ? 'VALIDATION' : 'FORBIDDEN',
              message: outcome.message,
            },
          },
    ),
  );
}

/** A pairing request's JSON (2 kB at most), or undefined. */
function readSmallJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > PAIRING_BODY_LIMIT) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        resolve(typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined);
      } catch {
        resolve(undefined);
      }
    });
    req.on('error', () => resolve(undefined));
  });
}
