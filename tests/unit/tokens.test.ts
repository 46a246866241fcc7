import { describe, expect, it } from 'vitest';
import { createTokenService } from '../../electron/core/security/tokens';

describe('session tokens', () => {
  const tokens = createTokenService('a-secret-of-enough-length-for-hmac-0123456789');
  const { token } = tokens.issue({
    sub: '65f0c0ffee0000000000abcd',
    role: 'teacher',
    db: 'smart_crm_x_1',
    ver: 0,
  });

  it('verify the token as issued', () => {
    expect(tokens.verify(token)?.sub).toBe('65f0c0ffee0000000000abcd');
  });

  it('refuse any other spelling of the same signature (padding, trailing characters)', () => {
    for (const variant of [`${token}=`, `${token}==`, `${token}A`, token.slice(0, -1)]) {
      expect(tokens.verify(variant), variant.slice(-4)).toBeNull();
    }
  });

  it('check the expiry on every call, also of a token verified before', () => {
    const { token: fresh, claims } = tokens.issue({
      sub: '65f0c0ffee0000000000abcd',
      role: 'admin',
      db: 'd',
      ver: 0,
    });
    expect(tokens.verify(fresh, claims.iat * 1000)).not.toBeNull();
    expect(tokens.verify(fresh, claims.exp * 1000)).toBeNull();
    // And it stays refused: the expired entry is not kept.
    expect(tokens.verify(fresh, claims.exp * 1000 + 1)).toBeNull();
  });

  it('hand out claims nobody can change for the next caller of the same token', () => {
    const claims = tokens.verify(token);
    expect(Object.isFrozen(claims)).toBe(true);
    expect(() => {
      (claims as { role: string }).role = 'admin';
    }).toThrow(TypeError);
    expect(tokens.verify(token)?.role).toBe('teacher');
  });

  it('verify correctly past the number of tokens it keeps', () => {
    const many = Array.from(
      { length: 2_500 },
      (_, i) => tokens.issue({ sub: '65f0c0ffee0000000000abcd', role: 'student', db: `d${i}`, ver: i }).token,
    );
    for (const t of many) expect(tokens.verify(t)).not.toBeNull();
    expect(tokens.verify(many[0]!)?.db).toBe('d0');
    expect(tokens.verify(`${many[1]!}A`)).toBeNull();
  });
});
