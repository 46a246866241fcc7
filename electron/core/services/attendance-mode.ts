/**
 * How the school takes attendance (shared/domain.ts ATTENDANCE_MODES): once a day, or in every lesson of the
 * timetable. The setting (attendance.settings / attendance.updateSettings) and the timetable's lessons a
 * per-lesson register belongs to. Changing it leaves every register taken so far as it is: they stay readable
 * and keep counting (a rate counts every register's marks).
 */
import type { Types } from 'mongoose';
import type { AttendanceSettingsDto, ServiceInput } from '../../../shared/contract';
import { weekdayOfSchoolDay, type AttendanceMode } from '../../../shared/domain';
import type { TenantModels } from '../db/tenant';
import { requireAdmin } from './classes';
import type { Actor, ServiceDeps } from './context';
import { tenantOf } from './tenant-access';

const DEFAULT_MODE: AttendanceMode = 'daily';

async function storedSettings(models: TenantModels): Promise<AttendanceSettingsDto> {
  const stored = await models.AttendanceSettings.findOne({ key: 'attendance' }).lean();
  if (!stored) return { mode: DEFAULT_MODE };
  return { mode: stored.mode === 'period' ? 'period' : 'daily', updatedAt: stored.updatedAt };
}

export async function attendanceModeOf(models: TenantModels): Promise<AttendanceMode> {
  return (await storedSettings(models)).mode;
}

/** attendance.settings: anyone signed in. */
export async function getAttendanceSettings(deps: ServiceDeps, actor: Actor): Promise<AttendanceSettingsDto> {
  const { models } = await tenantOf(deps, actor);
  return storedSettings(models);
}

/** attendance.updateSettings: the admin; logged when it changes. */
export async function updateAttendanceSettings(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'attendance.updateSettings'>,
): Promise<AttendanceSettingsDto> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const before = await storedSettings(models);
  await models.AttendanceSettings.updateOne(
    { key: 'attendance' },
    { $set: { mode: input.mode }, $setOnInsert: { key: 'attendance' } },
    { upsert: true, runValidators: true },
  );
  if (before.mode !== input.mode) {
    await deps.activity.record(actor, {
      action: 'UPDATE',
      targetType: 'ATTENDANCE_SETTINGS',
      targetName: input.mode === 'period' ? 'Attendance in every lesson' : 'Attendance once a day',
      details: { from: before.mode, to: input.mode },
    });
  }
  return storedSettings(models);
}

export interface Lesson {
  subject: string;
  /** The entry's teacher and those teaching it with them. */
  teacherIds: Types.ObjectId[];
}

/** The timetable's lesson of a class in one period of a day (an entry of the class, or shared with it). */
export async function lessonOf(
  models: TenantModels,
  classId: Types.ObjectId,
  date: string,
  period: number,
): Promise<Lesson | null> {
  const entry = await models.Schedule.findOne(
    {
      day: weekdayOfSchoolDay(date),
      period,
      $or: [{ classId }, { alsoClassIds: classId }],
    },
    { subject: 1, teacherId: 1, alsoTeacherIds: 1 },
  ).lean();
  if (!entry) return null;
  return { subject: entry.subject, teacherIds: [entry.teacherId, ...(entry.alsoTeacherIds ?? [])] };
}

/** How many lesson registers a day's timetable asks for: one per class per period it has a lesson. */
export async function lessonsOn(models: TenantModels, date: string): Promise<number> {
  const entries = await models.Schedule.find(
    { day: weekdayOfSchoolDay(date) },
    { classId: 1, alsoClassIds: 1, period: 1 },
  ).lean();
  const registers = new Set(
    entries.flatMap((e) => [e.classId, ...(e.alsoClassIds ?? [])].map((c) => `${c.toString()}:${e.period}`)),
  );
  return registers.size;
}
