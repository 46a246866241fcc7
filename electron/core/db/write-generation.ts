/**
 * Hooks that tell a process-wide number that a model's data may have changed, so what is computed from it can be
 * kept in the process (the station is the one writer of its databases) and recomputed once the number moved.
 * The number moves before a write is sent and again once it is done: a computation that began before the write
 * (and may have read the old state) never keeps the number it began with.
 */
import type { Connection, Schema } from 'mongoose';
import { WRITE_QUERIES } from './tenant/common';

/** Top-level field names an update document writes (`$set: {a.b}` → a; a replacement's own keys). */
function updatedFields(update: unknown): string[] {
  if (!update || typeof update !== 'object') return [];
  const fields: string[] = [];
  for (const [key, value] of Object.entries(update as Record<string, unknown>)) {
    if (key.startsWith('$')) {
      if (!value || typeof value !== 'object') continue;
      fields.push(...Object.keys(value).map((k) => k.split('.')[0]!));
      // A renamed field is written under its new name too.
      if (key === '$rename') fields.push(...Object.values(value).map((k) => String(k).split('.')[0]!));
    } else {
      fields.push(key.split('.')[0]!);
    }
  }
  return fields;
}

/**
 * Calls `bump` with the model's connection around every insert, deletion and bulk write, and every update that
 * writes one of `fields` (all updates when `fields` is omitted): documents saved, queries, and a document's own
 * `updateOne`/`deleteOne`.
 */
export function followWrites(
  schema: Schema,
  fields: readonly string[] | undefined,
  bump: (conn: Connection) => void,
): void {
  const matters = (written: readonly string[]) => !fields || written.some((f) => fields.includes(f));
  schema.pre('save', function () {
    this.$locals.writeMatters = this.isNew || matters(this.modifiedPaths());
    if (this.$locals.writeMatters === true) bump(this.db);
  });
  schema.post('save', function () {
    if (this.$locals.writeMatters === true) bump(this.db);
  });
  type QueryThis = { op?: string; model: { db: Connection }; getUpdate(): unknown };
  const onQuery = function (this: QueryThis) {
    // A deletion, a replacement (which drops every field it does not name) and a pipeline update always count.
    const whole = /delete|replace/i.test(this.op ?? 'delete') || Array.isArray(this.getUpdate());
    if (whole || matters(updatedFields(this.getUpdate()))) bump(this.model.db);
  };
  // Model middleware (`this` is the model) and a document's own writes (`this` is the document).
  const onModelOrDocument = function (this: { db: Connection }) {
    bump(this.db);
  };
  const documentOnly = { document: true, query: false } as const;
  schema.pre(WRITE_QUERIES, onQuery);
  schema.post(WRITE_QUERIES, onQuery);
  schema.pre('insertMany', onModelOrDocument);
  schema.post('insertMany', onModelOrDocument);
  schema.pre('bulkWrite', onModelOrDocument);
  schema.post('bulkWrite', onModelOrDocument);
  schema.pre(['updateOne', 'deleteOne'], documentOnly, onModelOrDocument);
  schema.post(['updateOne', 'deleteOne'], documentOnly, onModelOrDocument);
}

/** A number per database that `follow`'s hooks move around every write that matters (see followWrites). */
export interface DatabaseGenerations {
  of: (databaseName: string) => number;
  /** The model's hooks: every insert and deletion, every update that writes one of `fields` (all if none). */
  follow: (schema: Schema, fields?: readonly string[]) => void;
}

export function createDatabaseGenerations(): DatabaseGenerations {
  const generations = new Map<string, number>();
  const of = (databaseName: string) => generations.get(databaseName) ?? 0;
  return {
    of,
    follow: (schema, fields) =>
      followWrites(schema, fields, (conn) => generations.set(conn.name, of(conn.name) + 1)),
  };
}
