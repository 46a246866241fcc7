/**
 * Files as files (docs/architecture.md, "Files travel as files"):
 * - `POST /api/files?name=…&type=…&purpose=…[&duration=…]`, the bytes as the body, `Authorization: Bearer`:
 *   opened like files.upload (token and role before a byte is read), the details checked, then the body
 *   streamed straight into GridFS with the size limit and the type's signature checked on the way. Answers the
 *   file reference.
 * - `GET /api/files/<id>` (Bearer, or `?ticket=` from files.link for <audio>/<img>): streamed from GridFS,
 *   whole or one `Range`, with the type from the allow-list and `attachment` for anything but audio and images;
 *   who may read it is files.get's rule. The `x-crm-file` header carries files.get's details (a connected app
 *   answers files.get from this GET).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import {
  FILE_DETAILS_HEADER,
  encodeFileDetails,
  fileUploadDetails,
  filesGet,
} from '../../../shared/contract/files';
import { allowsRole } from '../../../shared/contract/channel';
import type { ApiResult } from '../../../shared/contract/errors';
import { FILE_LIMITS, baseMimeType, isAllowedMimeType } from '../../../shared/domain';
import { toApiError } from '../api/errors';
import { validationError, type Router } from '../api/router';
import { AppError } from '../errors/app-error';
import { actorOfClaims } from '../services/auth';
import type { Actor } from '../services/context';
import { fileDownload, uploadFileStream } from '../services/file-streams';
import { fileDetailsOf } from '../services/files';
import type { LiveSources } from './events-route';

export interface FilesRouteHelpers {
  /** Answers a result as JSON with its status. */
  reply: (res: ServerResponse, result: ApiResult<unknown>) => void;
  /** Answers without keeping the body the client is still sending. */
  refuse: (req: IncomingMessage, res: ServerResponse, result: ApiResult<unknown>) => void;
  log: (line: string) => void;
}

const FILE_PATH = /^\/api\/files\/([0-9a-fA-F]{24})$/;
const notFound: ApiResult<never> = {
  ok: false,
  error: { code: 'NOT_FOUND', message: 'The file was not found.' },
};

export function createFilesRoute(router: Router, live: LiveSources, helpers: FilesRouteHelpers) {
  const { reply, refuse, log } = helpers;
  const fail = (err: unknown): ApiResult<never> => ({ ok: false, error: toApiError(err, log) });
  const requestOf = (req: IncomingMessage) => {
    const auth = req.headers.authorization;
    return {
      token: auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined,
      ip: req.socket.remoteAddress ?? 'unknown',
      userAgent: String(req.headers['user-agent'] ?? '').slice(0, 300),
    };
  };

  async function upload(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    const opened = await router.open('files.upload', requestOf(req));
    if (!opened.ok) return refuse(req, res, opened);
    const deps = live.services();
    const actor = opened.data.actor;
    if (!deps || !actor)
      return refuse(req, res, fail(new AppError('UNAVAILABLE', 'The database is starting.')));
    const details = fileUploadDetails.safeParse({
      name: query.get('name') ?? undefined,
      mimeType: query.get('type') ?? req.headers['content-type'] ?? undefined,
      purpose: query.get('purpose') ?? undefined,
      ...(query.has('duration') ? { durationSeconds: query.get('duration') } : {}),
    });
    if (!details.success) return refuse(req, res, { ok: false, error: validationError(details.error) });
    const limit = FILE_LIMITS[details.data.purpose].maxBytes;
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      return refuse(
        req,
        res,
        fail(
          new AppError(
            'TOO_LARGE',
            `The file is larger than ${FILE_LIMITS[details.data.purpose].label.toLowerCase()} may be.`,
          ),
        ),
      );
    }
    try {
      // Stopping early (too large, wrong type) must leave the request open: its answer still has to go out.
      const body = req.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>;
      reply(res, { ok: true, data: await uploadFileStream(deps, actor, details.data, body) });
    } catch (err) {
      // The client went away mid-upload: nobody reads an answer (the partial file is gone already).
      if (req.destroyed && !req.complete) return void res.destroy();
      refuse(req, res, fail(err));
    }
  }

  /** The caller of a GET: the Bearer token (opened like files.get), or a ticket for this one file. */
  async function readerOf(
    req: IncomingMessage,
    query: URLSearchParams,
    id: string,
  ): Promise<ApiResult<Actor>> {
    const request = requestOf(req);
    if (request.token !== undefined) {
      const opened = await router.open('files.get', request);
      if (!opened.ok) return opened;
      return opened.data.actor ? { ok: true, data: opened.data.actor } : notFound;
    }
    const deps = live.services();
    const ticket = query.get('ticket');
    const claims = deps && ticket ? deps.tickets.verify(ticket, `file:${id.toLowerCase()}`) : null;
    if (!deps || !claims) {
      return {
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: 'This link has expired. Open the file again.' },
      };
    }
    try {
      const actor = await actorOfClaims(deps, claims, request);
      if (!allowsRole(filesGet, actor.role))
        throw new AppError('FORBIDDEN', 'Your role does not allow this.');
      return { ok: true, data: actor };
    } catch (err) {
      return fail(err);
    }
  }

  async function download(req: IncomingMessage, res: ServerResponse, id: string, query: URLSearchParams) {
    const reader = await readerOf(req, query, id);
    if (!reader.ok) return reply(res, reader);
    const deps = live.services();
    if (!deps) return reply(res, fail(new AppError('UNAVAILABLE', 'The database is starting.')));
    let found;
    try {
      found = await fileDownload(deps, reader.data, id);
    } catch (err) {
      return reply(res, fail(err));
    }
    const { file } = found;
    const mime = baseMimeType(file.metadata.mimeType);
    const type = isAllowedMimeType(file.metadata.purpose, mime) ? mime : 'application/octet-stream';
    const inline = type.startsWith('audio/') || type.startsWith('image/');
    const headers: Record<string, string | number> = {
      'content-type': type,
      'content-disposition': `${inline ? 'inline' : 'attachment'}; ${dispositionName(file.name)}`,
      'accept-ranges': 'bytes',
      'cache-control': 'private, no-cache',
      // A file is never a page of the app: no scripts, no plugins, even if a browser were to render it.
      'content-security-policy': "sandbox; default-src 'none'; media-src 'self'; img-src 'self'",
      // files.get's details, for a connected app answering files.get from this GET (station-link.ts).
      [FILE_DETAILS_HEADER]: encodeFileDetails(fileDetailsOf(file)),
    };
    const range = parseRange(req.headers.range, file.size);
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${file.size}` }).end();
      return;
    }
    if (range) {
      headers['content-range'] = `bytes ${range.start}-${range.end}/${file.size}`;
      headers['content-length'] = range.end - range.start + 1;
      res.writeHead(206, headers);
    } else {
      headers['content-length'] = file.size;
      res.writeHead(200, headers);
    }
    if (req.method === 'HEAD' || file.size === 0) return void res.end();
    try {
      await pipeline(found.open(range ?? undefined), res);
    } catch {
      // The client stopped reading (a player seeking elsewhere): nothing to answer.
      res.destroy();
    }
  }

  return async function handleFiles(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
  ): Promise<void> {
    if (path === '/api/files') {
      if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
      return upload(req, res, query);
    }
    const match = FILE_PATH.exec(path);
    if (!match?.[1]) return reply(res, notFound);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return download(req, res, match[1], query);
  };
}

/** `filename="ascii fallback"; filename*=UTF-8''percent-encoded` (RFC 6266), safe for any stored name. */
function dispositionName(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * One byte range of `Range: bytes=a-b | a- | -n` within a file of `size` bytes; null without a (usable)
 * header (the whole file is sent), 'unsatisfiable' when it starts past the end. Several ranges are answered
 * with the whole file, as RFC 9110 allows.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'unsatisfiable' {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match) return null;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  if (start >= size) return 'unsatisfiable';
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  return end < start ? null : { start, end };
}
