import { beforeAll, describe, expect, it } from 'vitest';
import { activityList } from '../../../shared/contract';
import { type AppError } from '../../../electron/core/errors/app-error';
import { listActivity } from '../../../electron/core/services/activity';
import type { Actor } from '../../../electron/core/services/context';
import { errorCode as code } from '../../support/services';
import { admin, deps, other, useInstitutions } from '../../support/fixture';

useInstitutions();

const list = (actor: Actor, input: Record<string, unknown> = {}) =>
  listActivity(deps, actor, activityList.input.parse(input));

const at = (iso: string) => new Date(iso);
const teacherId = '64b000000000000000000001';
const studentId = '64b000000000000000000002';
const classId = '64b0000000000000000000c1';
/** The entry stored in beforeAll that the list must give back field for field. */
const classCreated = () => ({
  userId: admin.userId,
  username: admin.username,
  role: 'admin',
  action: 'CREATE',
  targetType: 'CLASS',
  targetId: classId,
  targetName: 'Class 9-A',
  details: { grade: 9 },
  ipAddress: 'local',
  userAgent: 'electron',
  timestamp: at('2025-09-02T10:00:00Z'),
});

beforeAll(async () => {
  const tenant = await deps.db.tenant(admin.databaseName);
  // The registration's own entry is removed so the log holds exactly the rows below.
  await tenant.models.ActivityLog.deleteMany({});
  await tenant.models.ActivityLog.insertMany([
    {
      userId: teacherId,
      username: 'Pratik sir',
      role: 'teacher',
      action: 'LOGIN',
      targetType: 'USER',
      targetId: teacherId,
      ipAddress: '10.0.0.5',
      userAgent: 'Chrome',
      timestamp: at('2025-09-01T08:00:00Z'),
    },
    {
      username: 'ghost',
      role: 'unknown',
      action: 'LOGIN_FAILED',
      targetType: 'USER',
      ipAddress: '10.0.0.9',
      userAgent: 'curl',
      timestamp: at('2025-09-01T09:00:00Z'),
    },
    classCreated(),
    {
      userId: studentId,
      username: 'Asha',
      role: 'student',
      action: 'LOGIN',
      targetType: 'USER',
      targetId: studentId,
      ipAddress: '10.0.0.6',
      userAgent: 'Firefox',
      timestamp: at('2025-09-03T07:30:00Z'),
    },
    {
      userId: teacherId,
      username: 'Pratik sir',
      role: 'teacher',
      action: 'UPDATE',
      targetType: 'ASSIGNMENT',
      targetName: 'Essay',
      ipAddress: '10.0.0.5',
      userAgent: 'Chrome',
      timestamp: at('2025-09-04T12:00:00Z'),
    },
    {
      userId: admin.userId,
      username: admin.username,
      role: 'admin',
      action: 'DELETE',
      targetType: 'CLASS',
      targetId: classId,
      targetName: 'Class 9-A',
      ipAddress: 'local',
      userAgent: 'electron',
      timestamp: at('2025-09-05T16:00:00Z'),
    },
  ]);
});
describe('activity.list', () => {
  it('lists newest first with every field mapped, and no _id', async () => {
    const page = await list(admin);
    expect(page).toMatchObject({ total: 6, page: 1, pageSize: 25 });
    expect(page.items.map((i) => `${i.action} ${i.targetType}`)).toEqual([
      'DELETE CLASS',
      'UPDATE ASSIGNMENT',
      'LOGIN USER',
      'CREATE CLASS',
      'LOGIN_FAILED USER',
      'LOGIN USER',
    ]);
    const { id, ...created } = page.items[3]!;
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(created).toEqual(classCreated());
    // A failed login of an unknown username has no user id and no role.
    const failed = page.items[4];
    expect(failed).not.toHaveProperty('userId');
    expect(failed).not.toHaveProperty('role');
    expect(failed).toMatchObject({ username: 'ghost', ipAddress: '10.0.0.9' });
    expect(page.items.every((i) => !('_id' in i))).toBe(true);
    expect(activityList.output.safeParse(page).success).toBe(true);
  });

  it('filters by user, action (any case), target type and a date range, together', async () => {
    const titles = async (input: Record<string, unknown>) =>
      (await list(admin, input)).items.map(
        (i) => `${i.username} ${i.action} ${i.timestamp.toISOString().slice(0, 10)}`,
      );
    expect(await titles({ userId: teacherId })).toEqual([
      'Pratik sir UPDATE 2025-09-04',
      'Pratik sir LOGIN 2025-09-01',
    ]);
    expect(await titles({ action: 'login' })).toEqual([
      'Asha LOGIN 2025-09-03',
      'Pratik sir LOGIN 2025-09-01',
    ]);
    expect(await titles({ targetType: 'CLASS' })).toEqual([
      `${admin.username} DELETE 2025-09-05`,
      `${admin.username} CREATE 2025-09-02`,
    ]);
    expect(await titles({ from: '2025-09-02', to: '2025-09-04T12:00:00Z' })).toEqual([
      'Pratik sir UPDATE 2025-09-04',
      'Asha LOGIN 2025-09-03',
      `${admin.username} CREATE 2025-09-02`,
    ]);
    expect(await titles({ action: 'LOGIN', from: '2025-09-02' })).toEqual(['Asha LOGIN 2025-09-03']);
    const filtered = await list(admin, { action: 'LOGIN', from: '2025-09-02' });
    expect(filtered.total).toBe(1);
  });

  it('searches usernames literally and case-insensitively', async () => {
    expect((await list(admin, { search: 'PRATIK' })).total).toBe(2);
    expect((await list(admin, { search: 'k s' })).total).toBe(2);
    // Regex characters are literal: ".*" matches no username.
    expect((await list(admin, { search: '.*' })).total).toBe(0);
    expect((await list(admin, { search: 'gho' })).items.map((i) => i.action)).toEqual(['LOGIN_FAILED']);
  });

  it('pages newest first with total', async () => {
    const p1 = await list(admin, { page: 1, pageSize: 4 });
    const p2 = await list(admin, { page: 2, pageSize: 4 });
    expect(p1.items).toHaveLength(4);
    expect(p2.items.map((i) => i.timestamp.toISOString())).toEqual([
      '2025-09-01T09:00:00.000Z',
      '2025-09-01T08:00:00.000Z',
    ]);
    expect(p2).toMatchObject({ total: 6, page: 2, pageSize: 4 });
  });

  it('reads on from an entry: older ones in the same order as the pages, equal times told apart by id', async () => {
    const tenant = await deps.db.tenant(admin.databaseName);
    const sameTime = at('2025-08-31T23:00:00Z');
    const added = await tenant.models.ActivityLog.insertMany(
      ['first', 'second', 'third'].map((name) => ({
        username: name,
        role: 'unknown',
        action: 'LOGIN_FAILED',
        targetType: 'USER',
        ipAddress: '10.0.0.9',
        userAgent: 'curl',
        timestamp: sameTime,
      })),
    );
    try {
      const all = (await list(admin, { pageSize: 20 })).items;
      expect(all).toHaveLength(9);
      // From the 4th entry on, a page at a time: the same entries as the offset pages, none twice.
      const from = all[3]!;
      const before = { timestamp: from.timestamp.toISOString(), id: from.id };
      const older = await list(admin, { before, pageSize: 3 });
      const next = await list(admin, { before, page: 2, pageSize: 3 });
      expect([...older.items, ...next.items].map((i) => i.id)).toEqual(all.slice(4).map((i) => i.id));
      expect(older.total).toBe(5);
      // From inside the three of the same time: only those with a smaller id, then the older times.
      const middle = all.find((i) => i.id === added[1]!._id.toString())!;
      const afterMiddle = await list(admin, {
        before: { timestamp: middle.timestamp.toISOString(), id: middle.id },
        pageSize: 20,
      });
      expect(afterMiddle.items.map((i) => i.id)).toEqual(all.slice(all.indexOf(middle) + 1).map((i) => i.id));
      // With the other filters: the older entries that also match them.
      const failed = await list(admin, { before, action: 'login_failed', pageSize: 20 });
      expect(failed.items.map((i) => i.username)).toEqual(
        all
          .slice(4)
          .filter((i) => i.action === 'LOGIN_FAILED')
          .map((i) => i.username),
      );
    } finally {
      await tenant.models.ActivityLog.deleteMany({ _id: { $in: added.map((d) => d._id) } });
    }
  });

  it('an end before the start is a VALIDATION error on `to`', async () => {
    await expect(list(admin, { from: '2025-09-05', to: '2025-09-01' })).rejects.toSatisfy(
      (err: unknown) => code('VALIDATION')(err) && (err as AppError).fields?.to !== undefined,
    );
  });

  it("reads only the caller's institution", async () => {
    await deps.activity.record(other, { action: 'CREATE', targetType: 'NOTICE', targetName: 'Theirs' });
    const theirs = await list(other);
    expect(theirs.items.map((i) => `${i.action} ${i.targetType} ${i.targetName}`)).toEqual([
      'CREATE NOTICE Theirs',
    ]);
    expect((await list(other, { userId: teacherId })).total).toBe(0);
    expect((await list(admin, { search: 'Theirs' })).total).toBe(0);
    expect((await list(admin)).total).toBe(6);
  });
});
