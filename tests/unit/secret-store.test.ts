import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSecretStore,
  fallbackPaths,
  getOrCreateSecret,
  SecretStoreError,
  type SecretEncryptor,
} from '../../electron/core/security/secret-store';

const posix = process.platform !== 'win32';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crm-secrets-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function fileStore(fallbackDir: string, fallbackEncryptor?: SecretEncryptor) {
  return createSecretStore({
    service: 'smart-crm-test',
    fallbackDir,
    keychain: false,
    warn: () => undefined,
    ...(fallbackEncryptor ? { fallbackEncryptor } : {}),
  });
}

describe('secret store, file fallback', () => {
  it('round-trips, overwrites and deletes', async () => {
    const store = await fileStore(join(dir, 'secrets'));
    expect(store.kind).toBe('file');
    expect(await store.get('jwt')).toBeNull();
    await store.set('jwt', 'first');
    await store.set('other', 'ünïcødé ✓');
    await store.set('jwt', 'second');
    expect(await store.get('jwt')).toBe('second');
    expect(await store.get('other')).toBe('ünïcødé ✓');

    // A second store (another process) reads the same files.
    const again = await fileStore(join(dir, 'secrets'));
    expect(await again.get('jwt')).toBe('second');

    expect(await store.delete('jwt')).toBe(true);
    expect(await store.delete('jwt')).toBe(false);
    expect(await again.get('jwt')).toBeNull();
  });

  it('never writes the secret in clear', async () => {
    const store = await fileStore(dir);
    await store.set('jwt', 'very-recognisable-secret');
    const { secrets } = fallbackPaths(dir, 'smart-crm-test');
    expect(await readFile(secrets, 'utf8')).not.toContain('very-recognisable-secret');
  });

  it.runIf(posix)('keeps the directory 0700 and the files 0600', async () => {
    const fallbackDir = join(dir, 'nested', 'secrets');
    const store = await fileStore(fallbackDir);
    await store.set('jwt', 'x');
    const paths = fallbackPaths(fallbackDir, 'smart-crm-test');
    expect((await stat(fallbackDir)).mode & 0o777).toBe(0o700);
    expect((await stat(paths.secrets)).mode & 0o777).toBe(0o600);
    expect((await stat(paths.key)).mode & 0o777).toBe(0o600);
  });

  it('fails to decrypt with another key', async () => {
    const store = await fileStore(dir);
    await store.set('jwt', 'secret');
    const { key } = fallbackPaths(dir, 'smart-crm-test');
    const other = { v: 1, wrap: 'none', key: Buffer.alloc(32, 7).toString('base64') };
    await writeFile(key, JSON.stringify(other), { mode: 0o600 });
    const reopened = await fileStore(dir);
    await expect(reopened.get('jwt')).rejects.toBeInstanceOf(SecretStoreError);
    await expect(reopened.get('jwt')).rejects.toThrow(/could not be decrypted/);
  });

  it('binds each value to its account (a swapped entry does not decrypt)', async () => {
    const store = await fileStore(dir);
    await store.set('a', 'alpha');
    await store.set('b', 'beta');
    const { secrets } = fallbackPaths(dir, 'smart-crm-test');
    const file = JSON.parse(await readFile(secrets, 'utf8')) as { entries: Record<string, unknown> };
    file.entries.b = file.entries.a;
    await writeFile(secrets, JSON.stringify(file));
    await expect(store.get('b')).rejects.toThrow(/could not be decrypted/);
  });

  it('wraps its key with the given encryptor, and needs it to read', async () => {
    const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
    const encryptor: SecretEncryptor = { name: 'test-wrap', encrypt: xor, decrypt: xor };
    const store = await fileStore(dir, encryptor);
    await store.set('jwt', 'wrapped');
    const { key } = fallbackPaths(dir, 'smart-crm-test');
    expect(JSON.parse(await readFile(key, 'utf8'))).toMatchObject({ wrap: 'test-wrap' });
    expect(await (await fileStore(dir, encryptor)).get('jwt')).toBe('wrapped');
    await expect((await fileStore(dir)).get('jwt')).rejects.toThrow(/test-wrap/);
  });

  it('getOrCreateSecret creates a random base64url secret once', async () => {
    const store = await fileStore(dir);
    const first = await getOrCreateSecret(store, 'jwt-secret');
    expect(first).toMatch(/^[A-Za-z0-9_-]{64}$/); // 48 bytes
    expect(await getOrCreateSecret(store, 'jwt-secret')).toBe(first);
    expect(await getOrCreateSecret(store, 'short', 16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('falls back with a warning when the keychain is asked for but unusable', async () => {
    const warnings: string[] = [];
    const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
    // Point libsecret at a bus that does not exist: the keychain round trip fails, the store falls back.
    process.env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${join(dir, 'no-bus')}`;
    try {
      const store = await createSecretStore({
        service: 'smart-crm-test',
        fallbackDir: dir,
        keychainTimeoutMs: 3000,
        warn: (m) => warnings.push(m),
      });
      if (store.kind === 'keychain') return; // a platform keychain that needs no D-Bus (macOS, Windows)
      expect(store.kind).toBe('file');
      expect(warnings.join('\n')).toMatch(/keychain is not available/);
      await store.set('k', 'v');
      expect(await store.get('k')).toBe('v');
    } finally {
      if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
    }
  });
});
