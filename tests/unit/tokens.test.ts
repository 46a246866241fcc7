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
});
