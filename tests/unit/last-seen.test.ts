import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LastSeen } from '../../electron/core/connected/last-seen';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function file(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-last-seen-'));
  dirs.push(dir);
  return path.join(dir, 'last-seen.sealed');
}

/** A session token's shape (header.claims.signature): LastSeen reads only who it belongs to. */
function tokenOf(sub: string, db = 'smart_crm_school'): string {
  return `x.${Buffer.from(JSON.stringify({ sub, db })).toString('base64url')}.sig`;
}

describe('what a connected app last saw', () => {
  it('keeps the offline channels per person, sealed, with when they were read', async () => {
    const where = file();
    const key = randomBytes(32);
    const seen = await LastSeen.open(where, key);
    const asha = tokenOf('a'.repeat(24));
    const ravi = tokenOf('b'.repeat(24));
    const readAt = Date.parse('2026-03-02T09:41:00Z');
    await seen.keep('assignments.list', { page: 1 }, asha, { items: [{ title: 'Poem' }] }, readAt);
    // Not a last-seen channel: nothing is kept.
    await seen.keep('users.list', {}, asha, { items: [] }, readAt);

    const again = await LastSeen.open(where, key);
    expect(again.find('assignments.list', { page: 1 }, asha)).toEqual({
      data: { items: [{ title: 'Poem' }] },
      at: new Date(readAt),
    });
    // Another person, another input, another channel: nothing to show.
    expect(again.find('assignments.list', { page: 1 }, ravi)).toBeUndefined();
    expect(again.find('assignments.list', { page: 2 }, asha)).toBeUndefined();
    expect(again.find('users.list', {}, asha)).toBeUndefined();
    expect(again.find('assignments.list', { page: 1 }, undefined)).toBeUndefined();
    expect(readFileSync(where).toString('latin1')).not.toContain('Poem');
  });

  it('a newer read replaces the older one and carries its own time', async () => {
    const seen = await LastSeen.open(file(), randomBytes(32));
    const who = tokenOf('c'.repeat(24));
    await seen.keep('schedules.list', {}, who, { items: [] }, 1_000);
    await seen.keep('schedules.list', {}, who, { items: [{ period: 1 }] }, 2_000);
    expect(seen.find('schedules.list', {}, who)).toEqual({
      data: { items: [{ period: 1 }] },
      at: new Date(2_000),
    });
  });
});
