import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRange } from '../../electron/core/station/files-route';
import { serveStatic } from '../../electron/core/station/static-files';

const root = mkdtempSync(path.join(os.tmpdir(), 'crm-static-'));
mkdirSync(path.join(root, 'assets'));
writeFileSync(path.join(root, 'assets', 'app-1234.js'), 'x'.repeat(5000));
writeFileSync(path.join(root, 'assets', 'app-1234.js.br'), 'brotli');
writeFileSync(path.join(root, 'assets', 'app-1234.js.gz'), 'gzipped');
writeFileSync(path.join(root, 'assets', 'logo.png'), 'png');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Serves `url` with this Accept-Encoding; answers the headers written and the body. */
async function get(url: string, acceptEncoding?: string) {
  const sink = new PassThrough();
  let headers: Record<string, string | number> = {};
  const res = Object.assign(sink, {
    writeHead(status: number, h: Record<string, string | number>) {
      headers = { status, ...h };
      return res;
    },
  }) as unknown as ServerResponse;
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => sink.on('end', resolve));
  await serveStatic(root, url, res, acceptEncoding);
  await ended;
  return { headers, body: Buffer.concat(chunks).toString() };
}

describe('pre-compressed assets', () => {
  it('serves the brotli twin to a client that takes it, gzip to one that takes only gzip, else the file', async () => {
    const br = await get('/assets/app-1234.js', 'gzip, deflate, br, zstd');
    expect(br.headers).toMatchObject({
      'content-encoding': 'br',
      'content-length': 6,
      vary: 'Accept-Encoding',
      'cache-control': 'public, max-age=31536000, immutable',
    });
    expect(br.body).toBe('brotli');
    expect((await get('/assets/app-1234.js', 'gzip')).headers['content-encoding']).toBe('gzip');
    expect((await get('/assets/app-1234.js', 'br;q=0, gzip')).headers['content-encoding']).toBe('gzip');
    const plain = await get('/assets/app-1234.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toHaveLength(5000);
    // Images are compressed already: no twin looked for, no Vary.
    expect((await get('/assets/logo.png', 'br')).headers.vary).toBeUndefined();
  });
});

describe('Range', () => {
  it('reads one range of a file: from, from–to, the last n bytes; past the end is unsatisfiable', () => {
    expect(parseRange('bytes=1000000-', 5_242_880)).toEqual({ start: 1_000_000, end: 5_242_879 });
    expect(parseRange('bytes=0-3', 100)).toEqual({ start: 0, end: 3 });
    expect(parseRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-2', 100)).toBeNull();
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
    expect(parseRange(undefined, 100)).toBeNull();
  });
});
