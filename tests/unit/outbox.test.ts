import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox, type OutboxEntry } from '../../electron/core/connected/outbox';
import { StationUnreachable } from '../../electron/core/connected/station-link';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function file(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-outbox-'));
  dirs.push(dir);
  return path.join(dir, 'outbox.sealed');
}

describe('the outbox', () => {
  it('keeps entries sealed on disk, in order, and survives a restart', async () => {
    const where = file();
    const key = randomBytes(32);
    const box = await Outbox.open(where, key);
    await box.add('messages.send', { receiverId: 'a'.repeat(24), message: 'Secret plans' }, 'tok');
    await box.add('assignments.submit', { assignmentId: 'b'.repeat(24), files: ['c'.repeat(24)] }, 'tok');
    expect(readFileSync(where).toString('latin1')).not.toContain('Secret plans');
    expect(statSync(where).mode & 0o777).toBe(0o600);
    const again = await Outbox.open(where, key);
    expect(again.entries().map((e) => e.channel)).toEqual(['messages.send', 'assignments.submit']);
    await expect(Outbox.open(where, randomBytes(32))).rejects.toThrow(/does not open with this app's key/);
  });

  it('sends in order, swaps stand-in file ids for the real ones, stops when the station is gone again', async () => {
    const box = await Outbox.open(file(), randomBytes(32));
    const upload = await box.add('files.upload', { name: 'note.webm' }, 'tok');
    await box.add('messages.send', { receiverId: 'a'.repeat(24), audioFileId: upload.standInId }, 'tok');
    await box.add('messages.send', { receiverId: 'a'.repeat(24), message: 'later' }, 'tok');
    const seen: Array<{ entry: OutboxEntry; input: unknown }> = [];
    let calls = 0;
    await expect(
      box.flush((entry, input) => {
        calls += 1;
        if (calls === 3) return Promise.reject(new StationUnreachable('gone'));
        seen.push({ entry, input });
        return Promise.resolve({ ok: true, data: { id: 'f'.repeat(24) } });
      }),
    ).rejects.toBeInstanceOf(StationUnreachable);
    expect(seen[1]?.input).toEqual({ receiverId: 'a'.repeat(24), audioFileId: 'f'.repeat(24) });
    expect(box.entries().map((e) => (e.channel === 'messages.send' ? 'left' : e.channel))).toEqual(['left']);
    // Not yet (the station's database is starting): kept, not failed.
    await expect(
      box.flush(() => Promise.resolve({ ok: false, error: { code: 'UNAVAILABLE', message: 'Starting.' } })),
    ).rejects.toBeInstanceOf(StationUnreachable);
    expect(box.entries()).toHaveLength(1);
    // A refusal does not vanish: it moves to the failed list with the station's message.
    await box.flush(() =>
      Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: 'Not your class.' } }),
    );
    expect(box.entries()).toEqual([]);
    expect(box.failed().map((e) => e.message)).toEqual(['Not your class.']);
  });
});
