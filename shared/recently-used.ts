/**
 * A Map as a store that forgets the least recently used first: a Map iterates in insertion order, so an entry
 * taken out and put back at each use keeps the least recently used at the front. The core's keepers (sessions,
 * verified tokens, kept values, file bytes, tenant handles) share these two steps.
 */

/** The entry for `key`, now the most recently used; undefined when there is none. */
export function useEntry<K, V>(map: Map<K, V>, key: K): V | undefined {
  const value = map.get(key);
  if (value === undefined) return undefined;
  map.delete(key);
  map.set(key, value);
  return value;
}

/** Drops the least recently used entries, each passed to `dropped`, for as long as `tooMany()` says so. */
export function dropLeastUsed<K, V>(
  map: Map<K, V>,
  tooMany: () => boolean,
  dropped?: (value: V) => void,
): void {
  for (const [key, value] of map) {
    if (!tooMany()) return;
    map.delete(key);
    dropped?.(value);
  }
}
