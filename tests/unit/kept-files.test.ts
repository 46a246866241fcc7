import { describe, expect, it } from 'vitest';
import { createKeptFiles } from '../../electron/core/db/kept-files';

const bytesOf = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

describe('recently read files kept in memory', () => {
  it('read a file once, then answer from memory; too large a file is not kept at all', async () => {
    const kept = createKeptFiles({ maxFileBytes: 10, maxTotalBytes: 100 });
    let reads = 0;
    const read = () => {
      reads += 1;
      return Promise.resolve(bytesOf(10));
    };
    const first = await kept.bytes('a', 10, read);
    expect(await kept.bytes('a', 10, read)).toBe(first);
    expect(reads).toBe(1);
    expect(kept.bytes('big', 11, read)).toBeUndefined();
    expect(reads).toBe(1);
    expect(kept.stats()).toEqual({ files: 1, bytes: 10, hits: 1, reads: 1 });
  });

  it('share one read among the first readers of a file, and keep nothing of a failed read', async () => {
    const kept = createKeptFiles({ maxFileBytes: 10, maxTotalBytes: 100 });
    let release: (data: Uint8Array) => void = () => undefined;
    let reads = 0;
    const slow = () => {
      reads += 1;
      return new Promise<Uint8Array>((resolve) => (release = resolve));
    };
    const both = Promise.all([kept.bytes('a', 5, slow), kept.bytes('a', 5, slow)]);
    release(bytesOf(5));
    const [one, two] = await both;
    expect(one).toBe(two);
    expect(reads).toBe(1);

    const failing = () => Promise.reject(new Error('misses its chunk 1'));
    await expect(kept.bytes('b', 5, failing)).rejects.toThrow('misses its chunk 1');
    await expect(kept.bytes('b', 5, () => Promise.resolve(bytesOf(5, 2)))).resolves.toEqual(bytesOf(5, 2));
  });

  it('stay within the total, forgetting the least recently used first', async () => {
    const kept = createKeptFiles({ maxFileBytes: 40, maxTotalBytes: 100 });
    const read = (fill: number) => () => Promise.resolve(bytesOf(40, fill));
    await kept.bytes('a', 40, read(1));
    await kept.bytes('b', 40, read(2));
    await kept.bytes('a', 40, read(9)); // used again: now the most recent
    await kept.bytes('c', 40, read(3)); // 120 bytes: b goes
    expect(kept.stats()).toMatchObject({ files: 2, bytes: 80 });
    expect(await kept.bytes('a', 40, read(9))).toEqual(bytesOf(40, 1));
    expect(await kept.bytes('b', 40, read(7))).toEqual(bytesOf(40, 7));
  });
});
