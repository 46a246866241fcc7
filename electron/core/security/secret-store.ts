/**
 * Secrets (the JWT signing key, later others) kept outside the database.
 *
 * 1. The OS keychain through keytar (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows),
 *    when keytar is installed (it is an optional dependency) and a round trip through it works.
 * 2. Otherwise an encrypted file in `fallbackDir` (directory 0700, files 0600). Each secret is sealed with
 *    AES-256-GCM under a random 256-bit key kept in a key file beside it:
 *    - in the desktop app the key file is itself encrypted by `fallbackEncryptor` (Electron's safeStorage, which
 *      uses the OS keychain or DPAPI), so copying the files to another machine or account does not reveal them;
 *    - in plain Node (the station, tests) the key file holds the key as is. Then the protection is the file
 *      permissions only: other accounts on the machine cannot read the files, but anyone who can act as this
 *      account (or as an administrator) can. We say so in a warning rather than pretend otherwise.
 *
 * Node only: no `electron` import (the desktop app passes the safeStorage encryptor in).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type SecretStoreKind = 'keychain' | 'file';

export interface SecretStore {
  readonly kind: SecretStoreKind;
  /** Why the keychain is not used, when `kind` is 'file'. */
  readonly fallbackReason?: string;
  /** What guards the secrets, in words for the health page. */
  readonly protection: string;
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  /** true when something was deleted. */
  delete(account: string): Promise<boolean>;
}

/** Wraps the file store's key, e.g. with Electron's safeStorage. Must round-trip on this machine and account. */
export interface SecretEncryptor {
  /** A short name recorded in the key file, e.g. 'safeStorage'. */
  readonly name: string;
  encrypt(plain: Buffer): Buffer | Promise<Buffer>;
  decrypt(sealed: Buffer): Buffer | Promise<Buffer>;
}

export interface SecretStoreOptions {
  /** The keychain service name, e.g. 'smart-crm'. Also names the fallback files. */
  service: string;
  /** Directory for the fallback files; created 0700. */
  fallbackDir: string;
  fallbackEncryptor?: SecretEncryptor;
  /** false: never try the keychain (tests). Default: true unless CRM_SECRET_STORE=file. */
  keychain?: boolean;
  /** Where warnings go (default console.warn). */
  warn?: (message: string) => void;
  /** How long the keychain round trip may take before we fall back (a locked keyring can block). */
  keychainTimeoutMs?: number;
}

export class SecretStoreError extends Error {
  override name = 'SecretStoreError';
}

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

const PROBE_ACCOUNT = '__smart-crm-probe__';

export async function createSecretStore(options: SecretStoreOptions): Promise<SecretStore> {
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const wantKeychain = options.keychain ?? process.env.CRM_SECRET_STORE !== 'file';
  let reason = 'the keychain was turned off (CRM_SECRET_STORE=file or keychain: false)';
  if (wantKeychain) {
    const probe = await probeKeytar(options.service, options.keychainTimeoutMs ?? 5000);
    if (probe.ok) return keychainStore(probe.keytar, options.service);
    reason = probe.reason;
    warn(
      `[secrets] The OS keychain is not available (${reason}). Secrets are kept in an encrypted, owner-only ` +
        `file in ${options.fallbackDir} instead` +
        (options.fallbackEncryptor
          ? ` (its key is protected by ${options.fallbackEncryptor.name}).`
          : ': its key is stored beside it, so this only keeps other accounts on this machine out ' +
            '(file permissions), not someone who can act as this account.'),
    );
  }
  return fileStore(options, reason);
}

async function probeKeytar(
  service: string,
  timeoutMs: number,
): Promise<{ ok: true; keytar: Keytar } | { ok: false; reason: string }> {
  let keytar: Keytar;
  try {
    // A variable specifier: keytar is optional, so neither the type checker nor the bundler may require it.
    const specifier = 'keytar';
    const mod = (await import(/* @vite-ignore */ specifier)) as Keytar & { default?: Keytar };
    keytar = mod.default ?? mod;
  } catch (err) {
    return { ok: false, reason: `keytar is not installed or did not load: ${firstLine(err)}` };
  }
  const value = randomBytes(12).toString('hex');
  const roundTrip = (async () => {
    await keytar.setPassword(service, PROBE_ACCOUNT, value);
    const back = await keytar.getPassword(service, PROBE_ACCOUNT);
    await keytar.deletePassword(service, PROBE_ACCOUNT);
    if (back !== value) throw new Error('a secret written to the keychain did not read back');
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([roundTrip, timeout]);
    return { ok: true, keytar };
  } catch (err) {
    roundTrip.catch(() => undefined);
    return { ok: false, reason: `the Secret Service did not work: ${firstLine(err)}` };
  } finally {
    clearTimeout(timer);
  }
}

function keychainStore(keytar: Keytar, service: string): SecretStore {
  return {
    kind: 'keychain',
    protection: 'the operating system keychain',
    get: (account) => keytar.getPassword(service, checkAccount(account)),
    set: (account, value) => keytar.setPassword(service, checkAccount(account), value),
    delete: (account) => keytar.deletePassword(service, checkAccount(account)),
  };
}

// ---------------------------------------------------------------------------------------------------------
// File fallback

interface KeyFile {
  v: 1;
  /** 'none' or the encryptor's name. */
  wrap: string;
  key: string; // base64
}

interface SealedEntry {
  iv: string; // base64, 12 bytes
  tag: string; // base64, 16 bytes
  data: string; // base64
}

interface SecretsFile {
  v: 1;
  entries: Record<string, SealedEntry>;
}

export function fallbackPaths(fallbackDir: string, service: string): { secrets: string; key: string } {
  const safe = service.replace(/[^a-zA-Z0-9._-]/g, '_');
  return { secrets: join(fallbackDir, `${safe}.secrets.json`), key: join(fallbackDir, `${safe}.key.json`) };
}

function fileStore(options: SecretStoreOptions, reason: string): SecretStore {
  const { fallbackDir, service, fallbackEncryptor } = options;
  const paths = fallbackPaths(fallbackDir, service);
  let keyPromise: Promise<Buffer> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  /** Serialises read-modify-write cycles within this process. */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  }

  async function ensureDir(): Promise<void> {
    await mkdir(fallbackDir, { recursive: true, mode: 0o700 });
    await chmod(fallbackDir, 0o700);
  }

  async function loadKey(): Promise<Buffer> {
    await ensureDir();
    const existing = await readJson<KeyFile>(paths.key);
    if (existing) {
      const raw = Buffer.from(existing.key, 'base64');
      if (existing.wrap === 'none') return checkKey(raw);
      if (!fallbackEncryptor || fallbackEncryptor.name !== existing.wrap) {
        throw new SecretStoreError(
          `The secrets key in ${paths.key} is protected by ${existing.wrap}, which is not available here.`,
        );
      }
      try {
        return checkKey(await fallbackEncryptor.decrypt(raw));
      } catch (err) {
        throw new SecretStoreError(
          `The secrets key could not be unwrapped by ${existing.wrap}: ${firstLine(err)}`,
        );
      }
    }
    const key = randomBytes(32);
    const file: KeyFile = fallbackEncryptor
      ? { v: 1, wrap: fallbackEncryptor.name, key: (await fallbackEncryptor.encrypt(key)).toString('base64') }
      : { v: 1, wrap: 'none', key: key.toString('base64') };
    await writeOwnerOnly(paths.key, JSON.stringify(file), { exclusive: true });
    // Another process may have won the race to create it: the file on disk is the truth.
    const onDisk = await readJson<KeyFile>(paths.key);
    if (onDisk && onDisk.key !== file.key) return loadKey();
    return key;
  }

  function key(): Promise<Buffer> {
    keyPromise ??= loadKey().catch((err: unknown) => {
      keyPromise = undefined;
      throw err;
    });
    return keyPromise;
  }

  async function readSecrets(): Promise<SecretsFile> {
    const file = await readJson<SecretsFile>(paths.secrets);
    return file ?? { v: 1, entries: {} };
  }

  return {
    kind: 'file',
    fallbackReason: reason,
    protection: fallbackEncryptor
      ? `an owner-only encrypted file, its key protected by ${fallbackEncryptor.name}`
      : 'an owner-only encrypted file with its key beside it: file permissions only',
    async get(account) {
      checkAccount(account);
      const k = await key();
      const entry = (await readSecrets()).entries[account];
      return entry ? open(k, service, account, entry) : null;
    },
    set(account, value) {
      checkAccount(account);
      return exclusive(async () => {
        const k = await key();
        const file = await readSecrets();
        file.entries[account] = seal(k, service, account, value);
        await writeOwnerOnly(paths.secrets, JSON.stringify(file, null, 2));
      });
    },
    delete(account) {
      checkAccount(account);
      return exclusive(async () => {
        const file = await readSecrets();
        if (!Object.hasOwn(file.entries, account)) return false;
        delete file.entries[account];
        await writeOwnerOnly(paths.secrets, JSON.stringify(file, null, 2));
        return true;
      });
    },
  };
}

function aad(service: string, account: string): Buffer {
  return Buffer.from(`smart-crm-secret\0${service}\0${account}`, 'utf8');
}

function seal(key: Buffer, service: string, account: string, value: string): SealedEntry {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(service, account));
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

function open(key: Buffer, service: string, account: string, entry: SealedEntry): string {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(entry.iv, 'base64'));
    decipher.setAAD(aad(service, account));
    decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(entry.data, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new SecretStoreError(
      `The secret "${account}" could not be decrypted: the key file does not match, or the file was altered.`,
    );
  }
}

function checkKey(key: Buffer): Buffer {
  if (key.length !== 32) throw new SecretStoreError('The secrets key file is damaged (wrong key length).');
  return key;
}

function checkAccount(account: string): string {
  if (typeof account !== 'string' || account.length === 0 || account.length > 200) {
    throw new SecretStoreError('A secret needs an account name of 1 to 200 characters.');
  }
  return account;
}

async function readJson<T>(path: string): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new SecretStoreError(`${path} is not valid JSON; it may be damaged.`);
  }
}

/** Writes through a temporary file and a rename, created 0600 (and chmod'ed, umask notwithstanding). */
async function writeOwnerOnly(
  path: string,
  content: string,
  opts: { exclusive?: boolean } = {},
): Promise<void> {
  if (opts.exclusive) {
    try {
      await writeFile(path, content, { mode: 0o600, flag: 'wx' });
      await chmod(path, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    return;
  }
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, content, { mode: 0o600, flag: 'wx' });
    await chmod(tmp, 0o600);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}

/**
 * Returns the secret stored under `account`, creating a random one (`bytes` bytes, base64url) the first time.
 * Used for the JWT signing key.
 */
export async function getOrCreateSecret(store: SecretStore, account: string, bytes = 48): Promise<string> {
  const existing = await store.get(account);
  if (existing) return existing;
  const created = randomBytes(bytes).toString('base64url');
  await store.set(account, created);
  // If another process created one meanwhile on the keychain, both wrote; read back the winner.
  return (await store.get(account)) ?? created;
}
