import type { MongooseQueryMiddleware, Schema } from 'mongoose';
import { operationTimingPlugin } from '../operation-timing';
import { subsetGuardPlugin } from '../subset-plugin';

/** Every tenant schema gets the subset guard, and its operations are timed for the health page. */
export function guarded<S extends Schema>(schema: S): S {
  schema.plugin(subsetGuardPlugin);
  schema.plugin(operationTimingPlugin);
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
