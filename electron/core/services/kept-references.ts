/**
 * The small facts list calls add to what they read — people's, classes' and rooms' names, students' roll
 * numbers, a class's students, a student's classes, a teacher's classes — kept per tenant in the process while
 * no write could have changed them (the models bump the tenant's reference generation around every such write:
 * db/tenant/reference-generation.ts). A list then costs one round of reads instead of two or three. Where the generation says nothing may be kept (not the
 * embedded engine), every call reads, as before.
 *
 * As the session cache does: the generation is taken before the read, and what was read is kept only if no
 * write began or ended meanwhile.
 */
import type { Connection, Types } from 'mongoose';
import { referenceGeneration } from '../db/tenant/reference-generation';

export type ReferenceKind =
  | 'user-name'
  | 'class-name'
  | 'room-name'
  | 'user-roll'
  | 'class-students'
  | 'student-classes'
  | 'teacher-classes';

/**
 * Facts kept per tenant at most (the oldest go first): a school of 5,000 students needs about 16,000 (each
 * student's name, roll number and classes, the teachers' and classes' facts).
 */
const MAX_KEPT = 30_000;

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

/** A fact kept per id: a name, a roll number, a class's students. */
type IdFact = string | number | readonly Types.ObjectId[];

type PerIdKind = Exclude<ReferenceKind, 'student-classes' | 'teacher-classes'>;

/** Tells a kept fact of each kind from "there is none" (null) and from nothing kept (undefined). */
const isFact: Record<PerIdKind, (v: unknown) => boolean> = {
  'user-name': (v) => typeof v === 'string',
  'class-name': (v) => typeof v === 'string',
  'room-name': (v) => typeof v === 'string',
  'user-roll': (v) => typeof v === 'number',
  'class-students': (v) => Array.isArray(v),
};

/**
 * id → fact of `ids` (ids without one are left out): the kept ones, and `read` for the others (it answers
 * only those it found). Ids are answered as lower-case hex, whatever the case asked.
 */
async function keptById<T extends IdFact>(
  conn: Connection,
  kind: PerIdKind,
  ids: readonly string[],
  read: (ids: string[]) => Promise<Map<string, T>>,
): Promise<Map<string, T>> {
  const generation = referenceGeneration(conn);
  if (generation === undefined) return read([...ids]);
  const { facts } = keptAt(conn, generation);
  const found = new Map<string, T>();
  const missing: string[] = [];
  for (const id of ids) {
    const fact = facts.get(keyOf(kind, id.toLowerCase()));
    if (isFact[kind](fact)) found.set(id.toLowerCase(), fact as T);
    else if (fact !== null) missing.push(id);
  }
  if (missing.length === 0) return found;
  const answered = await read(missing);
  keep(
    conn,
    generation,
    missing.map((id) => id.toLowerCase()).map((id) => [keyOf(kind, id), answered.get(id) ?? null]),
  );
  for (const [id, fact] of answered) found.set(id, fact);
  return found;
}

/** id → name of `ids` (ids that name nothing are left out), kept. */
export function keptNames(
  conn: Connection,
  kind: 'user-name' | 'class-name' | 'room-name',
  ids: readonly string[],
  read: (ids: string[]) => Promise<Map<string, string>>,
): Promise<Map<string, string>> {
  return keptById(conn, kind, ids, read);
}

/** Student id → roll number of `ids` (those without one are left out), kept. */
export function keptRollNumbers(
  conn: Connection,
  ids: readonly string[],
  read: (ids: string[]) => Promise<Map<string, number>>,
): Promise<Map<string, number>> {
  return keptById(conn, 'user-roll', ids, read);
}

/** Class id → its students, of `ids` (classes that do not exist are left out), kept; fresh arrays each time. */
export async function keptClassStudents(
  conn: Connection,
  ids: readonly string[],
  read: (ids: string[]) => Promise<Map<string, Types.ObjectId[]>>,
): Promise<Map<string, Types.ObjectId[]>> {
  const found = await keptById<readonly Types.ObjectId[]>(conn, 'class-students', ids, read);
  return new Map([...found].map(([id, students]) => [id, [...students]]));
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
