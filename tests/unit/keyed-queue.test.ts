import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from '../../electron/core/db/keyed-queue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('keyed queue', () => {
  it('runs work with one key one at a time, in order, past failures; other keys run freely', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    const step =
      (name: string, fail = false) =>
      async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    const a1 = queue.run('a', step('a1', true));
    const a2 = queue.run('a', step('a2'));
    const b1 = queue.run('b', step('b1'));
    await expect(a1).rejects.toThrow('a1');
    expect(await a2).toBe('a2');
    expect(await b1).toBe('b1');
    expect(log.indexOf('a1 end')).toBeLessThan(log.indexOf('a2 start'));
    expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'));
    await tick();
    expect(queue.size).toBe(0);
  });
});
