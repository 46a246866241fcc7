// The school's week as the office sets it (week.get / week.update): days, periods, bell times, breaks.
/**
 * The school's working week (shared/school-week.ts): one document in the tenant, the defaults until the admin
 * saves one. Timetable entries must fall inside it, so a change that would strand entries is refused.
 */
import type { ServiceInput } from '../../../../shared/contract';
import { WEEKDAYS, type Weekday } from '../../../../shared/domain';
import { DEFAULT_WEEK, inWeekOrder, type SchoolWeek } from '../../../../shared/school-week';
import type { TenantModels } from '../../db/tenant';
import { AppError } from '../../errors/app-error';
import { requireAdmin } from '../classes';
import type { Actor, ServiceDeps } from '../context';
import { tenantOf } from '../tenant-access';

export interface WeekRecord extends SchoolWeek {
  saved: boolean;
}

/** The stored week, or the defaults. */
export async function schoolWeekOf(models: TenantModels): Promise<WeekRecord> {
  const stored = await models.SchoolWeek.findOne({ key: 'week' }).lean();
  if (!stored) return { ...DEFAULT_WEEK, saved: false };
  return {
    days: inWeekOrder(stored.days.filter((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d))),
    periods: stored.periods.map((p) => ({ timeSlot: p.timeSlot, breakAfter: p.breakAfter === true })),
    saved: true,
  };
}

/** week.get: anyone signed in. */
export async function getWeek(deps: ServiceDeps, actor: Actor): Promise<WeekRecord> {
  const { models } = await tenantOf(deps, actor);
  return schoolWeekOf(models);
}

/** week.update: CONFLICT while timetable entries fall on a dropped day or a dropped period. */
export async function updateWeek(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'week.update'>,
): Promise<WeekRecord> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const days = inWeekOrder(input.days);
  const periods = input.periods.map((p) => ({ timeSlot: p.timeSlot, breakAfter: p.breakAfter }));
  const outside = await models.Schedule.countDocuments({
    $or: [{ day: { $nin: days } }, { period: { $gt: periods.length } }],
  });
  if (outside > 0) {
    throw new AppError(
      'CONFLICT',
      `${outside} timetable ${outside === 1 ? 'entry falls' : 'entries fall'} on a day or period this week ` +
        'leaves out. Move or delete them in the timetable first.',
      { days: 'Entries fall outside this week.' },
    );
  }
  await models.SchoolWeek.updateOne(
    { key: 'week' },
    { $set: { days, periods }, $setOnInsert: { key: 'week' } },
    { upsert: true, runValidators: true },
  );
  // The seed's `timeSlot` of every entry follows its period's bell time.
  for (const [i, p] of periods.entries()) {
    await models.Schedule.updateMany(
      { period: i + 1, timeSlot: { $ne: p.timeSlot } },
      { $set: { timeSlot: p.timeSlot } },
    );
  }
  await deps.activity.record(actor, {
    action: 'UPDATE',
    targetType: 'SCHOOL_WEEK',
    targetName: `${days.length} days × ${periods.length} periods`,
    details: { days, periods: periods.map((p) => p.timeSlot) },
  });
  return { days, periods, saved: true };
}
