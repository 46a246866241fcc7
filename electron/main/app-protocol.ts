/**
 * The desktop window loads the renderer from `app://crm/`, not `file://`: a page on file:// may read other
 * local files, and the packaged app turns that privilege off (the grantFileProtocolExtraPrivileges fuse).
 * Files come from the built renderer only (resolveStaticFile keeps paths inside it), with the same headers
 * the station sends.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { protocol, type Session } from 'electron';
import { resolveStaticFile, refusalText } from '../core/station/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'crm';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready: the scheme behaves like https (secure context, fetch, media streams). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

export function serveAppProtocol(ses: Session, rendererDir: string, csp: string): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const headers = { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' };
    if (url.host !== APP_HOST) return new Response(refusalText(404), { status: 404, headers });
    const found = await resolveStaticFile(rendererDir, url.pathname);
    if (found.status !== 200) {
      return new Response(refusalText(found.status), { status: found.status, headers });
    }
    const body = Readable.toWeb(createReadStream(found.file)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      status: 200,
      headers: {
        ...headers,
        'content-type': found.contentType,
        'content-length': String(found.size),
        'cache-control': found.cacheControl,
        'content-security-policy': csp,
        'x-frame-options': 'DENY',
      },
    });
  });
}
