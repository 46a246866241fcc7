/**
 * What the services computed from a tenant's data, kept in the process while nothing that could change it was
 * written: the models bump a per-database generation around every such write (db/write-generation.ts), and a
 * value counts only under the generation it was read at. A read that a write overtook is answered but not
 * kept. Only where this process is the one writer of the data (the embedded engine, as for kept sessions):
 * with MONGODB_URI another station may write, and the runtime keeps nothing (every call reads).
 */
import type { Types } from 'mongoose';
import type { Role } from '../../../shared/roles';
import { dropLeastUsed, useEntry } from '../../../shared/recently-used';
import type { AssignmentFiguresDoc } from '../db/tenant/assignment-figures';

export interface KeptValues<T> {
  /** The value kept for `key` of this database, if its generation stands and `usable` agrees; else `read`. */
  get(databaseName: string, key: string, read: () => Promise<T>, usable?: (value: T) => boolean): Promise<T>;
}

export interface KeptValuesOptions {
  /** The database's generation (db/write-generation.ts, `createDatabaseGenerations`). */
  generationOf: (databaseName: string) => number;
  /** Values kept at most: the least recently used go first. */
  maxEntries: number;
  /**
   * Read again after this long even when nothing was written: what the hooks cannot see (a write by hand to
   * the database under a running station) holds this long at most. 30 s unless said, as for kept sessions.
   */
  maxAgeMs?: number | undefined;
  now?: (() => number) | undefined;
}

export function createKeptValues<T>(options: KeptValuesOptions): KeptValues<T> {
  const { generationOf, maxEntries } = options;
  const maxAge = options.maxAgeMs ?? 30_000;
  const now = options.now ?? Date.now;
  const kept = new Map<string, { generation: number; readAt: number; value: T }>();
  return {
    async get(databaseName, key, read, usable = () => true) {
      const id = `${databaseName}\u0000${key}`;
      // Taken before the read: a write that overtakes it moves the number, and what it found is not kept.
      const generation = generationOf(databaseName);
      const entry = useEntry(kept, id);
      if (entry?.generation === generation && now() - entry.readAt <= maxAge && usable(entry.value)) {
        return entry.value;
      }
      kept.delete(id);
      const readAt = now();
      const value = await read();
      if (generationOf(databaseName) === generation) {
        kept.set(id, { generation, readAt, value });
        dropLeastUsed(kept, () => kept.size > maxEntries);
      }
      return value;
    },
  };
}

// ── What is kept (ServiceDeps names these; the modules that read them say how) ────────────────────────────────

/** Someone a person may chat with (chat-circles.ts). */
export interface Partner {
  id: Types.ObjectId;
  name: string;
  role: Role;
}

/** Everyone a person may chat with among the tenant's users (a teacher's admin is not among them). */
export interface Circle {
  people: readonly Partner[];
  byId: ReadonlyMap<string, Partner>;
}

/** Who may chat with whom, kept (chat-circles.ts): each person's circle, and each institution's admin. */
export interface ChatCircles {
  circles: KeptValues<Circle>;
  /** A tenant's admin (a teacher's partner besides their circle), null where there is none; key ''. */
  admins: KeptValues<Partner | null>;
}

/** What the institution report reads that grows with the school (institution-report-base.ts). */
export interface ReportBase {
  classes: Array<{ _id: Types.ObjectId; name: string; grade: number; students: number }>;
  school: AssignmentFiguresDoc;
  /** The figures of the assignments due in the range read (kept: due at or after `readAt`). */
  assignments: AssignmentFiguresDoc[];
  readAt: number;
}

export type InstitutionReports = KeptValues<ReportBase>;
