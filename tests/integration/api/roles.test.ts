/**
 * Generated from the contract: every channel, called by every role and by nobody, with a valid sample input.
 * A role the channel does not list gets FORBIDDEN; an allowed role never gets FORBIDDEN, UNAUTHENTICATED or
 * INTERNAL (fake ids answer NOT_FOUND, rule breaches VALIDATION or CONFLICT).
 */
import { describe, expect, it } from 'vitest';
import { allChannels, allowsRole } from '../../../shared/contract';
import { ROLES } from '../../../shared/roles';
import { api, school, useSchool } from '../../support/api';
import { samples, type AllName } from '../../support/contract-samples';

useSchool();

/** A fresh session per call: sign-out and password changes in the samples must not end the others. */
async function tokenFor(role: (typeof ROLES)[number]): Promise<string> {
  const login =
    role === 'admin'
      ? { username: school.admin.username, password: school.password }
      : {
          institution: school.admin.username,
          username: role === 'teacher' ? school.teacher.username : school.students[0]!.username,
          password: school.password,
        };
  return (await api.ok<{ token: string }>('auth.login', login)).token;
}

const names = Object.keys(allChannels) as AllName[];

describe.each(names.filter((n) => allChannels[n].roles !== 'public'))('%s', (name) => {
  const def = allChannels[name];

  it('refuses a caller without a session (401)', async () => {
    const result = await api.call(name, samples[name][0]);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it.each(ROLES)('as %s', async (role) => {
    const result = await api.call(name, samples[name][0], await tokenFor(role));
    if (!allowsRole(def, role)) {
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } else if (!result.ok) {
      expect(
        ['VALIDATION', 'NOT_FOUND', 'CONFLICT'],
        `${result.error.code}: ${result.error.message}`,
      ).toContain(result.error.code);
    }
  });
});

describe('channels outside the contract', () => {
  it('answer NOT_FOUND', async () => {
    expect(await api.call('users.dropEverything', {}, school.admin.token)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await api.call('__proto__', {}, school.admin.token)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
