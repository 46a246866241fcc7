import type { MongooseQueryMiddleware, Schema } from 'mongoose';
import { subsetGuardPlugin } from '../subset-plugin';

/** Every tenant schema gets the subset guard. */
export function guarded<S extends Schema>(schema: S): S {
  schema.plugin(subsetGuardPlugin);
  return schema;
}

/** The query operations that write: hooks that follow writes register on all of them. */
export const WRITE_QUERIES: MongooseQueryMiddleware[] = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'findOneAndReplace',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
];
