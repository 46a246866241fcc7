import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mongo, Types } from 'mongoose';
import { ERROR_CODES, systemHealth as systemHealthChannel } from '../../../shared/contract';
import type { EngineStatus } from '../../../shared/engine-status';
import { isTenantDatabaseName } from '../../../electron/core/db/names';
import type { Actor } from '../../../electron/core/services/context';
import { systemHealth } from '../../../electron/core/services/system-health';
import { createUser } from '../../../electron/core/services/users';
import { AppError } from '../../../electron/core/errors/app-error';
import { createSecretStore } from '../../../electron/core/security/secret-store';
import { makeTempDir } from '../../support/temp-dir';
import { newInstitution, openServices, origin, type TestServices } from '../../support/services';

const temp = makeTempDir('crm-health-secrets');

let deps: TestServices;
let admin: Actor;
let other: Actor;
let failNextLog = false;

const health = (actor: Actor, sources?: Parameters<typeof systemHealth>[3]) =>
  systemHealth(deps, actor, {}, sources).then((h) => systemHealthChannel.output.parse(h));

beforeAll(async () => {
  deps = await openServices({
    maxPoolSize: 7,
    maxTenantHandles: 30,
    // Every operation counts as slow, so the list is never empty.
    slowOperationMs: 0,
    // As the station runs: no command events, the operations timed by the models' plugin.
    monitorCommands: false,
    activity: {
      beforeWrite: () => {
        if (failNextLog) {
          failNextLog = false;
          throw new Error('injected logging failure');
        }
      },
    },
  });
  ({ actor: admin } = await newInstitution(deps));
  ({ actor: other } = await newInstitution(deps));
});
afterAll(async () => {
  await deps.close();
  temp.remove();
});

describe('system.health', () => {
  it('answers the contract: pool, tenant handles, uptime, and the engine as this process knows it', async () => {
    const h = await health(admin);
    expect(h.connections.maxPoolSize).toBe(7);
    expect(h.connections.current).toBeGreaterThan(0);
    expect(h.tenantHandles.max).toBe(30);
    expect(h.tenantHandles.open).toBeGreaterThanOrEqual(2);
    expect(h.tenantHandles.misses).toBeGreaterThanOrEqual(2);
    expect(h.uptimeSeconds).toBeGreaterThanOrEqual(0);
    // No supervisor in tests: the engine that answered is reported ready.
    expect(h.engine).toMatchObject({ state: 'ready', restarts: 0 });
  });

  it("reports the supervisor's status when the app provides it", async () => {
    const status: EngineStatus = {
      state: 'restarting',
      mode: 'embedded',
      detail: 'The engine stopped unexpectedly; restarting.',
      since: new Date().toISOString(),
      restarts: 2,
    };
    const h = await systemHealth({ ...deps, engineStatus: () => status }, admin, {}, { version: '9.9.9' });
    expect(h.engine).toEqual(status);
    expect(h.version).toBe('9.9.9');
    expect(h.secrets.store).toBe('unknown');
  });

  it('says where the signing key is kept, as the runtime reports it (keychain or protected file)', async () => {
    const store = await createSecretStore({
      service: 'smart-crm-health-test',
      fallbackDir: temp.dir,
      keychain: false,
      warn: () => undefined,
    });
    const h = await systemHealth(
      deps,
      admin,
      {},
      { secrets: { store: store.kind, protection: store.protection } },
    );
    expect(h.secrets).toEqual({
      store: 'file',
      protection: 'an owner-only encrypted file with its key beside it: file permissions only',
    });
  });

  it("storage: the caller's database and master by name, every other institution only as a sum", async () => {
    const before = await health(admin);
    await createUser(deps, admin, { role: 'student', username: 'stored', password: 'Secret123', name: 'S' });
    // Storage figures are kept for minutes; measured again on request.
    const cached = await health(admin);
    expect(cached.storage.measuredAt).toEqual(before.storage.measuredAt);
    const h = await systemHealth(deps, admin, { refreshStorage: true }).then((r) =>
      systemHealthChannel.output.parse(r),
    );
    expect(h.storage.measuredAt.getTime()).toBeGreaterThan(before.storage.measuredAt.getTime());
    expect(h.storage.databases.map((d) => d.name)).toEqual([admin.databaseName, 'smart_crm_master']);
    const own = h.storage.databases[0]!;
    expect(own.collections).toBeGreaterThanOrEqual(9);
    expect(own.objects).toBeGreaterThan(before.storage.databases[0]!.objects);

    // Other test files write to their own institutions on the same engine meanwhile: the sum is compared in
    // a measurement that no such write overlapped (the other databases the same before and after it).
    const othersNow = async () => {
      const found = (await deps.db.listDatabases()).filter(
        (d) => isTenantDatabaseName(d.name) && d.name !== admin.databaseName,
      );
      return {
        databases: found.length,
        storageSize: found.reduce((n, d) => n + Math.round(d.sizeOnDisk ?? 0), 0),
      };
    };
    let compared = 0;
    for (let attempt = 0; attempt < 10 && compared === 0; attempt += 1) {
      const before = await othersNow();
      const measured = await systemHealth(deps, admin, { refreshStorage: true });
      if (JSON.stringify(await othersNow()) !== JSON.stringify(before)) continue;
      expect(measured.storage.otherTenants).toEqual(before);
      compared += 1;
    }
    expect(compared, 'a measurement without writes elsewhere').toBe(1);
    expect(h.storage.otherTenants.databases).toBeGreaterThanOrEqual(1);
    const tenants = (await deps.db.listDatabases()).filter((d) => isTenantDatabaseName(d.name));
    // No other institution's database name appears anywhere in the answer.
    const text = JSON.stringify(h);
    for (const t of tenants) if (t.name !== admin.databaseName) expect(text).not.toContain(t.name);
    expect(text).not.toContain(other.databaseName);
  });

  it("slow operations: only the caller's database, slowest first, bounded", async () => {
    const theirs = await deps.db.tenant(other.databaseName);
    await theirs.models.User.countDocuments();
    const mine = await deps.db.tenant(admin.databaseName);
    await mine.models.User.countDocuments();
    const h = await health(admin);
    expect(h.slowOperations.length).toBeGreaterThan(0);
    expect(h.slowOperations.length).toBeLessThanOrEqual(20);
    expect(h.slowOperations.every((op) => op.database === admin.databaseName)).toBe(true);
    const durations = h.slowOperations.map((op) => op.durationMs);
    expect(durations).toEqual([...durations].sort((a, b) => b - a));
    expect(h.slowOperations[0]?.at).toBeInstanceOf(Date);
    expect(deps.db.stats().slowOperations.some((op) => op.database === other.databaseName)).toBe(true);
    expect(h.slowOperations).toContainEqual(
      expect.objectContaining({
        command: 'countDocuments',
        collection: 'users',
        database: admin.databaseName,
      }),
    );
  });

  it('slow operations: a failed one is timed too, and its error reaches the caller unchanged', async () => {
    const person = (username: string) =>
      createUser(deps, admin, { role: 'teacher', username, password: 'Secret123', name: username });
    await person('timed-a');
    const b = await person('timed-b');
    const mine = await deps.db.tenant(admin.databaseName);
    const updatesOfUsers = () =>
      deps.db
        .stats()
        .slowOperations.filter(
          (op) =>
            op.command === 'updateOne' && op.collection === 'users' && op.database === admin.databaseName,
        ).length;
    const before = updatesOfUsers();
    // b takes a's username key: the engine refuses it on the unique index.
    const err: unknown = await mine.models.User.updateOne(
      { _id: new Types.ObjectId(b.id) },
      { $set: { usernameKey: 'timed-a' } },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(mongo.MongoServerError);
    expect(String(err)).toContain('duplicate key');
    expect(updatesOfUsers()).toBe(before + 1);
  });

  it('errors: logging failures counted, API errors per code from the router when it provides them', async () => {
    const before = (await health(admin)).errors.loggingFailures;
    failNextLog = true;
    await createUser(deps, admin, {
      role: 'teacher',
      username: 'unlogged',
      password: 'Secret123',
      name: 'U',
    });
    const h = await health(admin);
    expect(h.errors.loggingFailures).toBe(before + 1);
    expect(Object.values(h.errors.byCode).every((n) => n === 0)).toBe(true);
    expect(Object.keys(h.errors.byCode)).toHaveLength(ERROR_CODES.length);

    const since = new Date('2025-01-01T00:00:00Z');
    const counted = await health(admin, {
      apiErrors: () => ({ since, byCode: { NOT_FOUND: 3, VALIDATION: 5 } }),
    });
    expect(counted.errors.since).toEqual(since);
    expect(counted.errors.byCode).toMatchObject({ NOT_FOUND: 3, VALIDATION: 5, INTERNAL: 0 });
  });

  it('is the admin’s alone', async () => {
    const teacher: Actor = { ...admin, role: 'teacher', username: 't', ...origin };
    await expect(health(teacher)).rejects.toSatisfy(
      (err: unknown) => err instanceof AppError && err.code === 'FORBIDDEN',
    );
  });
});
