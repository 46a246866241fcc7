/**
 * A file only this app can read: JSON sealed with AES-256-GCM under a key kept in the OS keychain (the
 * secret store). Replaced whole through a temporary file, owner-only. A file that does not open with the
 * key (another machine's, tampered with) is an error, never silently emptied.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getOrCreateSecret, type SecretStore } from '../security/secret-store';

const KEY_ACCOUNT = 'connected-data-key';

/** The app's key for its sealed files: 32 random bytes, created once in the keychain. */
export async function sealingKey(secrets: SecretStore): Promise<Buffer> {
  const key = Buffer.from(await getOrCreateSecret(secrets, KEY_ACCOUNT, 32), 'base64url');
  if (key.length !== 32) throw new Error(`The keychain entry ${KEY_ACCOUNT} is not a 256-bit key.`);
  return key;
}

export interface SealedFile<T> {
  read(): Promise<T>;
  write(value: T): Promise<void>;
}

export function sealedFile<T>(file: string, key: Buffer, empty: () => T): SealedFile<T> {
  let chain: Promise<void> = Promise.resolve();
  let n = 0;
  return {
    async read() {
      let sealed: Buffer;
      try {
        sealed = await readFile(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return empty();
        throw err;
      }
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      try {
        const plain = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
        return JSON.parse(plain.toString('utf8')) as T;
      } catch (err) {
        throw new Error(
          `${path.basename(file)} does not open with this app's key (moved from another computer?).`,
          {
            cause: err,
          },
        );
      }
    },
    write(value) {
      const run = async (): Promise<void> => {
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', key, iv);
        const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
        await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
        const tmp = `${file}.${process.pid}.${n++}.tmp`;
        await writeFile(tmp, Buffer.concat([iv, cipher.getAuthTag(), body]), { mode: 0o600, flag: 'wx' });
        await chmod(tmp, 0o600);
        await rename(tmp, file);
      };
      chain = chain.then(run, run);
      return chain;
    },
  };
}
