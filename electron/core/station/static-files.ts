import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

export type StaticFile =
  | { status: 200; file: string; size: number; contentType: string; cacheControl: string }
  | { status: 400 | 403 | 404 };

/**
 * Finds the built renderer's file for a URL path (the station's HTTP and the desktop window's app:// protocol).
 * Paths are resolved inside `root` only; unknown paths without an extension get index.html, so the app's
 * client-side routes survive a reload.
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<StaticFile> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return { status: 400 };
  }
  const target = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (target !== root && !target.startsWith(root + path.sep)) return { status: 403 };
  let file = target;
  let info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    file = path.join(file, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info && !path.extname(target)) {
    file = path.join(root, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info?.isFile()) return { status: 404 };
  return {
    status: 200,
    file,
    size: info.size,
    contentType: MIME[path.extname(file)] ?? 'application/octet-stream',
    // Hashed assets may be cached; index.html must not, so an update reaches every browser.
    cacheControl: file.includes(`${path.sep}assets${path.sep}`)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
  };
}

const REFUSALS = { 400: 'Bad path', 403: 'Forbidden', 404: 'Not found' } as const;

/** The refusal's text for a status resolveStaticFile answered. */
export function refusalText(status: 400 | 403 | 404): string {
  return REFUSALS[status];
}

/** What the build compresses (electron.vite.config.ts, `precompress`), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json)$/;

/** Which encodings the client takes (`Accept-Encoding`), ignoring any it refuses with `q=0`. */
function accepts(header: string | undefined, encoding: string): boolean {
  return (header ?? '')
    .toLowerCase()
    .split(',')
    .some((part) => {
      const [name, ...params] = part.trim().split(';');
      return name === encoding && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
    });
}

/**
 * Serves a file of the built renderer; a text asset as its pre-compressed `.br` or `.gz` twin when the client
 * accepts it (written at build time: nothing is compressed per request).
 */
export async function serveStatic(
  root: string,
  urlPath: string,
  res: ServerResponse,
  acceptEncoding?: string,
): Promise<void> {
  const found = await resolveStaticFile(root, urlPath);
  if (found.status !== 200) {
    res
      .writeHead(found.status, { 'content-type': 'text/plain; charset=utf-8' })
      .end(refusalText(found.status));
    return;
  }
  const headers: Record<string, string | number> = {
    'content-type': found.contentType,
    'content-length': found.size,
    'cache-control': found.cacheControl,
  };
  let file = found.file;
  if (COMPRESSIBLE.test(file)) {
    headers.vary = 'Accept-Encoding';
    for (const encoding of ENCODINGS) {
      if (!accepts(acceptEncoding, encoding.name)) continue;
      const info = await stat(file + encoding.suffix).catch(() => undefined);
      if (!info?.isFile()) continue;
      file += encoding.suffix;
      headers['content-encoding'] = encoding.name;
      headers['content-length'] = info.size;
      break;
    }
  }
  res.writeHead(200, headers);
  createReadStream(file).pipe(res);
}
