/**
 * The small facts list calls add to what they read — people's, classes' and rooms' names, a student's class, a
 * teacher's classes — kept per tenant in the process while no write could have changed them (the models bump
 * the tenant's reference generation around every such write: db/tenant/reference-generation.ts). A list then
 * costs one round of reads instead of two or three. Where the generation says nothing may be kept (not the
 * embedded engine), every call reads, as before.
 *
 * As the session cache does: the generation is taken before the read, and what was read is kept only if no
 * write began or ended meanwhile.
 */
import type { Connection, Types } from 'mongoose';
import { referenceGeneration } from '../db/tenant/reference-generation';

export type ReferenceKind = 'user-name' | 'class-name' | 'room-name' | 'student-classes' | 'teacher-classes';

/** Facts kept per tenant at most (the oldest go first): a school of 5,000 students needs about 11,000. */
const MAX_KEPT = 20_000;

interface Kept {
  generation: number;
  /** `${kind}\0${key}` → the fact; null for "there is none" (an id that names nothing). */
  facts: Map<string, unknown>;
}

const kept = new WeakMap<Connection, Kept>();

function keptAt(conn: Connection, generation: number): Kept {
  let entry = kept.get(conn);
  if (entry?.generation !== generation) {
    entry = { generation, facts: new Map() };
    kept.set(conn, entry);
  }
  return entry;
}

function keep(conn: Connection, generation: number, facts: Iterable<[string, unknown]>): void {
  // A write began or ended while reading: what was read may be the old state.
  if (referenceGeneration(conn) !== generation) return;
  const entry = keptAt(conn, generation);
  for (const [key, fact] of facts) entry.facts.set(key, fact);
  for (const oldest of entry.facts.keys()) {
    if (entry.facts.size <= MAX_KEPT) break;
    entry.facts.delete(oldest);
  }
}

const keyOf = (kind: ReferenceKind, id: string) => `${kind}\u0000${id}`;

/**
 * id → name of `ids` (ids that name nothing are left out): the kept ones, and `read` for the others (it
 * answers only those it found).
 */
export async function keptNames(
  conn: Connection,
  kind: ReferenceKind,
  ids: readonly string[],
  read: (ids: string[]) => Promise<Map<string, string>>,
): Promise<Map<string, string>> {
  const generation = referenceGeneration(conn);
  if (generation === undefined) return read([...ids]);
  const { facts } = keptAt(conn, generation);
  const names = new Map<string, string>();
  const missing: string[] = [];
  // Ids are read back as lower-case hex: the answer is keyed so, whatever the case asked.
  for (const id of ids) {
    const name = facts.get(keyOf(kind, id.toLowerCase()));
    if (typeof name === 'string') names.set(id.toLowerCase(), name);
    else if (name !== null) missing.push(id);
  }
  if (missing.length === 0) return names;
  const found = await read(missing);
  const lower = missing.map((id) => id.toLowerCase());
  keep(
    conn,
    generation,
    lower.map((id) => [keyOf(kind, id), found.get(id) ?? null]),
  );
  for (const [id, name] of found) names.set(id, name);
  return names;
}

/** The ids `read` answers for `key` (a person's classes), kept; a fresh array each time. */
export async function keptIds(
  conn: Connection,
  kind: ReferenceKind,
  key: string,
  read: () => Promise<Types.ObjectId[]>,
): Promise<Types.ObjectId[]> {
  const generation = referenceGeneration(conn);
  if (generation === undefined) return read();
  const fact = keptAt(conn, generation).facts.get(keyOf(kind, key));
  if (Array.isArray(fact)) return [...(fact as Types.ObjectId[])];
  const ids = await read();
  keep(conn, generation, [[keyOf(kind, key), [...ids]]]);
  return ids;
}
