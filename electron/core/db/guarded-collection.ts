/**
 * The subset guard for raw driver calls the core makes outside mongoose models (GridFS aside): every filter,
 * update and pipeline passes the same checks as the mongoose plugin's.
 */
import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import { assertSupportedBulkOperation, FILTER_OPERATIONS, UPDATE_OPERATIONS } from './subset-plugin';
import {
  assertSupportedFilter,
  assertSupportedPipeline,
  assertSupportedProjection,
  assertSupportedUpdate,
} from './subset-guard';

const FILTER_FIRST = new Set<string>([...FILTER_OPERATIONS, ...UPDATE_OPERATIONS]);
const UPDATES = new Set<string>(UPDATE_OPERATIONS);

export function guardCollection<T extends Document>(collection: Collection<T>): Collection<T> {
  return new Proxy(collection, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        if (FILTER_FIRST.has(property)) assertSupportedFilter(args[0]);
        if (UPDATES.has(property)) assertSupportedUpdate(args[1], args[2] as { arrayFilters?: unknown });
        if (property === 'distinct') assertSupportedFilter(args[1]);
        if (property === 'find' || property === 'findOne')
          assertSupportedProjection((args[1] as { projection?: unknown } | undefined)?.projection, args[0]);
        if (property === 'aggregate') assertSupportedPipeline(args[0]);
        if (property === 'bulkWrite')
          (args[0] as AnyBulkWriteOperation<T>[]).forEach(assertSupportedBulkOperation);
        return method.apply(target, args);
      };
    },
  });
}
