/**
 * A number per tenant database that changes whenever who may chat with whom may have changed: a person added,
 * removed, renamed, given another role or (de)activated, a class's teacher or students, a timetable entry.
 * The models' hooks bump it after every such write, so what is computed from those facts can be kept in the
 * process (the station is the one writer of its databases) and recomputed when the number moved.
 */
import type { Connection, Schema } from 'mongoose';
import { WRITE_QUERIES } from './common';

const generations = new Map<string, number>();

export function circleGeneration(databaseName: string): number {
  return generations.get(databaseName) ?? 0;
}

function bump(conn: Connection): void {
  generations.set(conn.name, circleGeneration(conn.name) + 1);
}

/** Top-level field names an update document writes (`$set: {a.b}` → a; a replacement's own keys). */
function updatedFields(update: unknown): string[] {
  if (!update || typeof update !== 'object') return [];
  const fields: string[] = [];
  for (const [key, value] of Object.entries(update as Record<string, unknown>)) {
    if (key.startsWith('$')) {
      if (value && typeof value === 'object') fields.push(...Object.keys(value).map((k) => k.split('.')[0]!));
    } else {
      fields.push(key.split('.')[0]!);
    }
  }
  return fields;
}

/**
 * The model's hooks: every insert and deletion bumps the generation, and every update that writes one of
 * `fields` (all updates when `fields` is omitted).
 */
export function followCircleWrites(schema: Schema, fields?: readonly string[]): void {
  const matters = (written: readonly string[]) => !fields || written.some((f) => fields.includes(f));
  schema.pre('save', function () {
    this.$locals.circleChanged = this.isNew || matters(this.modifiedPaths());
  });
  schema.post('save', function () {
    if (this.$locals.circleChanged === true) bump(this.db);
  });
  schema.post('insertMany', function () {
    bump(this.db);
  });
  schema.post(
    WRITE_QUERIES,
    function (this: { op?: string; model: { db: Connection }; getUpdate(): unknown }) {
      const deletion = this.op?.toLowerCase().includes('delete') ?? true;
      if (deletion || matters(updatedFields(this.getUpdate()))) bump(this.model.db);
    },
  );
}
