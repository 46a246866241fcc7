/**
 * The station: the same app for a browser. POST /api/rpc/<channel> (EJSON in and out, Bearer token),
 * GET /api/health (200 once the engine is ready, 503 before), and the built renderer at /.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import { EJSON } from 'bson';
import { HTTP_STATUS } from '../../../shared/contract/errors';
import { decodeRpc, encodeRpc } from '../../../shared/rpc-encoding';
import type { ApiResult } from '../../../shared/contract/errors';
import type { Router } from '../api/router';
import type { EngineSupervisor } from '../engine/supervisor';
import { AppError } from '../errors/app-error';
import { backupFile, importBackupFile } from '../services/backup/backup';
import { cspString } from '../../../shared/csp';
import { formatBytes } from '../../../shared/domain';
import { createEventsRoute, type LiveSources } from './events-route';
import { createFilesRoute } from './files-route';
import { DEVICE_REFUSED_HEADER, type Admission, type StationNetwork } from './lan/network';
import { serveStatic } from './static-files';

export interface StationOptions {
  router: Router;
  engine: EngineSupervisor;
  /** True once the services behind the router are up (default: the engine's state alone decides). */
  ready?: () => boolean;
  /** The built renderer (out/renderer); when missing, / answers 404 with the fix. */
  staticDir?: string | undefined;
  host: string;
  port: number;
  logger?: (line: string) => void;
  /** The services and the event bus behind /api/events and /api/files (absent: those answer 404). */
  live?: LiveSources;
  /** Network mode (lan/network.ts): HTTPS only, the station's names pass the host check, paired devices only. */
  network?: StationNetwork | undefined;
}

export interface Station {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Slow clients: a request's headers must arrive within 10 s and the whole request (the largest upload on a
 * slow school network) within 2 min; idle keep-alive connections close after 5 s. Node checks every second.
 */
const TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 120_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
} as const;
/** How long a refused request's remaining body is read and thrown away before the connection is cut. */
const DISCARD_MS = 2_000;
/** Connections open at once; a school's PCs need a few each. */
const MAX_CONNECTIONS = 512;

/** Same Content-Security-Policy as the desktop window. */
const CSP = cspString();

export async function startStation(opts: StationOptions): Promise<Station> {
  const log = opts.logger ?? ((line: string) => console.error(line));
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((err: unknown) => {
      log(`[station] ${req.method} ${req.url}: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Internal error.' } });
      else res.destroy();
    });
  };
  // On the network: TLS 1.2 or later only, and the handshake within the headers' time.
  const server: Server = opts.network
    ? createHttpsServer(
        {
          ...TIMEOUTS,
          key: opts.network.tls.key,
          cert: opts.network.tls.cert,
          minVersion: 'TLSv1.2',
          handshakeTimeout: TIMEOUTS.headersTimeout,
        },
        listener,
      )
    : createServer(TIMEOUTS, listener);

  server.maxConnections = MAX_CONNECTIONS;
  const events = opts.live ? createEventsRoute(opts.live) : undefined;
  const files = opts.live
    ? createFilesRoute(opts.router, opts.live, { reply: sendResult, refuse: refuseUnread, log })
    : undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (
      !isLocalHost(req.headers.host) &&
      !opts.network?.allowsHost(hostnameOf(req.headers.host?.toLowerCase() ?? ''))
    ) {
      // Refuses DNS-rebinding: a page on another site resolving its name to 127.0.0.1.
      sendJson(res, 421, { ok: false, error: { code: 'FORBIDDEN', message: 'Unknown host.' } });
      return;
    }
    const url = req.url ?? '/';
    if (opts.network && (await opts.network.handle(req, res))) return;
    if (url === '/api/health' && (req.method === 'GET' || req.method === 'HEAD')) {
      const engine = opts.engine.status();
      const ok = engine.state === 'ready' && (opts.ready?.() ?? true);
      sendJson(res, ok ? 200 : 503, { ok, engine });
      return;
    }
    const [path = url, query = ''] = url.split('?', 2);
    if (events && path === '/api/events') {
      if (!admitted(req, res)) return;
      await events(req, res, new URLSearchParams(query), sendResult);
      return;
    }
    if (files && (path === '/api/files' || path.startsWith('/api/files/'))) {
      if (isCrossSite(req)) {
        refuseUnread(req, res, CROSS_SITE_REFUSED);
        return;
      }
      if (!admitted(req, res)) return;
      await files(req, res, path, new URLSearchParams(query));
      return;
    }
    if (url.startsWith('/api/rpc/')) {
      let channel: string;
      try {
        channel = decodeURIComponent(url.slice('/api/rpc/'.length).split('?')[0] ?? '');
      } catch {
        // A malformed %-escape is the caller's mistake, not the station's.
        sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'Malformed channel name.' } });
        return;
      }
      await handleRpc(req, res, channel);
      return;
    }
    if (url.startsWith('/api/backups/')) {
      if (!admitted(req, res)) return;
      await handleBackupFile(req, res, url.slice('/api/backups/'.length).split('?')[0] ?? '');
      return;
    }
    if (url.startsWith('/api/')) {
      sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'No such endpoint.' } });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (!opts.staticDir) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The app is not built: run `npm run build`, then reload.');
      return;
    }
    res.setHeader('content-security-policy', CSP);
    res.setHeader('x-frame-options', 'DENY');
    await serveStatic(opts.staticDir, url, res, req.headers['accept-encoding']);
  }

  /**
   * On the network only paired devices (and browsers, when the admin allows them) reach the API: the device's
   * admission, `true` off the network, or false once the refusal is sent.
   */
  function admitted(req: IncomingMessage, res: ServerResponse): Admission | true | false {
    const admission = opts.network?.admit(req);
    if (!admission) return true;
    if (admission.ok) return admission.data;
    res.setHeader(DEVICE_REFUSED_HEADER, '1');
    refuseUnread(req, res, admission);
    return false;
  }

  async function handleRpc(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    if (isCrossSite(req)) {
      sendResult(res, CROSS_SITE_REFUSED);
      return;
    }
    const admission = admitted(req, res);
    if (!admission) return;
    // Who is calling and what they may send is settled from the URL and headers, before a byte of the body
    // is read: an unknown channel, a missing or invalid token, a role that may not call it, or a body larger
    // than the channel accepts is refused without reading (and parsing) it.
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    const opened = await opts.router.open(channel, {
      token,
      ip: req.socket.remoteAddress ?? 'unknown',
      userAgent: String(req.headers['user-agent'] ?? '').slice(0, 300),
    });
    if (!opened.ok) {
      refuseUnread(req, res, opened);
      return;
    }
    const call = opened.data;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > call.maxBodyBytes) {
      refuseUnread(req, res, tooLarge(call.maxBodyBytes));
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, call.maxBodyBytes);
    } catch (err) {
      if (err instanceof BodyTooLargeError) refuseUnread(req, res, tooLarge(call.maxBodyBytes));
      else res.destroy();
      return;
    }
    let input: unknown;
    try {
      // Relaxed parsing turns canonical numbers back into plain numbers; dates and binaries keep their types.
      input = body.length ? decodeRpc(body.toString('utf8')) : {};
    } catch {
      sendResult(res, {
        ok: false,
        error: { code: 'VALIDATION', message: 'The request body is not valid JSON.' },
      });
      return;
    }
    const run = (): Promise<ApiResult<unknown>> => call.run(input);
    sendResult(
      res,
      opts.network && admission !== true
        ? await opts.network.remember(req, admission, channel, run)
        : await run(),
    );
  }

  /**
   * A backup's bytes, streamed both ways with the session token in the header (admin only): GET
   * /api/backups/<name> downloads one of the institution's backups, POST /api/backups/upload brings a backup
   * file in (for a restore). Neither fits an RPC body.
   */
  async function handleBackupFile(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const upload = name === 'upload';
    if (req.method !== (upload ? 'POST' : 'GET')) {
      res.writeHead(405, { allow: upload ? 'POST' : 'GET' }).end();
      return;
    }
    if (isCrossSite(req)) {
      sendResult(res, CROSS_SITE_REFUSED);
      return;
    }
    const auth = req.headers.authorization;
    const authorized = await opts.router.authorize(upload ? 'system.restore' : 'system.backups', {
      token: auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined,
      ip: req.socket.remoteAddress ?? 'unknown',
      userAgent: String(req.headers['user-agent'] ?? '').slice(0, 300),
    });
    if (!authorized.ok) {
      refuseUnread(req, res, authorized);
      return;
    }
    const { deps, actor } = authorized.data;
    try {
      if (upload) {
        const info = await importBackupFile(deps, actor, req);
        sendResult(res, { ok: true, data: info });
        return;
      }
      const file = await backupFile(deps, actor.userId, name);
      const { size } = await stat(file);
      res.writeHead(200, {
        'content-type': 'application/gzip',
        'content-length': String(size),
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-store',
      });
      await pipeline(createReadStream(file), res);
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof AppError) refuseUnread(req, res, { ok: false, error: err.toApiError() });
      else throw err;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  opts.network?.setPort(address.port);

  return {
    server,
    url: `${opts.network ? 'https' : 'http'}://${hostForUrl}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendResult(res: ServerResponse, result: ApiResult<unknown>): void {
  sendText(res, result.ok ? 200 : HTTP_STATUS[result.error.code], encodeRpc(result));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, EJSON.stringify(body, { relaxed: true }));
}

/**
 * A JSON answer with its length: Node then writes the headers and the text in one write, where without a length
 * it sends chunks (a chunk head, the text and an end marker) that the client has to take apart.
 */
function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text, 'utf8'),
    'cache-control': 'no-store',
  });
  res.end(text, 'utf8');
}

function tooLarge(limit: number): ApiResult<never> {
  return {
    ok: false,
    error: {
      code: 'TOO_LARGE',
      message: `The request is larger than this action accepts (${formatBytes(limit)}).`,
    },
  };
}

/**
 * Answers a request whose body will not be kept. What the client still sends is read and thrown away, so it
 * can read the answer (closing at once would reset the connection under it), but for 2 s at most.
 */
function refuseUnread(req: IncomingMessage, res: ServerResponse, result: ApiResult<unknown>): void {
  if (!req.complete) {
    const cutOff = setTimeout(() => req.socket.destroy(), DISCARD_MS).unref();
    req.socket.once('close', () => clearTimeout(cutOff));
    req.resume();
  }
  sendResult(res, result);
}

class BodyTooLargeError extends Error {}

/** The body, stopping (and dropping what was read) as soon as it passes the limit. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        chunks = [];
        req.off('data', onData);
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('The client went away.'));
    });
  });
}

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function hostnameOf(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
}

function isLocalHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = hostnameOf(host.toLowerCase());
  return LOCAL_HOSTNAMES.has(name) || process.env.CRM_ALLOWED_HOSTS?.split(',').includes(name) === true;
}

const CROSS_SITE_REFUSED = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Cross-site requests are refused.' },
} as const;

/** A request another site's page sent (its Origin is not this station's host): refused before it is read. */
function isCrossSite(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}
