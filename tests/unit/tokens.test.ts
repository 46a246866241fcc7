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

  it('check a signature once per token text, and again once the token has been forgotten', () => {
    const own = createTokenService('another-secret-of-enough-length-for-hmac-0123');
    const first = own.issue({ sub: '65f0c0ffee0000000000abcd', role: 'student', db: 'd', ver: 0 }).token;
    const kept = own.verify(first);
    // Kept: the same claims object comes back, with no new check.
    expect(own.verify(first)).toBe(kept);
    const many = Array.from(
      { length: 2_500 },
      (_, i) => own.issue({ sub: '65f0c0ffee0000000000abcd', role: 'student', db: `d${i}`, ver: i }).token,
    );
    for (const t of many) expect(own.verify(t)).not.toBeNull();
    // Pushed out by 2,500 newer ones: checked again, into new (equal) claims.
    const again = own.verify(first);
    expect(again).not.toBe(kept);
    expect(again).toEqual(kept);
    // Used recently, so kept: the last of the many.
    const last = many.at(-1)!;
    expect(own.verify(last)).toBe(own.verify(last));
    expect(own.verify(`${many[1]!}A`)).toBeNull();
  });

  it("refuse another service's tokens, kept there or not", () => {
    const other = createTokenService('another-secret-of-enough-length-for-hmac-0123');
    expect(other.verify(token)).toBeNull();
    expect(tokens.verify(token)).not.toBeNull();
    expect(other.verify(token)).toBeNull();
  });
});
