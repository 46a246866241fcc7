/**
 * A connected app's line to its station: HTTPS to /api/rpc with the station's CA pinned (the only CA it
 * trusts), the device token beside the person's own Bearer token, and failures sorted into what the app
 * must tell apart: the station is out of reach, its certificate is not the paired one, this device was
 * removed. Plain Node: the Electron main process and the tests use it alike.
 */
import type { IncomingMessage } from 'node:http';
import { Agent, request } from 'node:https';
import type { ApiResult } from '../../../shared/contract/errors';
import { decodeFileDetails, FILE_DETAILS_HEADER, filesGet } from '../../../shared/contract/files';
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
  // Anything but files.get's exact input (a malformed id, extra fields) goes as the RPC: the station answers it.
  const fileId = channel === 'files.get' ? filesGet.input.safeParse(input) : undefined;
  if (fileId?.success) return getFile(link, fileId.data.id, options);
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
      readAnswer(res).then(resolve, reject);
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

/**
 * files.get as a file (docs/architecture.md, "Files travel as files"): the station's streamed
 * `GET /api/files/<id>` with the person's Bearer token (the same access rule as files.get), its details from the
 * `x-crm-file` header, the bytes from the body, not base64 inside an RPC answer. The answer is files.get's own;
 * a body whose length is not the declared size is refused.
 */
function getFile(link: StationLink, id: string, options: CallOptions): Promise<ApiResult<unknown>> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(`/api/files/${id}`, link.url), {
      method: 'GET',
      agent: agentFor(link),
      timeout: options.timeoutMs ?? 30_000,
      headers: {
        'x-crm-device': link.deviceToken,
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
    });
    req.on('timeout', () => req.destroy(new StationUnreachable('The station did not answer in time.')));
    req.on('error', (err: NodeJS.ErrnoException) => reject(classify(err)));
    req.on('response', (res) => {
      const details =
        res.statusCode === 200
          ? decodeFileDetails(res.headers[FILE_DETAILS_HEADER] as string | undefined)
          : undefined;
      if (!details) return void readAnswer(res).then(resolve, reject);
      if (Number(res.headers['content-length']) !== details.size) {
        res.destroy();
        return reject(wrongLength(details.size, Number(res.headers['content-length'])));
      }
      // The bytes land in an array of their own (no pooled buffer crosses IPC to the window).
      const data = new Uint8Array(details.size);
      let received = 0;
      res.on('data', (c: Buffer) => {
        if (received + c.length > details.size) {
          res.destroy();
          return reject(wrongLength(details.size, received + c.length));
        }
        data.set(c, received);
        received += c.length;
      });
      res.on('error', (err: NodeJS.ErrnoException) => reject(classify(err)));
      // A station gone mid-download closes without an end: out of reach, like any other cut call.
      res.on('close', () => {
        if (!res.complete) reject(new StationUnreachable('The connection was cut before the file arrived.'));
      });
      res.on('end', () => {
        if (received !== details.size) return reject(wrongLength(details.size, received));
        resolve({ ok: true, data: { ...details, data } });
      });
    });
    req.end();
  });
}

function wrongLength(size: number, got: number): Error {
  return new Error(`The station sent ${got} bytes of a file of ${size} bytes: the file was not opened.`);
}

/** An API answer read whole (an RPC's, or a file GET's refusal: NOT_FOUND…); the link's errors otherwise. */
function readAnswer(res: IncomingMessage): Promise<ApiResult<unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('error', (err: NodeJS.ErrnoException) => reject(classify(err)));
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
}

function errorOf(text: string): { message?: unknown; code?: unknown } | undefined {
  try {
    return (JSON.parse(text) as { error?: { message?: unknown; code?: unknown } }).error;
  } catch {
    return undefined;
  }
}

function messageOf(text: string): string | undefined {
  const message = errorOf(text)?.message;
  return typeof message === 'string' ? message : undefined;
}

function codeOf(text: string): string | undefined {
  const code = errorOf(text)?.code;
  return typeof code === 'string' ? code : undefined;
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

/** The station would not open the event stream: `code` is its API error (UNAUTHENTICATED: the session ended). */
export class StreamRefused extends Error {
  override name = 'StreamRefused';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Until the stream answers, and then between two of its lines (the station sends one every 20 s). */
const STREAM_CONNECT_MS = 10_000;
const STREAM_IDLE_MS = 50_000;

/**
 * Opens the station's `GET /api/events` (Server-Sent Events, the person's token and the device token, resuming
 * after `lastEventId`) over the pinned link and hands on each event as the station sent it; `onEnd` is called
 * once, when the stream ends or drops (a silent line counts as dropped after 50 s). Resolves to a function that
 * closes the stream (without `onEnd`), or undefined when the station serves no event stream (404); rejects with
 * the link's errors or `StreamRefused`. connected/live-events.ts builds the app's relay on it.
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
    req.setTimeout(STREAM_CONNECT_MS, () =>
      req.destroy(new StationUnreachable('The station did not open the event stream in time.')),
    );
    req.on('error', (err: NodeJS.ErrnoException) => reject(classify(err)));
    req.on('response', (res) => {
      req.setTimeout(0);
      if (res.headers['x-crm-device-refused']) {
        res.resume();
        reject(new DeviceRevoked('The station no longer accepts this computer.'));
        return;
      }
      if (res.statusCode === 404) {
        res.resume();
        resolve(undefined);
        return;
      }
      if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith('text/event-stream')) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => reject(classify(err)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          reject(
            new StreamRefused(
              codeOf(text) ?? 'UNAVAILABLE',
              messageOf(text) ?? `The station answered ${res.statusCode} to the event stream.`,
            ),
          );
        });
        return;
      }
      let ended = false;
      let idle: NodeJS.Timeout | undefined;
      const end = (err?: Error): void => {
        clearTimeout(idle);
        if (ended) return;
        ended = true;
        onEnd(err);
      };
      const watch = (): void => {
        clearTimeout(idle);
        idle = setTimeout(
          () => res.destroy(new StationUnreachable('The event stream went silent.')),
          STREAM_IDLE_MS,
        );
        idle.unref();
      };
      watch();
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        watch();
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = parseFrame(frame);
          if (event) onEvent(event);
        }
      });
      res.on('end', () => end());
      res.on('error', (err) => end(classify(err)));
      res.on('close', () => end(new StationUnreachable('The event stream was cut.')));
      resolve(() => {
        ended = true;
        clearTimeout(idle);
        res.destroy();
        req.destroy();
      });
    });
    req.end();
  });
}

/** One SSE frame's fields; undefined for a frame without data (a keep-alive comment). */
function parseFrame(frame: string): StationEvent | undefined {
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
  return data.length ? event : undefined;
}
