import { describe, expect, it } from 'vitest';
import { dropLeastUsed, useEntry } from '../../shared/recently-used';

describe('a Map used least recently used first', () => {
  it('an entry used goes to the back; a missing one is undefined and changes nothing', () => {
    const map = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    expect(useEntry(map, 'a')).toBe(1);
    expect([...map.keys()]).toEqual(['b', 'c', 'a']);
    expect(useEntry(map, 'x')).toBeUndefined();
    expect([...map.keys()]).toEqual(['b', 'c', 'a']);
  });

  it('drops from the front while told to, handing each dropped value on', () => {
    const map = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    useEntry(map, 'a');
    const dropped: number[] = [];
    dropLeastUsed(
      map,
      () => map.size > 1,
      (v) => dropped.push(v),
    );
    expect(dropped).toEqual([2, 3]);
    expect([...map.keys()]).toEqual(['a']);
    dropLeastUsed(map, () => false);
    expect(map.size).toBe(1);
  });
});
