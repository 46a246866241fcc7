import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneActivityLogs } from '../../../electron/core/services/activity-log';
import { createClass, deleteClass } from '../../../electron/core/services/classes';
import { createUser, deleteUser } from '../../../electron/core/services/users';
import { newInstitution, openServices, type TestServices } from '../../support/services';

let deps: TestServices;
let failNext: 'tenant' | 'master' | undefined;
beforeAll(async () => {
  deps = await openServices({
    activity: {
      beforeWrite: (target) => {
        if (failNext === target) {
          failNext = undefined;
          throw new Error('injected logging failure');
        }
      },
    },
  });
});
afterAll(() => deps.close());

describe('dual activity logging', () => {
  it('records admin creates and deletes in the tenant log and the master log, with who, what and where', async () => {
    const { admin, actor } = await newInstitution(deps);
    const teacher = await createUser(deps, actor, {
      role: 'teacher',
      username: 'Logged',
      password: 'Secret123',
      name: 'L',
    });
    const cls = await createClass(deps, actor, { name: 'Class 9-A', grade: 9, section: 'A' });
    await deleteClass(deps, actor, cls.id);
    await deleteUser(deps, actor, teacher.id);

    const tenant = await deps.db.tenant(admin.databaseName);
    const logs = await tenant.models.ActivityLog.find().sort({ timestamp: 1 }).lean();
    expect(logs.map((l) => `${l.action} ${l.targetType} ${l.targetName}`)).toEqual([
      'CREATE USER Logged',
      'CREATE CLASS Class 9-A',
      'DELETE CLASS Class 9-A',
      'DELETE USER Logged',
    ]);
    expect(logs[0]).toMatchObject({
      username: admin.username,
      role: 'admin',
      ipAddress: '127.0.0.1',
      userAgent: 'vitest',
    });
    expect(String(logs[0]?.userId)).toBe(admin.id);
    expect(String(logs[0]?.targetId)).toBe(teacher.id);

    const master = await deps.db.masterModels.MasterActivityLog.find({ databaseName: admin.databaseName })
      .sort({ timestamp: 1 })
      .lean();
    expect(master.map((l) => `${l.action} ${l.targetType}`)).toEqual([
      'CREATE INSTITUTION',
      'CREATE USER',
      'CREATE CLASS',
      'DELETE CLASS',
      'DELETE USER',
    ]);
    expect(String(master[1]?.adminId)).toBe(admin.id);
  });

  it('never fails the operation when logging fails, and counts the failure', async () => {
    const { admin, actor } = await newInstitution(deps);
    const before = deps.activity.failures();
    failNext = 'tenant';
    const created = await createUser(deps, actor, {
      role: 'student',
      username: 'Unlogged',
      password: 'Secret123',
      name: 'U',
    });
    expect(deps.activity.failures()).toBe(before + 1);
    const tenant = await deps.db.tenant(admin.databaseName);
    expect(await tenant.models.User.findById(created.id)).not.toBeNull();
    expect(await tenant.models.ActivityLog.countDocuments({ targetName: 'Unlogged' })).toBe(0);
  });

  it('retention removes entries older than the limit, in the tenants and the master log', async () => {
    const { admin, actor } = await newInstitution(deps);
    const tenant = await deps.db.tenant(admin.databaseName);
    const old = new Date(Date.now() - 400 * 86_400_000);
    await tenant.models.ActivityLog.create({
      username: 'x',
      role: 'admin',
      action: 'UPDATE',
      targetType: 'USER',
      timestamp: old,
    });
    await deps.db.masterModels.MasterActivityLog.create({
      username: 'x',
      action: 'UPDATE',
      targetType: 'USER',
      timestamp: old,
      databaseName: admin.databaseName,
    });
    await createUser(deps, actor, { role: 'student', username: 'Recent', password: 'Secret123', name: 'R' });

    const removed = await pruneActivityLogs(deps.db, 365);
    expect(removed).toBeGreaterThanOrEqual(2);
    expect(
      await tenant.models.ActivityLog.countDocuments({
        timestamp: { $lt: new Date(Date.now() - 365 * 86_400_000) },
      }),
    ).toBe(0);
    expect(await tenant.models.ActivityLog.countDocuments({ targetName: 'Recent' })).toBe(1);
    expect(await deps.db.masterModels.MasterActivityLog.countDocuments({ timestamp: old })).toBe(0);
  });
});
