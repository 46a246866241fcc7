/**
 * Backup and restore on a real engine: backup → delete → restore round trips with identical counts, checksums
 * and file bytes, and sign-ins with the old passwords; damaged, truncated, tampered and foreign files refused with
 * nothing changed; a failure mid-restore undone; a full disk mid-backup leaving nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBackup } from '../../../electron/core/db/backup/read';
import { backupFileName } from '../../../electron/core/db/backup/store';
import { writeBackup } from '../../../electron/core/db/backup/write';
import { authenticate, login } from '../../../electron/core/services/auth';
import {
  backupNow,
  backupOverview,
  backupStatusOf,
  folderOf,
  importBackupFile,
  registryEntry,
  setBackupSchedule,
} from '../../../electron/core/services/backup/backup';
import { runDueBackups, startBackupScheduler } from '../../../electron/core/services/backup/scheduler';
import {
  archiveInstitution,
  archivedInstitutions,
  reactivateInstitution,
} from '../../../electron/core/services/institution-archive';
import { restoreBackup } from '../../../electron/core/services/backup/restore';
import type { Actor } from '../../../electron/core/services/context';
import { deleteInstitution } from '../../../electron/core/services/institutions';
import { systemHealth } from '../../../electron/core/services/system-health';
import { authDeps, fileBytes, fingerprint, school } from '../../support/backup-school';
import { makeTempDir } from '../../support/temp-dir';
import {
  errorCode,
  newInstitution,
  openServices,
  origin,
  uniqueAdmin,
  type TestServices,
} from '../../support/services';

let deps: TestServices;
let temp: { dir: string; remove: () => void };

beforeAll(async () => {
  deps = await openServices();
  temp = makeTempDir('crm-backup-test');
  deps.backups = { root: temp.dir, appVersion: 'test' };
});
afterAll(async () => {
  await deps.close();
  temp.remove();
});

const databaseOf = async (adminId: string) =>
  (await deps.db.masterModels.AdminRegistry.findById(adminId).lean())!.databaseName;

async function tenantDatabases(): Promise<string[]> {
  return (await deps.db.listDatabases())
    .map((d) => d.name)
    .filter((n) => n.startsWith('smart_crm_') && n !== 'smart_crm_master');
}

describe('backup → delete → restore', () => {
  it('brings back every document, type and file byte for byte, and everyone signs in with their old password', async () => {
    const { actor, username, fileIds } = await school(deps);
    const before = await fingerprint(deps, actor.databaseName);
    const bytesBefore = await fileBytes(deps, actor.databaseName, fileIds);

    const info = await backupNow(deps, actor);
    expect(info).toMatchObject({ scheduled: false, files: 3 });
    expect(info.size).toBeGreaterThan(700_000);
    const overview = await backupOverview(deps, actor);
    expect(overview.backups.map((b) => b.name)).toEqual([info.name]);
    expect(overview.last).toMatchObject({ ok: true, name: info.name });
    const file = path.join(folderOf(deps, actor.userId), info.name);
    const { manifest } = await verifyBackup(file);
    expect(manifest.institution.username).toBe(username);
    expect(manifest.collections.users?.documents).toBe(31);
    expect(manifest.collections.noticereads?.documents).toBe(1);
    expect(manifest.files).toMatchObject({ count: 3 });

    await deleteInstitution(deps, actor.userId, 'Secret123', origin);
    expect(await deps.db.masterModels.AdminRegistry.exists({ _id: actor.userId })).toBeNull();

    // Another institution's admin brings the file in and restores it under the old admin username.
    const { actor: helper } = await newInstitution(deps);
    const imported = await importBackupFile(deps, helper, file);
    const restored = await restoreBackup(deps, helper, { backup: imported.name, mode: 'new', username });
    expect(restored).toMatchObject({ username, files: 3 });

    const after = await fingerprint(deps, restored.databaseName);
    expect(after).toEqual(before);
    expect(await fileBytes(deps, restored.databaseName, fileIds)).toEqual(bytesBefore);

    const signIn = authDeps(deps);
    const admin = await login(signIn, { username, password: 'Secret123' }, origin);
    expect(admin.user.role).toBe('admin');
    const teacher = await login(
      signIn,
      { institution: username, username: 'Pratik sir', password: 'Teach1234' },
      origin,
    );
    expect(teacher.user.name).toBe('Pratik Shah');

    // A backup of the restored school has the same entries (collections and files) as the first.
    const again: Actor = { ...actor, userId: admin.user.id, databaseName: restored.databaseName };
    const second = await backupNow(deps, again);
    const { manifest: m2 } = await verifyBackup(path.join(folderOf(deps, again.userId), second.name));
    const entries = (m: typeof manifest) =>
      m.entries
        .filter((e) => !e.name.startsWith('institution/') && e.collection !== 'activitylogs')
        .map((e) => [e.name, e.sha256]);
    expect(entries(m2)).toEqual(entries(manifest));
  });

  it('restores over the same institution after its name and password, and sessions of the old database end', async () => {
    const { actor } = await school(deps);
    const before = await fingerprint(deps, actor.databaseName);
    const info = await backupNow(deps, actor);
    const tenant = await deps.db.tenant(actor.databaseName);
    await tenant.models.User.deleteMany({ role: 'student' });
    await tenant.conn.db!.collection('notices').insertOne({ title: 'after the backup' });

    await expect(
      restoreBackup(deps, actor, {
        backup: info.name,
        mode: 'replace',
        institutionName: 'Wrong',
        password: 'Secret123',
      }),
    ).rejects.toSatisfy(errorCode('VALIDATION'));
    await expect(
      restoreBackup(deps, actor, {
        backup: info.name,
        mode: 'replace',
        institutionName: `school ${actor.username}`,
        password: 'nope',
      }),
    ).rejects.toSatisfy(errorCode('VALIDATION'));

    const restored = await restoreBackup(deps, actor, {
      backup: info.name,
      mode: 'replace',
      institutionName: `School ${actor.username}`,
      password: 'Secret123',
    });
    expect(restored.databaseName).not.toBe(actor.databaseName);
    expect(await databaseOf(actor.userId)).toBe(restored.databaseName);
    expect(await tenantDatabases()).not.toContain(actor.databaseName);
    const after = await fingerprint(deps, restored.databaseName);
    expect(after).toEqual(before);
  });
});

/** A fresh school with a backup in its folder, and a way to write altered copies of the backup beside it. */
async function schoolWithBackup() {
  const made = await school(deps);
  const info = await backupNow(deps, made.actor);
  const folder = folderOf(deps, made.actor.userId);
  const original = readFileSync(path.join(folder, info.name));
  let n = 0;
  const put = async (bytes: Buffer) => {
    const scratch = path.join(temp.dir, `altered-${(n += 1)}-${randomBytes(3).toString('hex')}`);
    writeFileSync(scratch, bytes);
    return (await importBackupFile(deps, made.actor, scratch, new Date(Date.now() + n * 1000))).name;
  };
  return { ...made, info, original, put };
}

const replaceInput = (actor: Actor, backup: string) => ({
  backup,
  mode: 'replace' as const,
  institutionName: `School ${actor.username}`,
  password: 'Secret123',
});

/** The tar inside the gzip, changed by `edit`, gzipped again. */
function retarred(original: Buffer, edit: (tar: Buffer) => void): Buffer {
  const tar = gunzipSync(original);
  edit(tar);
  return gzipSync(tar);
}

describe('files that are refused, with nothing changed', () => {
  it('refuses damaged, truncated, tampered and foreign files before touching anything', async () => {
    const { actor, original, put } = await schoolWithBackup();
    const before = await fingerprint(deps, actor.databaseName);
    const databasesBefore = await tenantDatabases();
    const tar = gunzipSync(original);
    const usersAt = tar.indexOf('"username"');
    const manifestAt = tar.lastIndexOf('"documents": 31');

    const cases: Array<[string, Buffer, RegExp]> = [
      ['truncated', original.subarray(0, Math.floor(original.length / 2)), /incomplete|ends early/],
      [
        'corrupt',
        Buffer.concat([
          original.subarray(0, 2000),
          Buffer.from([original[2000]! ^ 0xff]),
          original.subarray(2001),
        ]),
        /damaged|incomplete|not a Smart School CRM backup/,
      ],
      [
        'tampered entry',
        retarred(original, (t) => (t[usersAt + 13] = t[usersAt + 13]! ^ 1)),
        /changed since it was made/,
      ],
      [
        'tampered count',
        retarred(original, (t) => t.write('"documents": 32', manifestAt)),
        /changed since it was made/,
      ],
      ['foreign bytes', randomBytes(4096), /not a Smart School CRM backup/],
      ['foreign gzip', gzipSync(Buffer.from('name,class\nAsha,9A\n')), /not a Smart School CRM backup/],
      ['empty', Buffer.alloc(0), /not a Smart School CRM backup|incomplete|ends early/],
      [
        'without its manifest',
        gzipSync(tar.subarray(0, tar.lastIndexOf('manifest.json'))),
        /incomplete|ends early|damaged/,
      ],
    ];
    for (const [what, bytes, message] of cases) {
      const name = await put(bytes);
      const refused = restoreBackup(deps, actor, replaceInput(actor, name));
      await expect(refused, what).rejects.toSatisfy(errorCode('VALIDATION'));
      await expect(restoreBackup(deps, actor, replaceInput(actor, name)), what).rejects.toThrow(message);
    }
    expect(await databaseOf(actor.userId)).toBe(actor.databaseName);
    expect(await tenantDatabases()).toEqual(databasesBefore);
    expect(await fingerprint(deps, actor.databaseName)).toEqual(before);
  });

  it("refuses another institution's backup over this one", async () => {
    const a = await schoolWithBackup();
    const { actor: b } = await newInstitution(deps);
    const brought = await importBackupFile(deps, b, path.join(folderOf(deps, a.actor.userId), a.info.name));
    await expect(restoreBackup(deps, b, replaceInput(b, brought.name))).rejects.toThrow(
      /restore it as a new institution/,
    );
  });
});

describe('a failure mid-restore', () => {
  it.each(['fill', 'counts', 'switch'])(
    'at %s leaves the institution as it was and no new database',
    async (step) => {
      const { actor, info } = await schoolWithBackup();
      const tenant = await deps.db.tenant(actor.databaseName);
      await tenant.conn.db!.collection('notices').insertOne({ title: 'kept' });
      const before = await fingerprint(deps, actor.databaseName);
      const databasesBefore = await tenantDatabases();
      await expect(
        restoreBackup(deps, actor, replaceInput(actor, info.name), (s) => {
          if (s === step) throw new Error(`power cut at ${s}`);
        }),
      ).rejects.toThrow(/power cut/);
      expect(await databaseOf(actor.userId)).toBe(actor.databaseName);
      expect(await tenantDatabases()).toEqual(databasesBefore);
      expect(await fingerprint(deps, actor.databaseName)).toEqual(before);
    },
  );

  it('as a new institution leaves no registry entry and no database', async () => {
    const { actor, info } = await schoolWithBackup();
    const username = uniqueAdmin('Nw');
    const databasesBefore = await tenantDatabases();
    await expect(
      restoreBackup(deps, actor, { backup: info.name, mode: 'new', username }, (s) => {
        if (s === 'counts') throw new Error('power cut');
      }),
    ).rejects.toThrow(/power cut/);
    expect(
      await deps.db.masterModels.AdminRegistry.exists({ usernameKey: username.toLowerCase() }),
    ).toBeNull();
    expect(await tenantDatabases()).toEqual(databasesBefore);
  });
});

describe('writing a backup', () => {
  it('a full disk mid-backup leaves no file behind and says so', async () => {
    const { actor } = await school(deps);
    const folder = path.join(temp.dir, 'full-disk');
    mkdirSync(folder);
    const admin = await registryEntry(deps, actor.userId);
    const tenant = await deps.db.tenant(actor.databaseName);
    let written = 0;
    // The temporary file is really created; the "disk" fills up after 100 kB.
    const full = (temporary: string) => {
      const real = createWriteStream(temporary);
      return new Writable({
        write(chunk: Buffer, _enc, done) {
          written += chunk.length;
          if (written > 100_000)
            done(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
          else real.write(chunk, () => done());
        },
        final(done) {
          real.end(() => done());
        },
        destroy(err, done) {
          real.destroy();
          done(err);
        },
      });
    };
    await expect(
      writeBackup(
        { db: tenant.conn.db!, admin: admin as never, appVersion: 'test', engine: 'embedded' },
        path.join(folder, 'x.crmbackup'),
        { output: full },
      ),
    ).rejects.toThrow(/disk is full.*Nothing was left behind/);
    expect(written).toBeGreaterThan(100_000);
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe('scheduled backups', () => {
  it('run once a day at the set time, keep the last N, and never remove the admin’s own backups', async () => {
    const { actor } = await school(deps);
    const manual = await backupNow(deps, actor);
    await setBackupSchedule(deps, actor, { enabled: true, time: '02:00', keep: 2 });
    const at = (day: number, hh: number, mm: number) => new Date(2031, 0, day, hh, mm);
    const mine = async (now: Date) =>
      (await runDueBackups(deps, now)).filter((r) => r.adminId === actor.userId);

    expect(await mine(at(1, 1, 59))).toEqual([]);
    const first = await mine(at(1, 2, 0));
    expect(first).toMatchObject([{ ok: true }]);
    expect(await mine(at(1, 23, 0))).toEqual([]); // once a day
    await mine(at(2, 2, 30));
    const third = await mine(at(3, 9, 0)); // a station that was off at 02:00 catches up
    expect(third).toMatchObject([{ ok: true, removed: [first[0]!.name] }]);

    const { backups, last } = await backupOverview(deps, actor);
    expect(backups.filter((b) => b.scheduled).map((b) => b.name)).toEqual([
      third[0]!.name,
      expect.stringMatching(/2031-01-02-023000/),
    ]);
    expect(backups.some((b) => b.name === manual.name)).toBe(true);
    expect(last).toMatchObject({ ok: true, scheduled: true, name: third[0]!.name });
  });

  it('a failed scheduled backup is reported for the dashboard and the health page', async () => {
    const { actor } = await school(deps);
    await setBackupSchedule(deps, actor, { enabled: true, time: '00:00', keep: 3 });
    // Something in the way of the file's name: the write fails at the very end (the rename).
    const now = new Date(2031, 5, 1, 8, 0);
    const folder = folderOf(deps, actor.userId);
    mkdirSync(path.join(folder, backupFileName(actor.username.toLowerCase(), now, true)), {
      recursive: true,
    });
    const runs = (await runDueBackups(deps, now)).filter((r) => r.adminId === actor.userId);
    expect(runs).toMatchObject([
      { ok: false, message: expect.stringMatching(/could not be written/) as string },
    ]);
    const overview = await backupOverview(deps, actor);
    expect(overview.failedScheduled).toMatchObject({ ok: false, scheduled: true });
    expect(await backupStatusOf(deps, actor.userId)).toMatchObject({ failedScheduled: { ok: false } });
    const health = await systemHealth(deps, actor, {}, { diskOf: temp.dir });
    expect(health.summary).toMatchObject({
      backup: { failedScheduled: { ok: false, scheduled: true }, scheduleEnabled: true },
      disk: { free: expect.any(Number) as number, total: expect.any(Number) as number },
    });
    expect(readdirSync(folder).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });

  it('the scheduler stops cleanly with its clock injected', async () => {
    const timers: Array<() => void> = [];
    const scheduler = startBackupScheduler(deps, {
      clock: {
        now: () => new Date(2031, 0, 1, 0, 0),
        setTimeout: (run) => timers.push(run),
        clearTimeout: () => undefined,
      },
    });
    expect(timers).toHaveLength(1);
    timers[0]!();
    await scheduler.stop();
  });
});

describe('archiving', () => {
  it('refuses sign-ins and sessions of an archived institution, evicts its handle, and reactivates it', async () => {
    const { actor, username } = await school(deps);
    const signIn = authDeps(deps);
    const before = await login(
      signIn,
      { institution: username, username: 'Pratik sir', password: 'Teach1234' },
      origin,
    );
    await deps.db.tenant(actor.databaseName);
    const evictions = deps.db.stats().tenantHandles.evictions;

    await expect(archiveInstitution(deps, actor, 'wrong')).rejects.toSatisfy(errorCode('VALIDATION'));
    await archiveInstitution(deps, actor, 'Secret123');
    expect(deps.db.stats().tenantHandles.evictions).toBe(evictions + 1);
    await expect(authenticate(signIn, before.token, origin)).rejects.toSatisfy(errorCode('UNAUTHENTICATED'));
    await expect(login(signIn, { username, password: 'Secret123' }, origin)).rejects.toSatisfy(
      errorCode('UNAUTHENTICATED'),
    );
    await expect(
      login(signIn, { institution: username, username: 'Pratik sir', password: 'Teach1234' }, origin),
    ).rejects.toSatisfy(errorCode('UNAUTHENTICATED'));
    expect(await archivedInstitutions(deps)).toBeGreaterThan(0);

    await expect(reactivateInstitution(signIn, { username, password: 'nope' }, origin)).rejects.toSatisfy(
      errorCode('UNAUTHENTICATED'),
    );
    expect(await reactivateInstitution(signIn, { username, password: 'Secret123' }, origin)).toMatchObject({
      reactivated: true,
    });
    const again = await login(
      signIn,
      { institution: username, username: 'Pratik sir', password: 'Teach1234' },
      origin,
    );
    expect(again.user.name).toBe('Pratik Shah');
  });
});
