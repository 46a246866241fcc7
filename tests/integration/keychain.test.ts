import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecretStore, getOrCreateSecret } from '../../electron/core/security/secret-store';
import { makeTempDir } from '../support/temp-dir';

const temp = makeTempDir('crm-keychain');
afterAll(() => temp.remove());
const service = `smart-crm-test-${randomUUID()}`;

// `npm test` runs inside dbus-run-session with gnome-keyring unlocked; CI fails loudly if that is missing.
describe('secrets in the real OS keychain (keytar → Secret Service)', () => {
  it('stores a secret and reads it back through gnome-keyring', async () => {
    const warnings: string[] = [];
    const store = await createSecretStore({ service, fallbackDir: temp.dir, warn: (m) => warnings.push(m) });
    expect(store.fallbackReason ?? 'keychain').toBe('keychain');
    expect(store.kind).toBe('keychain');

    await store.set('jwt-secret', 'correct horse battery staple');
    // Read back through keytar directly: the value really is in the Secret Service, not in a file.
    const keytar = createRequire(import.meta.url)('keytar') as {
      getPassword(s: string, a: string): Promise<string | null>;
    };
    expect(await keytar.getPassword(service, 'jwt-secret')).toBe('correct horse battery staple');
    expect(await store.get('jwt-secret')).toBe('correct horse battery staple');

    const secret = await getOrCreateSecret(store, 'token-key');
    expect(secret.length).toBeGreaterThanOrEqual(64);
    expect(await getOrCreateSecret(store, 'token-key')).toBe(secret);

    expect(await store.delete('jwt-secret')).toBe(true);
    expect(await store.delete('token-key')).toBe(true);
    expect(await store.get('jwt-secret')).toBeNull();
    expect(warnings).toEqual([]);
  });
});
