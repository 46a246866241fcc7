/** Teachers' limits for the generator: slots they cannot teach, most periods a day, most working days a week. */
import type { ServiceInput } from '../../../../shared/contract';
import { WEEKDAYS, type Weekday } from '../../../../shared/domain';
import type { TenantModels } from '../../db/tenant';
import { AppError } from '../../errors/app-error';
import { existingTeacher, requireAdmin, requireTeacher } from '../classes';
import type { Actor, ServiceDeps } from '../context';
import { tenantOf } from '../tenant-access';

export interface TeacherLimitsRecord {
  teacherId: string;
  unavailable: { day: Weekday; period: number }[];
  maxPeriodsPerDay?: number | undefined;
  maxDaysPerWeek?: number | undefined;
}

type StoredLimits = {
  teacherId: { toString(): string };
  unavailable: { day: string; period: number }[];
  maxPeriodsPerDay?: number | null;
  maxDaysPerWeek?: number | null;
};

const dayIndex = (day: string) => WEEKDAYS.indexOf(day as Weekday);

export function toLimitsRecord(stored: StoredLimits): TeacherLimitsRecord {
  return {
    teacherId: stored.teacherId.toString(),
    unavailable: stored.unavailable
      .filter((s) => dayIndex(s.day) >= 0)
      .map((s) => ({ day: s.day as Weekday, period: s.period }))
      .sort((a, b) => dayIndex(a.day) - dayIndex(b.day) || a.period - b.period),
    maxPeriodsPerDay: stored.maxPeriodsPerDay ?? undefined,
    maxDaysPerWeek: stored.maxDaysPerWeek ?? undefined,
  };
}

/** Every teacher's stored limits, by teacher id (teachers without any are absent). */
export async function allTeacherLimits(models: TenantModels): Promise<Map<string, TeacherLimitsRecord>> {
  // In a fixed order: the map's order reaches the timetable problem's fingerprint.
  const all = await models.TeacherLimits.find({}).sort({ teacherId: 1, _id: 1 }).lean();
  return new Map(all.map((l) => [l.teacherId.toString(), toLimitsRecord(l)]));
}

/** availability.get: admin any teacher, a teacher their own. */
export async function getAvailability(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'availability.get'>,
): Promise<TeacherLimitsRecord> {
  if (actor.role === 'student' || (actor.role === 'teacher' && actor.userId !== input.teacherId)) {
    throw new AppError('NOT_FOUND', 'The teacher was not found.', { teacherId: 'Not found.' });
  }
  const { models } = await tenantOf(deps, actor);
  const teacherId = await existingTeacher(models, input.teacherId);
  const stored = await models.TeacherLimits.findOne({ teacherId }).lean();
  return stored ? toLimitsRecord(stored) : { teacherId: input.teacherId, unavailable: [] };
}

/** availability.set: replaces the teacher's limits (`null` clears one). */
export async function setAvailability(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'availability.set'>,
): Promise<TeacherLimitsRecord> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const teacherId = await requireTeacher(models, input.teacherId);
  const $set: Record<string, unknown> = { unavailable: input.unavailable };
  const $unset: Record<string, 1> = {};
  if (input.maxPeriodsPerDay === null) $unset.maxPeriodsPerDay = 1;
  else $set.maxPeriodsPerDay = input.maxPeriodsPerDay;
  if (input.maxDaysPerWeek === null) $unset.maxDaysPerWeek = 1;
  else $set.maxDaysPerWeek = input.maxDaysPerWeek;
  await models.TeacherLimits.updateOne(
    { teacherId },
    { $set, ...(Object.keys($unset).length > 0 ? { $unset } : {}), $setOnInsert: { teacherId } },
    { upsert: true, runValidators: true },
  );
  const stored = await models.TeacherLimits.findOne({ teacherId }).lean();
  const teacher = await models.User.findById(teacherId, { name: 1 }).lean();
  await deps.activity.record(actor, {
    action: 'UPDATE',
    targetType: 'TEACHER_LIMITS',
    targetId: teacherId,
    targetName: teacher?.name,
    details: {
      unavailable: input.unavailable.length,
      maxPeriodsPerDay: input.maxPeriodsPerDay,
      maxDaysPerWeek: input.maxDaysPerWeek,
    },
  });
  return toLimitsRecord(stored!);
}
