/**
 * The station's backup routes: GET /api/backups/<name> streams one of the institution's backups and POST
 * /api/backups/upload brings a file in, both with the admin's session token; others are refused.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStation, type Station } from '../../electron/core/station/server';
import { buildSchool, openApi, runningEngine, type School, type TestApi } from '../support/api';

let api: TestApi;
let school: School;
let station: Station;

beforeAll(async () => {
  api = await openApi();
  school = await buildSchool(api);
  station = await startStation({
    router: api.router,
    engine: runningEngine(),
    host: '127.0.0.1',
    port: 0,
    logger: () => undefined,
  });
});
afterAll(async () => {
  await station.close();
  await api.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('backup downloads and uploads', () => {
  it('streams a backup to its admin, and takes an uploaded file into the list', async () => {
    const made = await api.ok<{ name: string; size: number }>('system.backup', {}, school.admin.token);
    const download = await fetch(`${station.url}/api/backups/${made.name}`, {
      headers: bearer(school.admin.token),
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${made.name}"`);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.length).toBe(made.size);
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // gzip

    const upload = await fetch(`${station.url}/api/backups/upload`, {
      method: 'POST',
      headers: { ...bearer(school.admin.token), 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect(upload.status).toBe(200);
    const listed = await api.ok<{ backups: Array<{ name: string; size: number }> }>(
      'system.backups',
      {},
      school.admin.token,
    );
    expect(listed.backups.filter((b) => b.size === made.size)).toHaveLength(2);
  });

  it('refuses callers without a session, other roles and names outside the list', async () => {
    const made = await api.ok<{ name: string }>('system.backup', {}, school.admin.token);
    expect((await fetch(`${station.url}/api/backups/${made.name}`)).status).toBe(401);
    expect(
      (await fetch(`${station.url}/api/backups/${made.name}`, { headers: bearer(school.teacher.token) }))
        .status,
    ).toBe(403);
    for (const name of ['..%2F..%2Fetc%2Fpasswd', 'nothing.crmbackup', '%2Fetc%2Fpasswd']) {
      const res = await fetch(`${station.url}/api/backups/${name}`, { headers: bearer(school.admin.token) });
      expect(res.status, name).toBe(404);
    }
    const upload = await fetch(`${station.url}/api/backups/upload`, {
      method: 'POST',
      headers: bearer(school.students[0]!.token),
      body: randomBytes(1000),
    });
    expect(upload.status).toBe(403);
  });
});
