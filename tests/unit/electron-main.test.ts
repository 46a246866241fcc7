import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, cspDevString, cspMetaString, cspString } from '../../shared/csp';
import { resolveStaticFile } from '../../electron/core/station/static-files';
import { allowPermissionCheck, allowPermissionRequest } from '../../electron/main/permissions';
import { SessionTokens } from '../../electron/main/session-tokens';

const root = join(import.meta.dirname, '..', '..');

describe('Content-Security-Policy', () => {
  it('index.html carries the same policy as the header (minus header-only directives)', async () => {
    const html = await readFile(join(root, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(cspMetaString());
  });

  it('is strict', () => {
    expect(CSP_DIRECTIVES['script-src']).toBe("'self'");
    expect(CSP_DIRECTIVES['object-src']).toBe("'none'");
    expect(cspString()).toContain("frame-ancestors 'none'");
    expect(cspString()).not.toContain('unsafe-eval');
    expect(cspMetaString()).not.toContain('frame-ancestors');
  });

  it('relaxes only what the dev server needs', () => {
    const dev = cspDevString('http://localhost:5173/');
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
    expect(dev).toContain("object-src 'none'");
  });
});

describe('per-window session tokens', () => {
  it('stores the token of a successful sign-in, passes the rest by, forgets on logout', () => {
    const tokens = new SessionTokens();
    tokens.observe(1, 'auth.login', { ok: true, data: { token: 't1', user: { name: 'A' } } });
    tokens.observe(2, 'auth.changePassword', { ok: true, data: { token: 't2' } });
    tokens.observe(3, 'auth.registerInstitution', { ok: true, data: { token: 'not a session' } });
    expect(tokens.get(3)).toBeUndefined();
    expect(tokens.get(1)).toBe('t1');
    expect(tokens.get(2)).toBe('t2');

    tokens.observe(1, 'auth.login', { ok: false, error: { code: 'UNAUTHENTICATED', message: 'no' } });
    tokens.observe(1, 'users.create', { ok: true, data: { token: 'not-a-session' } });
    tokens.observe(1, 'auth.login', { ok: true, data: { token: 42 } });
    expect(tokens.get(1)).toBe('t1');

    // A password change ends the other sessions and answers a new token for this one.
    tokens.observe(1, 'auth.changePassword', { ok: true, data: { token: 't1b', expiresAt: new Date() } });
    expect(tokens.get(1)).toBe('t1b');

    tokens.observe(1, 'auth.logout', { ok: false, error: { code: 'INTERNAL', message: 'x' } });
    expect(tokens.get(1)).toBeUndefined();
    expect(tokens.get(2)).toBe('t2');
    tokens.forget(2);
    expect(tokens.get(2)).toBeUndefined();
  });
});

describe('web permissions of the desktop window', () => {
  it('grants the microphone to the app itself and nothing else', () => {
    expect(allowPermissionRequest('media', ['audio'], true)).toBe(true);
    expect(allowPermissionRequest('media', ['audio', 'video'], true)).toBe(false);
    expect(allowPermissionRequest('media', ['video'], true)).toBe(false);
    // An empty or missing list used to pass (every() of nothing is true).
    expect(allowPermissionRequest('media', [], true)).toBe(false);
    expect(allowPermissionRequest('media', undefined, true)).toBe(false);
    expect(allowPermissionRequest('media', ['audio'], false)).toBe(false);
    expect(allowPermissionRequest('geolocation', undefined, true)).toBe(false);
    expect(allowPermissionRequest('notifications', undefined, true)).toBe(false);
  });

  it('answers checks for audio from the app only (not video, not an unknown type, not another origin)', () => {
    expect(allowPermissionCheck('media', 'audio', true)).toBe(true);
    expect(allowPermissionCheck('media', 'video', true)).toBe(false);
    expect(allowPermissionCheck('media', 'unknown', true)).toBe(false);
    expect(allowPermissionCheck('media', undefined, true)).toBe(false);
    expect(allowPermissionCheck('media', 'audio', false)).toBe(false);
    expect(allowPermissionCheck('clipboard-read', undefined, true)).toBe(false);
  });
});

describe('the renderer files served to the window (app://) and the station', () => {
  const rendererDir = join(root, 'out', 'renderer');

  it('serves files inside the built renderer, routes to index.html, nothing outside', async () => {
    const index = await resolveStaticFile(rendererDir, '/index.html');
    expect(index).toMatchObject({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      cacheControl: 'no-cache',
    });
    expect(await resolveStaticFile(rendererDir, '/admin/users')).toMatchObject({ status: 200 });
    expect(await resolveStaticFile(rendererDir, '/../../package.json')).toMatchObject({ status: 404 });
    expect(await resolveStaticFile(rendererDir, '/..%2f..%2fpackage.json')).not.toMatchObject({
      status: 200,
    });
    expect(await resolveStaticFile(rendererDir, '/%E0%A4%A')).toEqual({ status: 400 });
    expect(await resolveStaticFile(rendererDir, '/missing.js')).toEqual({ status: 404 });
  });
});
