/**
 * The institution's activity log for the admin: filtered by user, username, action, target type and time,
 * newest first, a page at a time. Only the caller's own tenant log (from the token) is ever read.
 */
import type { Types, QueryFilter } from 'mongoose';
import { EXACT_COUNT_LIMIT, type ActivityDto, type ServiceInput } from '../../../shared/contract';
import { isRole } from '../../../shared/roles';
import type { ActivityLogDoc } from '../db/tenant';
import { AppError } from '../errors/app-error';
import type { Actor, ServiceDeps } from './context';
import { objectId, tenantOf } from './tenant-access';

interface StoredActivity {
  _id: Types.ObjectId;
  userId?: Types.ObjectId | null;
  username: string;
  role?: string | null;
  action: string;
  targetType: string;
  targetId?: Types.ObjectId | null;
  targetName?: string | null;
  details?: unknown;
  ipAddress?: string | null;
  userAgent?: string | null;
  timestamp: Date;
}

/** A search box's text as a literal pattern: every regex character escaped. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function toActivity(doc: StoredActivity): ActivityDto {
  return {
    id: doc._id.toString(),
    ...(doc.userId ? { userId: doc.userId.toString() } : {}),
    username: doc.username,
    ...(isRole(doc.role) ? { role: doc.role } : {}),
    action: doc.action,
    targetType: doc.targetType,
    ...(doc.targetId ? { targetId: doc.targetId.toString() } : {}),
    ...(doc.targetName ? { targetName: doc.targetName } : {}),
    ...(isPlainRecord(doc.details) ? { details: doc.details } : {}),
    ipAddress: doc.ipAddress || 'local',
    userAgent: doc.userAgent ?? '',
    timestamp: doc.timestamp,
  };
}

export async function listActivity(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'activity.list'>,
): Promise<{
  items: ActivityDto[];
  total: number;
  totalIsLowerBound?: boolean;
  page: number;
  pageSize: number;
}> {
  const { models } = await tenantOf(deps, actor);
  if (input.from && input.to && input.to.getTime() < input.from.getTime()) {
    throw new AppError('VALIDATION', 'The end of the period is before its start.', {
      to: 'The end is before the start.',
    });
  }
  const filter: QueryFilter<ActivityLogDoc> = {};
  // A malformed id cannot reach here (the contract checks ids); an unknown one simply matches nothing.
  if (input.userId) filter.userId = objectId(input.userId, 'This person');
  if (input.search) filter.username = { $regex: escapeRegex(input.search), $options: 'i' };
  if (input.action) filter.action = input.action;
  if (input.targetType) filter.targetType = input.targetType;
  if (input.from || input.to) {
    filter.timestamp = {
      ...(input.from ? { $gte: input.from } : {}),
      ...(input.to ? { $lte: input.to } : {}),
    };
  }
  if (input.before) {
    // Older than the given entry in the log's order (time, then id): a range on the timestamp index.
    const { timestamp, id } = input.before;
    filter.$or = [{ timestamp: { $lt: timestamp } }, { timestamp, _id: { $lt: objectId(id, 'The entry') } }];
  }
  const [counted, docs] = await Promise.all([
    // Counting stops one past the limit: the engine counts in an index, never the whole log.
    models.ActivityLog.countDocuments(filter, { limit: EXACT_COUNT_LIMIT + 1 }),
    models.ActivityLog.find(filter)
      .sort({ timestamp: -1, _id: -1 })
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .lean<StoredActivity[]>(),
  ]);
  const capped = counted > EXACT_COUNT_LIMIT;
  return {
    items: docs.map(toActivity),
    total: capped ? EXACT_COUNT_LIMIT : counted,
    ...(capped ? { totalIsLowerBound: true } : {}),
    page: input.page,
    pageSize: input.pageSize,
  };
}
