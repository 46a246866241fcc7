import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASTER_DATABASE } from '../../../electron/core/db/names';
import {
  deleteInstitution,
  registerInstitution,
  repairInstitutions,
  verifyInstitutionIndexes,
} from '../../../electron/core/services/institutions';
import { AppError } from '../../../electron/core/errors/app-error';
import { createUser } from '../../../electron/core/services/users';
import { newInstitution, openServices, origin, uniqueAdmin, type TestServices } from '../../support/services';

let deps: TestServices;
beforeAll(async () => {
  deps = await openServices();
});
afterAll(() => deps.close());

async function databaseExists(name: string): Promise<boolean> {
  return (await deps.db.listDatabases()).some((d) => d.name === name);
}

function expectAppError(code: string) {
  return (err: unknown) => {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(code);
    return true;
  };
}

describe('institution registration', () => {
  it('creates the registry entry, the tenant database with every index, and a master log entry', async () => {
    const username = uniqueAdmin('Viva');
    const { admin } = await newInstitution(deps, username);
    expect(admin.databaseName).toMatch(new RegExp(`^smart_crm_${username.toLowerCase()}_\\d{13}$`));
    expect(admin.databaseName.length).toBeLessThanOrEqual(56);
    expect(await databaseExists(admin.databaseName)).toBe(true);

    const entry = await deps.db.masterModels.AdminRegistry.findById(admin.id).lean();
    expect(entry).toMatchObject({
      username,
      usernameKey: username.toLowerCase(),
      state: 'active',
      isActive: true,
    });
    expect(entry).not.toHaveProperty('password'); // select: false
    const withHash = await deps.db.masterModels.AdminRegistry.findById(admin.id).select('+password').lean();
    expect(withHash?.password).toMatch(/^\$2[aby]\$04\$/);

    const log = await deps.db.masterModels.MasterActivityLog.findOne({
      databaseName: admin.databaseName,
    }).lean();
    expect(log).toMatchObject({
      action: 'CREATE',
      targetType: 'INSTITUTION',
      username,
      ipAddress: '127.0.0.1',
    });

    const tenant = await deps.db.tenant(admin.databaseName);
    const indexes = async (collection: string) =>
      (await tenant.conn.db!.collection(collection).indexes()).map((i) => ({
        key: i.key,
        unique: i.unique === true,
      }));
    expect(await indexes('users')).toEqual(
      expect.arrayContaining([
        { key: { username: 1 }, unique: true },
        { key: { usernameKey: 1 }, unique: true },
        { key: { role: 1 }, unique: false },
      ]),
    );
    expect(await indexes('classes')).toEqual(
      expect.arrayContaining([
        { key: { grade: 1, section: 1 }, unique: true },
        { key: { teacherId: 1 }, unique: false },
      ]),
    );
    expect(await indexes('schedules')).toEqual(
      expect.arrayContaining([
        { key: { teacherId: 1, day: 1 }, unique: false },
        { key: { classId: 1, day: 1 }, unique: false },
        { key: { teacherId: 1, day: 1, period: 1 }, unique: true },
        { key: { classId: 1, day: 1, period: 1 }, unique: true },
      ]),
    );
    expect(await indexes('messages')).toEqual(
      expect.arrayContaining([
        { key: { senderId: 1, receiverId: 1 }, unique: false },
        { key: { timestamp: -1 }, unique: false },
      ]),
    );
    expect(await indexes('subjects')).toEqual(
      expect.arrayContaining([{ key: { grade: 1, code: 1 }, unique: true }]),
    );
    const collections = (await tenant.conn.db!.listCollections().toArray()).map((c) => c.name).sort();
    expect(collections).toEqual(
      expect.arrayContaining([
        'activitylogs',
        'assignments',
        'calendars',
        'classes',
        'messages',
        'schedules',
        'subjects',
        'users',
      ]),
    );
  });

  it('recreates a missing index at the start-up check', async () => {
    const { admin } = await newInstitution(deps);
    const users = (await deps.db.tenant(admin.databaseName)).conn.db!.collection('users');
    await users.dropIndex('role_1');
    expect((await users.indexes()).map((i) => i.name)).not.toContain('role_1');
    expect(await verifyInstitutionIndexes(deps)).toBeGreaterThanOrEqual(1);
    expect((await users.indexes()).map((i) => i.name)).toContain('role_1');
  });

  it('refuses a second admin with the same username, whatever its case', async () => {
    const username = uniqueAdmin('Dup');
    await newInstitution(deps, username);
    await expect(newInstitution(deps, username.toLowerCase())).rejects.toSatisfy(expectAppError('CONFLICT'));
    await expect(newInstitution(deps, username.toUpperCase())).rejects.toSatisfy(expectAppError('CONFLICT'));
  });

  it('refuses admin usernames that are not 3–32 letters, digits or underscores', async () => {
    for (const bad of ['ab', 'a'.repeat(33), 'has space', 'semi;colon', 'ünï']) {
      await expect(
        registerInstitution(
          deps,
          { username: bad, password: 'Secret123', name: 'x', institutionName: 'y' },
          origin,
        ),
      ).rejects.toSatisfy(expectAppError('VALIDATION'));
    }
  });

  it('keeps two institutions with the same teacher usernames apart', async () => {
    const a = await newInstitution(deps);
    const b = await newInstitution(deps);
    const input = { role: 'teacher' as const, username: 'Pratik sir', password: 'Secret123', name: 'Pratik' };
    const inA = await createUser(deps, a.actor, input);
    const inB = await createUser(deps, b.actor, { ...input, name: 'Another Pratik' });
    expect(inA.id).not.toBe(inB.id);
    const tenantA = await deps.db.tenant(a.admin.databaseName);
    const tenantB = await deps.db.tenant(b.admin.databaseName);
    expect(await tenantA.models.User.find().lean()).toEqual([expect.objectContaining({ name: 'Pratik' })]);
    expect(await tenantB.models.User.find().lean()).toEqual([
      expect.objectContaining({ name: 'Another Pratik' }),
    ]);
    expect(await tenantA.models.User.findById(inB.id)).toBeNull();
  });

  for (const step of ['registry', 'database', 'activate']) {
    it(`leaves nothing half-made when registration fails at the "${step}" step`, async () => {
      const username = uniqueAdmin('fail');
      const before = new Set((await deps.db.listDatabases()).map((d) => d.name));
      await expect(
        registerInstitution(
          deps,
          { username, password: 'Secret123', name: 'x', institutionName: 'y' },
          origin,
          (s) => {
            if (s === step) throw new Error(`injected failure at ${s}`);
          },
        ),
      ).rejects.toThrow(/injected failure/);
      expect(await deps.db.masterModels.AdminRegistry.exists({ usernameKey: username })).toBeNull();
      const after = (await deps.db.listDatabases()).map((d) => d.name).filter((n) => !before.has(n));
      expect(after.filter((n) => n.includes(username))).toEqual([]);
      // The username is free again.
      await newInstitution(deps, username);
    });
  }
});

describe('institution deletion', () => {
  it('verifies the password, drops the database and the registry entry, and keeps the master log entry', async () => {
    const { admin } = await newInstitution(deps);
    await expect(deleteInstitution(deps, admin.id, 'wrong-password1', origin)).rejects.toSatisfy(
      expectAppError('VALIDATION'),
    );
    expect(await databaseExists(admin.databaseName)).toBe(true);

    await deleteInstitution(deps, admin.id, 'Secret123', origin);
    expect(await databaseExists(admin.databaseName)).toBe(false);
    expect(await deps.db.masterModels.AdminRegistry.findById(admin.id)).toBeNull();
    expect(deps.db.stats().perTenant.map((t) => t.databaseName)).not.toContain(admin.databaseName);
    const logs = await deps.db.masterModels.MasterActivityLog.find({
      databaseName: admin.databaseName,
    }).lean();
    expect(logs.map((l) => l.action).sort()).toEqual(['CREATE', 'DELETE']);
    expect(await databaseExists(MASTER_DATABASE)).toBe(true);
  });

  for (const step of ['drop', 'registry']) {
    it(`is finished by a retry, or by the start-up repair, after failing at the "${step}" step`, async () => {
      const { admin } = await newInstitution(deps);
      await expect(
        deleteInstitution(deps, admin.id, 'Secret123', origin, (s) => {
          if (s === step) throw new Error('injected');
        }),
      ).rejects.toThrow('injected');
      // Marked as deleting: its sessions are already refused (the API checks state === 'active').
      expect((await deps.db.masterModels.AdminRegistry.findById(admin.id).lean())?.state).toBe('deleting');

      if (step === 'drop') {
        await deleteInstitution(deps, admin.id, 'Secret123', origin);
      } else {
        const repaired = await repairInstitutions(deps);
        expect(repaired.finishedDeletions).toBeGreaterThanOrEqual(1);
      }
      expect(await databaseExists(admin.databaseName)).toBe(false);
      expect(await deps.db.masterModels.AdminRegistry.findById(admin.id)).toBeNull();
    });
  }

  it('start-up repair undoes a registration a crash interrupted and drops orphan tenant databases', async () => {
    const stuck = await newInstitution(deps);
    await deps.db.masterModels.AdminRegistry.updateOne(
      { _id: stuck.admin.id },
      { $set: { state: 'provisioning' } },
    );
    const orphan = `smart_crm_orphan_${Date.now() - 3_600_000}`;
    await deps.db.createTenantDatabase(orphan);
    expect(await databaseExists(orphan)).toBe(true);

    const repaired = await repairInstitutions(deps, { staleAfterMs: 0, now: Date.now() + 1000 });
    expect(repaired.undoneRegistrations).toBeGreaterThanOrEqual(1);
    expect(repaired.orphansDropped).toBeGreaterThanOrEqual(1);
    expect(await databaseExists(orphan)).toBe(false);
    expect(await databaseExists(stuck.admin.databaseName)).toBe(false);
    expect(await deps.db.masterModels.AdminRegistry.findById(stuck.admin.id)).toBeNull();
  });
});
