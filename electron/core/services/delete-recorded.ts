/**
 * The delete every admin list shares: one document by id, gone in one step (`findOneAndDelete`, so what is
 * logged is what was removed), then the activity entry. A missing or malformed id is the caller's NOT_FOUND.
 */
import type { Model } from 'mongoose';
import type { AppError } from '../errors/app-error';
import type { ActivityEntry } from './activity-log';
import type { Actor, ServiceDeps } from './context';
import { objectId } from './tenant-access';

export interface DeleteRecordedSpec<T> {
  /** How the entry names the thing in messages: "This notice". */
  what: string;
  notFound: () => AppError;
  targetType: string;
  /** The log entry's name and details, from the removed document (may read more, e.g. a class's name). */
  describe: (
    removed: T,
  ) => Pick<ActivityEntry, 'targetName' | 'details'> | Promise<Pick<ActivityEntry, 'targetName' | 'details'>>;
}

export async function deleteRecorded<T>(
  deps: ServiceDeps,
  actor: Actor,
  model: Model<T>,
  rawId: string,
  spec: DeleteRecordedSpec<T>,
): Promise<T> {
  const id = objectId(rawId, spec.what);
  // No projection: the embedded engine refuses one on findAndModify.
  const removed = await model.findOneAndDelete({ _id: id }).lean<T>();
  if (!removed) throw spec.notFound();
  await deps.activity.record(actor, {
    action: 'DELETE',
    targetType: spec.targetType,
    targetId: id,
    ...(await spec.describe(removed)),
  });
  return removed;
}
