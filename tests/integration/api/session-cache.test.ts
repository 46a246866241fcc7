/**
 * The session check keeps what it read (services/session-cache.ts) until a write that could end or change the
 * session: each way a session ends still refuses it from the next call, with the session kept beforehand.
 */
import { describe, expect, it } from 'vitest';
import { api, buildSchool, school, useSchool } from '../../support/api';
import { commandsDuring as sentDuring } from '../../support/commands';

useSchool();

const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'OK' : result.error?.code);

/** The commands the engine is sent while `work` runs, as `find users`. */
function commandsDuring(work: () => Promise<unknown>): Promise<string[]> {
  return sentDuring(api.deps.db.master.getClient(), work);
}

/** Signs in afresh and has the session checked once, so it is kept. */
async function keptSession(username: string, password = school.password): Promise<string> {
  const { token } = await api.ok<{ token: string }>('auth.login', {
    institution: school.admin.username,
    username,
    password,
  });
  await api.ok('auth.me', {}, token);
  return token;
}

describe('kept sessions', () => {
  it('a kept session is checked without a round trip: auth.me then sends the engine nothing', async () => {
    await api.ok('auth.me', {}, school.teacher.token);
    const commands = await commandsDuring(() => api.ok('auth.me', {}, school.teacher.token));
    expect(commands).toEqual([]);
    // A list call's commands are its own: no registry, revocation or person read for the session.
    const listing = await commandsDuring(() =>
      api.ok('classes.list', { page: 1, pageSize: 10 }, school.admin.token),
    );
    expect(listing.length).toBeGreaterThan(0);
    expect(listing.filter((c) => /adminregistries|revokedtokens/.test(c))).toEqual([]);
  });

  it('signing out ends the kept session from its next call', async () => {
    const token = await keptSession('Asha');
    await api.ok('auth.logout', {}, token);
    expect(code(await api.call('auth.me', {}, token))).toBe('UNAUTHENTICATED');
    expect(code(await api.call('classes.list', { page: 1, pageSize: 10 }, token))).toBe('UNAUTHENTICATED');
  });

  it("an admin's password reset, a deactivation and a deletion end a person's kept sessions at once", async () => {
    const person = await api.ok<{ id: string }>(
      'users.create',
      { role: 'student', username: 'Kept Kiran', password: school.password, name: 'Kiran' },
      school.admin.token,
    );
    let token = await keptSession('Kept Kiran');
    await api.ok('users.update', { id: person.id, password: 'Reset-by-office-1' }, school.admin.token);
    expect(code(await api.call('auth.me', {}, token))).toBe('UNAUTHENTICATED');

    token = await keptSession('Kept Kiran', 'Reset-by-office-1');
    await api.ok('users.update', { id: person.id, isActive: false }, school.admin.token);
    expect(code(await api.call('auth.me', {}, token))).toBe('UNAUTHENTICATED');

    await api.ok('users.update', { id: person.id, isActive: true }, school.admin.token);
    token = await keptSession('Kept Kiran', 'Reset-by-office-1');
    await api.ok('users.delete', { id: person.id }, school.admin.token);
    expect(code(await api.call('auth.me', {}, token))).toBe('UNAUTHENTICATED');
  });

  it('changing the own password ends the kept session; the new token works', async () => {
    const token = await keptSession('Ravi');
    const changed = await api.ok<{ token: string }>(
      'auth.changePassword',
      { currentPassword: school.password, newPassword: 'Ravi-new-pass-7' },
      token,
    );
    expect(code(await api.call('auth.me', {}, token))).toBe('UNAUTHENTICATED');
    expect(code(await api.call('auth.me', {}, changed.token))).toBe('OK');
    school.students[1]!.token = changed.token;
  });

  it('a rename and a changed username show in auth.me at once', async () => {
    const token = await keptSession('Pratik sir');
    await api.ok('users.update', { id: school.teacher.id, name: 'Pratik Rao' }, school.admin.token);
    const me = await api.ok<{ user: { name: string; username: string } }>('auth.me', {}, token);
    expect(me.user).toMatchObject({ name: 'Pratik Rao', username: 'Pratik sir' });
    await api.ok('users.update', { id: school.teacher.id, username: 'Pratik R' }, school.admin.token);
    const renamed = await api.ok<{ user: { username: string } }>('auth.me', {}, token);
    expect(renamed.user.username).toBe('Pratik R');
  });

  it('a write straight to the data (no service, no event) ends a kept session too: the models tell the cache', async () => {
    const tenant = await api.deps.db.tenant(school.admin.databaseName);
    const token = await keptSession('Asha');
    await tenant.models.User.updateOne({ _id: school.students[0]!.id }, { $inc: { tokenVersion: 1 } });
    expect(code(await api.call('auth.me', {}, token))).toBe('UNAUTHENTICATED');

    const teacher = await keptSession('Pratik R');
    const { AdminRegistry } = api.deps.db.masterModels;
    await AdminRegistry.updateOne({ databaseName: school.admin.databaseName }, { $set: { isActive: false } });
    try {
      expect(code(await api.call('auth.me', {}, teacher))).toBe('UNAUTHENTICATED');
      expect(code(await api.call('auth.me', {}, school.admin.token))).toBe('UNAUTHENTICATED');
    } finally {
      await AdminRegistry.updateOne(
        { databaseName: school.admin.databaseName },
        { $set: { isActive: true } },
      );
    }
    expect(code(await api.call('auth.me', {}, teacher))).toBe('OK');
  });

  it("archiving an institution and the admin's own password change end kept sessions at once", async () => {
    const other = await buildSchool(api);
    await api.ok('auth.me', {}, other.admin.token);
    await api.ok('auth.me', {}, other.teacher.token);
    const changed = await api.ok<{ token: string }>(
      'auth.changePassword',
      { currentPassword: other.password, newPassword: 'Office-new-pass-3' },
      other.admin.token,
    );
    expect(code(await api.call('auth.me', {}, other.admin.token))).toBe('UNAUTHENTICATED');
    expect(code(await api.call('auth.me', {}, other.teacher.token))).toBe('OK');

    await api.ok('institution.archive', { password: 'Office-new-pass-3' }, changed.token);
    expect(code(await api.call('auth.me', {}, changed.token))).toBe('UNAUTHENTICATED');
    expect(code(await api.call('auth.me', {}, other.teacher.token))).toBe('UNAUTHENTICATED');
  });
});
