/**
 * Signing in without the institution's code (issue 19): auth.institutions lists this station's schools by display
 * name with an opaque key (never the admin username), is rate-limited for callers on the network, and auth.login
 * takes the key instead of the admin username, through the same throttle and the same "not correct" answer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CALLER } from '../../../electron/core/services/institutions';
import { DIRECTORY_LIMIT } from '../../../electron/core/security/throttles';
import { api, buildSchool, school, useSchool, type School } from '../../support/api';

useSchool();
let other: School;
beforeAll(async () => {
  other = await buildSchool(api);
});

interface Listing {
  institutions: { key: string; name: string }[];
}
const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'OK' : result.error?.code);

describe('auth.institutions', () => {
  it('lists the active schools by name with an opaque key, without a token and without admin usernames', async () => {
    const { institutions } = await api.ok<Listing>('auth.institutions', {});
    const mine = institutions.find((i) => i.name === `School ${school.admin.username}`);
    expect(mine?.key).toBe(school.admin.id);
    expect(institutions.some((i) => i.name === `School ${other.admin.username}`)).toBe(true);
    const text = JSON.stringify(institutions);
    // The name contains the username in this rig; the keys and fields must not.
    for (const i of institutions) expect(Object.keys(i).sort()).toEqual(['key', 'name']);
    expect(text).not.toContain(school.admin.databaseName);
    expect(institutions.map((i) => i.key)).not.toContain(school.admin.username);
    // Junk input is refused like any channel's.
    expect(code(await api.call('auth.institutions', { search: 'x' }))).toBe('VALIDATION');
  });

  it('is rate-limited per caller address on the network, never for the desktop window', async () => {
    const from = '10.9.8.7';
    for (let i = 0; i < DIRECTORY_LIMIT.perKey; i += 1) {
      expect(code(await api.call('auth.institutions', {}, undefined, from))).toBe('OK');
    }
    const refused = await api.call('auth.institutions', {}, undefined, from);
    expect(code(refused)).toBe('RATE_LIMITED');
    expect(code(await api.call('auth.institutions', {}, undefined, '10.9.8.8'))).toBe('OK');
    for (let i = 0; i <= DIRECTORY_LIMIT.perKey; i += 1) {
      expect(code(await api.call('auth.institutions', {}, undefined, LOCAL_CALLER))).toBe('OK');
    }
  });
});

describe('auth.login with an institution key', () => {
  it('signs a teacher in by key; a wrong key or password answers the same message; both names are refused', async () => {
    const login = await api.ok<{ user: { id: string; role: string } }>('auth.login', {
      institutionKey: school.admin.id,
      username: school.teacher.username,
      password: school.password,
    });
    expect(login.user).toMatchObject({ id: school.teacher.id, role: 'teacher' });

    // The other school's key does not let this school's teacher in; nor does a key that names nothing.
    const wrongSchool = await api.call('auth.login', {
      institutionKey: other.admin.id,
      username: 'nobody-here',
      password: school.password,
    });
    const unknown = await api.call('auth.login', {
      institutionKey: 'aaaaaaaaaaaaaaaaaaaaaaaa',
      username: school.teacher.username,
      password: school.password,
    });
    const wrongPassword = await api.call('auth.login', {
      institutionKey: school.admin.id,
      username: school.teacher.username,
      password: 'not-the-password',
    });
    for (const result of [wrongSchool, unknown, wrongPassword]) {
      expect(result.ok).toBe(false);
      expect(result.ok ? null : result.error).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: 'The institution, username or password is not correct.',
      });
    }
    const both = await api.call('auth.login', {
      institution: school.admin.username,
      institutionKey: school.admin.id,
      username: school.teacher.username,
      password: school.password,
    });
    expect(code(both)).toBe('VALIDATION');
  });

  it('shares the throttle of signing in by admin username (no extra guesses by switching)', async () => {
    const guess = (i: number, byKey: boolean) =>
      api.call(
        'auth.login',
        {
          ...(byKey ? { institutionKey: other.admin.id } : { institution: other.admin.username }),
          username: other.teacher.username,
          password: `wrong-${i}`,
        },
        undefined,
        `10.1.1.${i}`,
      );
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 6; i += 1) codes.push(code(await guess(i, i % 2 === 0)));
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('UNAUTHENTICATED'));
    expect(codes[5]).toBe('RATE_LIMITED');
  });

  it('records a failed sign-in by key in the school’s activity log', async () => {
    const handle = await api.deps.db.tenant(school.admin.databaseName);
    const failed = await handle.models.ActivityLog.find({ action: 'LOGIN_FAILED' }).lean();
    expect(failed.some((e) => e.username === school.teacher.username)).toBe(true);
  });
});
