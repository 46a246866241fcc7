import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { classify, createLogFile, redact, redactValue } from '../../electron/core/runtime-log';
import { makeTempDir } from '../support/temp-dir';

const temps: Array<{ remove: () => void }> = [];
afterEach(() => temps.splice(0).forEach((t) => t.remove()));

const jwt =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI2NTAwMDAwMDAwMDAwMDAwMDAwMDAwMDAiLCJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJlLWJ5dGVz';
const hash = '$2a$10$abcdefghijklmnopqrstuuYQ1M3ZHN1ZW5kZXIxMjM0NTY3ODkwMTIz';

describe('log redaction', () => {
  it('removes passwords, tokens, hashes, credentials in URIs and message text from lines', () => {
    const lines = [
      `[api] internal error: login {"username":"asha","password":"Secret123"} failed`,
      `[station] GET /api/backups/x Authorization: Bearer ${jwt}`,
      `[api] token=${jwt}&x=1 and a stray ${jwt}`,
      `[db] stored ${hash}`,
      '[engine] connecting to mongodb://admin:hunter2@db.example.org:27017/x',
      `[api] messages.send {"to":"650000000000000000000000","text":"Meet me after class"}`,
      "[api] password: 'school2025', newPassword=Other99x",
    ];
    const out = lines.map(redact).join('\n');
    for (const secret of [
      'Secret123',
      jwt,
      hash,
      'hunter2',
      'Meet me after class',
      'school2025',
      'Other99x',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('asha'); // what is not secret stays readable
    expect(out).toContain('db.example.org');
  });

  it('drops secret keys from structured values at any depth', () => {
    const value = redactValue({
      user: { name: 'Asha', password: 'x1', tokens: ['a'] },
      body: 'hello',
      list: [{ authorization: 'Bearer y' }, 'Bearer zzz'],
    });
    expect(value).toEqual({
      user: { name: 'Asha', password: '[redacted]', tokens: '[redacted]' },
      body: '[redacted]',
      list: [{ authorization: '[redacted]' }, 'Bearer [redacted]'],
    });
  });

  it('classifies lines by their source and level', () => {
    expect(classify('[engine] ready')).toEqual({ level: 'info', source: 'engine', message: 'ready' });
    expect(classify('[runtime] not ready: boom').level).toBe('error');
    expect(classify('[engine] restarting in 2 s').level).toBe('warn');
  });
});

describe('the log file', () => {
  it('writes one redacted JSON object per line, rotates, keeps N files, and counts today’s problems', () => {
    const temp = makeTempDir('crm-log-test');
    temps.push(temp);
    let now = new Date(2031, 0, 1, 23, 59);
    const log = createLogFile(temp.dir, { maxBytes: 400, keep: 2, now: () => now });
    log.line('[api] internal error: password=Secret123');
    const first = JSON.parse(readFileSync(log.file, 'utf8').trim()) as Record<string, unknown>;
    expect(first).toMatchObject({ level: 'error', source: 'api', at: now.toISOString() });
    expect(JSON.stringify(first)).not.toContain('Secret123');
    expect(log.problems(now)).toMatchObject({ count: 1 });

    for (let i = 0; i < 40; i += 1) log.line(`[station] request ${i} handled`);
    expect(readdirSync(temp.dir).sort()).toEqual(['app.1.log', 'app.2.log', 'app.log']);
    for (const name of readdirSync(temp.dir)) {
      for (const line of readFileSync(path.join(temp.dir, name), 'utf8').trim().split('\n')) {
        expect(() => JSON.parse(line) as unknown).not.toThrow();
      }
    }
    now = new Date(2031, 0, 2, 0, 1); // a new day: yesterday's problems are not today's
    expect(log.problems(now)).toMatchObject({ count: 0, recent: [] });
    log.line('[backup] scheduled backup failed: disk full');
    expect(log.problems(now)).toMatchObject({
      count: 1,
      recent: [{ message: '[backup] scheduled backup failed: disk full' }],
    });
  });
});
