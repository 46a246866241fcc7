/** The network service's small state files: JSON, owner-only, replaced whole so a crash never leaves half. */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function readJsonFile<T>(file: string, fallback: T): Promise<T> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw new Error(`${file} cannot be read: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
}

/** Writes beside the file and renames over it; calls for one file run one after another. */
export function jsonFileWriter(file: string): (value: unknown) => Promise<void> {
  let chain: Promise<void> = Promise.resolve();
  let n = 0;
  return (value) => {
    const text = JSON.stringify(value);
    const run = async (): Promise<void> => {
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.${n++}.tmp`;
      await writeFile(tmp, text, { mode: 0o600, flag: 'wx' });
      await chmod(tmp, 0o600);
      await rename(tmp, file);
    };
    chain = chain.then(run, run);
    return chain;
  };
}
