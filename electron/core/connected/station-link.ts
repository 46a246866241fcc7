/**
 * A connected app's line to its station: HTTPS to /api/rpc with the station's CA pinned (the only CA it
 * trusts), the device token beside the person's own Bearer token, and failures sorted into what the app
 * must tell apart: the station is out of reach, its certificate is not the paired one, this device was
 * removed. Plain Node: the Electron main process and the tests use it alike.
 */
import { Agent, request } from 'node:https';
import type { ApiResult } from '../../../shared/contract/errors';
import { decodeRpc, encodeRpc } from '../../../shared/rpc-encoding';

export interface StationLink {
  /** `https://host:port` of the station. */
  url: string;
  /** The pinned CA certificate (PEM), from pairing. */
  caPem: string;
  deviceToken: string;
  /** Source address of the connections (tests bind the client to 127.0.0.1). */
  localAddress?: string | undefined;
}

export class StationUnreachable extends Error {
  override name = 'StationUnreachable';
}

/** The station answered with a certificate the pinned CA did not issue (or for another name). */
export class CertificateChanged extends Error {
  override name = 'CertificateChanged';
  constructor(detail: string) {
    super(
      "The station's certificate is not the one this computer was paired with, so nothing was sent " +
        `(${detail}). Either something on the network is pretending to be the station, or the station was ` +
        'reinstalled: ask the school office, and pair again only if they confirm it (Settings → Connect to a station).',
    );
  }
}

/** The station refused the device token: the admin removed this device. */
export class DeviceRevoked extends Error {
  override name = 'DeviceRevoked';
}

const CERTIFICATE_ERRORS = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export interface CallOptions {
  /** The person's session token. */
  token?: string | undefined;
  /** For outbox channels: the station answers a repeat of this key with the first answer. */
  idempotencyKey?: string | undefined;
  timeoutMs?: number;
  /** Called when the station's answer starts, before its body is read (tests cut the connection here). */
  onAnswer?: (cut: () => void) => void;
}

const agents = new WeakMap<StationLink, Agent>();

function agentFor(link: StationLink): Agent {
  let agent = agents.get(link);
  if (!agent) {
    agent = new Agent({
      keepAlive: true,
      maxSockets: 8,
      ca: link.caPem,
      minVersion: 'TLSv1.2',
      ...(link.localAddress ? { localAddress: link.localAddress } : {}),
    });
    agents.set(link, agent);
  }
  return agent;
}

/** Closes the link's idle connections. */
export function closeLink(link: StationLink): void {
  agents.get(link)?.destroy();
  agents.delete(link);
}

/** One RPC. Resolves with the station's answer; rejects with one of the three errors above. */
export function callStation(
  link: StationLink,
  channel: string,
  input: unknown,
  options: CallOptions = {},
): Promise<ApiResult<unknown>> {
  const { url, body, contentType } = requestFor(link, channel, input);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent: agentFor(link),
      timeout: options.timeoutMs ?? 30_000,
      headers: {
        'content-type': contentType,
        'content-length': String(body.length),
        'x-crm-device': link.deviceToken,
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
      },
    });
    req.on('timeout', () => req.destroy(new StationUnreachable('The station did not answer in time.')));
    req.on('error', (err: NodeJS.ErrnoException) => reject(classify(err)));
    req.on('response', (res) => {
      let cut = false;
      options.onAnswer?.(() => {
        cut = true;
        reject(new StationUnreachable('The connection was cut before the answer arrived.'));
        res.destroy();
        req.destroy();
      });
      if (cut) return;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err) => reject(classify(err)));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.headers['x-crm-device-refused']) {
          reject(new DeviceRevoked(messageOf(text) ?? 'The station no longer accepts this computer.'));
          return;
        }
        try {
          resolve(decodeRpc(text) as ApiResult<unknown>);
        } catch {
          reject(new StationUnreachable(`The station answered ${res.statusCode} without an API answer.`));
        }
      });
    });
    req.end(body);
  });
}

/**
 * An upload travels as a file (POST /api/files, the bytes as the body): over the network the files.upload
 * channel takes only small bodies (docs/architecture.md, "Files travel as files"). Every other call is an RPC.
 */
function requestFor(
  link: StationLink,
  channel: string,
  input: unknown,
): { url: URL; body: Buffer; contentType: string } {
  if (channel === 'files.upload' && isUpload(input)) {
    const url = new URL('/api/files', link.url);
    url.searchParams.set('name', input.name);
    url.searchParams.set('type', input.mimeType);
    url.searchParams.set('purpose', input.purpose);
    if (input.durationSeconds !== undefined) url.searchParams.set('duration', String(input.durationSeconds));
    return { url, body: Buffer.from(input.data), contentType: input.mimeType };
  }
  return {
    url: new URL(`/api/rpc/${encodeURIComponent(channel)}`, link.url),
    body: Buffer.from(encodeRpc(input ?? {}), 'utf8'),
    contentType: 'application/json',
  };
}

function isUpload(
  input: unknown,
): input is { name: string; mimeType: string; purpose: string; data: Uint8Array; durationSeconds?: number } {
  const v = input as Record<string, unknown> | null;
  return (
    typeof v?.name === 'string' &&
    typeof v.mimeType === 'string' &&
    typeof v.purpose === 'string' &&
    v.data instanceof Uint8Array &&
    (v.durationSeconds === undefined || typeof v.durationSeconds === 'number')
  );
}

function messageOf(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } };
    return typeof parsed.error?.message === 'string' ? parsed.error.message : undefined;
  } catch {
    return undefined;
  }
}

function classify(err: NodeJS.ErrnoException): Error {
  if (err instanceof StationUnreachable || err instanceof DeviceRevoked) return err;
  if (err.code && CERTIFICATE_ERRORS.has(err.code)) return new CertificateChanged(err.code);
  return new StationUnreachable(`The station is out of reach (${err.code ?? err.message}).`);
}

/** One Server-Sent Event as the station sends it on /api/events. */
export interface StationEvent {
  id?: string | undefined;
  event: string;
  data: string;
}

/**
 * The seam for pushed updates: opens the station's `GET /api/events` (Server-Sent Events, the person's token
 * and the device token, resuming after `lastEventId`) over the pinned link and hands on each event as the
 * station sent it; the connected app's main process forwards them to its window unchanged. Resolves to a
 * function that closes the stream, or undefined when the station serves no event stream (404: it polls).
 */
export function openEventStream(
  link: StationLink,
  token: string,
  onEvent: (event: StationEvent) => void,
  onEnd: (err?: Error) => void,
  lastEventId?: string,
): Promise<(() => void) | undefined> {
  return new Promise((resolve, reject) => {
    const req = request(new URL('/api/events', link.url), {
      method: 'GET',
      agent: agentFor(link),
      headers: {
        accept: 'text/event-stream',
        authorization: `Bearer ${token}`,
        'x-crm-device': link.deviceToken,
        ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
      },
    });
    req.on('error', (err: NodeJS.ErrnoException) => reject(classify(err)));
    req.on('response', (res) => {
      if (res.headers['x-crm-device-refused']) {
        res.resume();
        reject(new DeviceRevoked('The station no longer accepts this computer.'));
        return;
      }
      if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith('text/event-stream')) {
        res.resume();
        resolve(undefined);
        return;
      }
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: StationEvent = { event: 'message', data: '' };
          const data: string[] = [];
          for (const line of frame.split('\n')) {
            const colon = line.indexOf(':');
            if (colon === 0) continue; // a comment (keep-alive)
            const field = colon === -1 ? line : line.slice(0, colon);
            const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') event.event = value;
            else if (field === 'data') data.push(value);
            else if (field === 'id') event.id = value;
          }
          event.data = data.join('\n');
          if (data.length) onEvent(event);
        }
      });
      res.on('end', () => onEnd());
      res.on('error', (err) => onEnd(classify(err)));
      resolve(() => {
        res.destroy();
        req.destroy();
      });
    });
    req.end();
  });
}
