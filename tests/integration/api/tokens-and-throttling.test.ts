import { describe, expect, it } from 'vitest';
import { LOCAL_CALLER } from '../../../electron/core/services/institutions';
import { api, buildSchool, school, useSchool } from '../../support/api';
import { uniqueAdmin } from '../../support/services';

useSchool();

const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'OK' : result.error?.code);

describe('tokens', () => {
  it('a valid token works for its user and role', async () => {
    const me = await api.ok<{ user: { id: string; role: string; institutionName: string } }>(
      'auth.me',
      {},
      school.teacher.token,
    );
    expect(me.user).toMatchObject({ id: school.teacher.id, role: 'teacher' });
  });

  it('no token, a tampered one, a forged "alg: none" one and an expired one are refused with 401', async () => {
    expect(code(await api.call('auth.me', {}))).toBe('UNAUTHENTICATED');
    const [header, payload, signature] = school.teacher.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const asAdmin = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect(code(await api.call('auth.me', {}, `${header}.${asAdmin}.${signature}`))).toBe('UNAUTHENTICATED');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(code(await api.call('auth.me', {}, `${none}.${payload}.`))).toBe('UNAUTHENTICATED');
    expect(code(await api.call('auth.me', {}, `${header}.${payload}.${signature.slice(0, -2)}xx`))).toBe(
      'UNAUTHENTICATED',
    );

    const expired = api.tokens.issue(
      { sub: school.teacher.id, role: 'teacher', db: school.admin.databaseName, ver: 0 },
      Date.now() - 25 * 3600 * 1000,
    );
    expect(code(await api.call('auth.me', {}, expired.token))).toBe('UNAUTHENTICATED');
  });

  it("a token naming another tenant database than its user's is refused", async () => {
    const other = await buildSchool(api);
    const crossed = api.tokens.issue({
      sub: school.teacher.id,
      role: 'teacher',
      db: other.admin.databaseName,
      ver: 0,
    });
    expect(code(await api.call('auth.me', {}, crossed.token))).toBe('UNAUTHENTICATED');
  });

  it('signing out ends that session only', async () => {
    const second = await api.ok<{ token: string }>('auth.login', {
      institution: school.admin.username,
      username: school.students[0]!.username,
      password: school.password,
    });
    await api.ok('auth.logout', {}, second.token);
    expect(code(await api.call('auth.me', {}, second.token))).toBe('UNAUTHENTICATED');
    expect(code(await api.call('auth.me', {}, school.students[0]!.token))).toBe('OK');
  });

  it('a deleted or deactivated user, and an older token after a password change, are refused', async () => {
    const extra = await api.ok<{ id: string }>(
      'users.create',
      { role: 'student', username: 'Gone soon', password: school.password, name: 'G' },
      school.admin.token,
    );
    const login = () =>
      api.ok<{ token: string }>('auth.login', {
        institution: school.admin.username,
        username: 'Gone soon',
        password: school.password,
      });
    const { token } = await login();
    await api.ok('users.update', { id: extra.id, isActive: false }, school.admin.token);
    expect(code(await api.call('auth.me', {}, token))).toBe('UNAUTHENTICATED');
    expect(
      code(
        await api.call('auth.login', {
          institution: school.admin.username,
          username: 'Gone soon',
          password: school.password,
        }),
      ),
    ).toBe('UNAUTHENTICATED');
    await api.ok('users.update', { id: extra.id, isActive: true }, school.admin.token);
    const again = await login();
    await api.ok('users.delete', { id: extra.id }, school.admin.token);
    expect(code(await api.call('auth.me', {}, again.token))).toBe('UNAUTHENTICATED');

    const before = school.students[1]!.token;
    const changed = await api.ok<{ token: string }>(
      'auth.changePassword',
      { currentPassword: school.password, newPassword: 'brand-new-9' },
      before,
    );
    expect(code(await api.call('auth.me', {}, before))).toBe('UNAUTHENTICATED');
    expect(code(await api.call('auth.me', {}, changed.token))).toBe('OK');
  });

  it("after the institution is deleted, its admin's and its users' tokens are refused", async () => {
    const doomed = await buildSchool(api);
    const wrong = await api.call('institution.delete', { password: 'not-it-123' }, doomed.admin.token);
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { password: expect.any(String) as string } },
    });
    await api.ok('institution.delete', { password: doomed.password }, doomed.admin.token);
    expect(code(await api.call('auth.me', {}, doomed.admin.token))).toBe('UNAUTHENTICATED');
    expect(code(await api.call('auth.me', {}, doomed.teacher.token))).toBe('UNAUTHENTICATED');
    expect(
      code(await api.call('auth.login', { username: doomed.admin.username, password: doomed.password })),
    ).toBe('UNAUTHENTICATED');
  });
});

describe('sign-in', () => {
  it('admins sign in case-insensitively; teachers and students through their institution', async () => {
    expect(
      code(
        await api.call('auth.login', {
          username: school.admin.username.toUpperCase(),
          password: school.password,
        }),
      ),
    ).toBe('OK');
    expect(
      code(
        await api.call('auth.login', {
          institution: school.admin.username.toUpperCase(),
          username: 'pratik SIR',
          password: school.password,
        }),
      ),
    ).toBe('OK');
    // A teacher does not sign in as an admin, nor in another institution.
    const other = await buildSchool(api);
    expect(
      code(
        await api.call('auth.login', {
          institution: other.admin.username,
          username: 'Asha',
          password: 'wrong-pass1',
        }),
      ),
    ).toBe('UNAUTHENTICATED');
  });

  it('after 5 failures for one institution and username, further attempts are RATE_LIMITED, even with the right password, and the failures are logged', async () => {
    const target = { institution: school.admin.username, username: 'Ravi' };
    for (let i = 0; i < 5; i += 1) {
      expect(code(await api.call('auth.login', { ...target, password: `wrong-${i}` }))).toBe(
        'UNAUTHENTICATED',
      );
    }
    const limited = await api.call('auth.login', { ...target, password: school.password });
    expect(limited).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: expect.stringMatching(/Try again in \d+ seconds/) as string },
    });
    // Another username of the same institution is not affected.
    expect(
      code(await api.call('auth.login', { ...target, username: 'Asha', password: school.password })),
    ).toBe('OK');

    const tenant = await api.deps.db.tenant(school.admin.databaseName);
    expect(
      await tenant.models.ActivityLog.countDocuments({ action: 'LOGIN_FAILED', targetName: 'Ravi' }),
    ).toBe(5);
    expect(
      await tenant.models.ActivityLog.countDocuments({ action: 'LOGIN', targetName: 'Asha' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('many usernames tried with one password from one address (password spraying) make that address wait', async () => {
    const sprayer = '10.13.0.2';
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < 24; i += 1) {
      codes.push(
        code(
          await api.call(
            'auth.login',
            { institution: school.admin.username, username: `guess${i}`, password: 'Summer2026' },
            undefined,
            sprayer,
          ),
        ),
      );
    }
    expect(codes.slice(0, 20).every((c) => c === 'UNAUTHENTICATED')).toBe(true);
    expect(codes.slice(20).every((c) => c === 'RATE_LIMITED')).toBe(true);
    // The sprayer's address waits even for a real account with its right password; others do not.
    const real = { institution: school.admin.username, username: 'Asha', password: school.password };
    expect(code(await api.call('auth.login', real, undefined, sprayer))).toBe('RATE_LIMITED');
    expect(code(await api.call('auth.login', real, undefined, '10.13.0.3'))).toBe('OK');
  });
});

describe('registration and confirmations', () => {
  it('registering over the network is limited per address (5 an hour); the desktop window is not', async () => {
    const register = (from: string) =>
      api.call(
        'auth.registerInstitution',
        {
          username: uniqueAdmin('reg'),
          password: 'Campus-2026',
          name: 'Office',
          institutionName: 'Throttled School',
        },
        undefined,
        from,
      );
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < 6; i += 1) codes.push(code(await register('10.13.1.2')));
    expect(codes).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'RATE_LIMITED']);
    const limited = await register('10.13.1.2');
    expect(limited).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Too many institutions registered from here/) as string },
    });
    expect(code(await register(LOCAL_CALLER))).toBe('OK');
  });

  it('deleting the institution with a wrong password is throttled like changing the password', async () => {
    const other = await buildSchool(api);
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < 6; i += 1) {
      codes.push(code(await api.call('institution.delete', { password: `Wrong-${i}x` }, other.admin.token)));
    }
    expect(codes).toEqual([
      'VALIDATION',
      'VALIDATION',
      'VALIDATION',
      'VALIDATION',
      'VALIDATION',
      'RATE_LIMITED',
    ]);
    // Still there, and the right password waits too until the delay passes.
    expect(code(await api.call('institution.delete', { password: other.password }, other.admin.token))).toBe(
      'RATE_LIMITED',
    );
    expect(code(await api.call('institution.get', {}, other.admin.token))).toBe('OK');
  });
});
