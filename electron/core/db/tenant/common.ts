import type { Schema } from 'mongoose';
import { subsetGuardPlugin } from '../subset-plugin';

/** Every tenant schema gets the subset guard. */
export function guarded<S extends Schema>(schema: S): S {
  schema.plugin(subsetGuardPlugin);
  return schema;
}
