/**
 * The timetable. A teacher, or a class, is in one place per day and period: before writing, the service looks
 * for the clash and answers CONFLICT naming it ("Mr Rao already teaches Class 10-A on Monday, period 3"); the
 * unique indexes are the last line of defence against two writes racing, and their E11000 gets the same answer.
 */
import type { QueryFilter, Types } from 'mongoose';
import type { ServiceInput } from '../../../shared/contract';
import { WEEKDAYS, type Weekday } from '../../../shared/domain';
import type { ScheduleDoc, TenantModels } from '../db/tenant';
import { AppError, isDuplicateKeyError } from '../errors/app-error';
import {
  classIdsOfStudent,
  classIdsTaughtBy,
  existingTeacher,
  namesOf,
  requireAdmin,
  requireTeacher,
} from './classes';
import { deleteRecorded } from './delete-recorded';
import type { Actor, ServiceDeps } from './context';
import { objectId, tenantOf } from './tenant-access';

export interface ScheduleRecord {
  id: string;
  teacherId: string;
  classId: string;
  subject: string;
  day: Weekday;
  period: number;
  timeSlot: string;
  createdAt: Date;
  teacherName?: string | undefined;
  className?: string | undefined;
}

type StoredSchedule = {
  _id: Types.ObjectId;
  teacherId: Types.ObjectId;
  classId: Types.ObjectId;
  subject: string;
  day: string;
  period: number;
  timeSlot: string;
  createdAt: Date;
};

/** Entries with their teachers' and classes' names, sorted by day of the week, period and class. */
async function describe(models: TenantModels, entries: StoredSchedule[]): Promise<ScheduleRecord[]> {
  const teacherIds = [...new Set(entries.map((e) => e.teacherId.toString()))];
  const classIds = [...new Set(entries.map((e) => e.classId.toString()))];
  const [teachers, classes] = await Promise.all([
    namesOf(models, teacherIds),
    classIds.length > 0
      ? models.Class.find({ _id: { $in: classIds } }, { name: 1 }).lean()
      : Promise.resolve([]),
  ]);
  const classNames = new Map(classes.map((c) => [c._id.toString(), c.name]));
  const records = entries.map((e) => ({
    id: e._id.toString(),
    teacherId: e.teacherId.toString(),
    classId: e.classId.toString(),
    subject: e.subject,
    day: e.day as Weekday,
    period: e.period,
    timeSlot: e.timeSlot,
    createdAt: e.createdAt,
    teacherName: teachers.get(e.teacherId.toString()),
    className: classNames.get(e.classId.toString()),
  }));
  const dayIndex = (day: Weekday) => WEEKDAYS.indexOf(day);
  return records.sort(
    (a, b) =>
      dayIndex(a.day) - dayIndex(b.day) ||
      a.period - b.period ||
      (a.className ?? '').localeCompare(b.className ?? ''),
  );
}

function notFound(what: 'class' | 'teacher'): AppError {
  return new AppError('NOT_FOUND', `The ${what} was not found.`, { [`${what}Id`]: 'Not found.' });
}

async function requireClass(
  models: TenantModels,
  id: string,
): Promise<{ _id: Types.ObjectId; name: string }> {
  const found = await models.Class.findById(objectId(id, 'The class'), { name: 1 }).lean();
  if (!found) throw notFound('class');
  return found;
}

interface Slot {
  teacherId: Types.ObjectId;
  classId: Types.ObjectId;
  day: Weekday;
  period: number;
}

/** The clash with an existing entry (other than `except`) as the CONFLICT to answer, or null. */
async function findClash(
  models: TenantModels,
  slot: Slot,
  except?: Types.ObjectId,
): Promise<AppError | null> {
  const others = except ? { _id: { $ne: except } } : {};
  const when = { day: slot.day, period: slot.period };
  const [teacherBusy, classBusy] = await Promise.all([
    models.Schedule.findOne({ ...others, ...when, teacherId: slot.teacherId }).lean(),
    models.Schedule.findOne({ ...others, ...when, classId: slot.classId }).lean(),
  ]);
  const clash = teacherBusy ?? classBusy;
  if (!clash) return null;
  const [described] = await describe(models, [clash]);
  const teacher = described?.teacherName ?? 'Another teacher';
  const cls = described?.className ?? 'another class';
  const at = `on ${slot.day}, period ${slot.period}`;
  if (teacherBusy) {
    return new AppError('CONFLICT', `${teacher} already teaches ${cls} ${at}.`, {
      teacherId: `Already teaching ${cls} ${at}.`,
    });
  }
  return new AppError('CONFLICT', `${cls} already has ${clash.subject} with ${teacher} ${at}.`, {
    classId: `Already has ${clash.subject} ${at}.`,
  });
}

/** After an E11000 from the unique indexes: the clash that won the race, named like the check above. */
async function raceConflict(models: TenantModels, slot: Slot, except?: Types.ObjectId): Promise<AppError> {
  return (
    (await findClash(models, slot, except)) ??
    new AppError(
      'CONFLICT',
      `The teacher or the class is already busy on ${slot.day}, period ${slot.period}.`,
    )
  );
}

function entryName(className: string, day: string, period: number): string {
  return `${className}, ${day} period ${period}`;
}

// ── Channels ────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * schedules.list. Admin: any class or teacher (both must exist), or without filters the whole timetable.
 * Teacher: without filters their own week; `teacherId` must be themselves and `classId` a class they lead or
 * teach. Student: their own class's week; another class, or any teacher filter, is NOT_FOUND.
 */
export async function listSchedules(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'schedules.list'>,
): Promise<{ items: ScheduleRecord[] }> {
  const { models } = await tenantOf(deps, actor);
  const filter: QueryFilter<ScheduleDoc> = {};
  if (input.day !== undefined) filter.day = input.day;

  if (actor.role === 'admin') {
    if (input.classId !== undefined) filter.classId = (await requireClass(models, input.classId))._id;
    if (input.teacherId !== undefined) filter.teacherId = await existingTeacher(models, input.teacherId);
  } else if (actor.role === 'teacher') {
    const me = objectId(actor.userId, 'You');
    if (input.teacherId !== undefined && input.teacherId !== actor.userId) throw notFound('teacher');
    if (input.classId !== undefined) {
      const classId = objectId(input.classId, 'The class');
      if (!(await classIdsTaughtBy(models, me)).some((id) => id.equals(classId))) throw notFound('class');
      filter.classId = classId;
      if (input.teacherId !== undefined) filter.teacherId = me;
    } else {
      filter.teacherId = me;
    }
  } else {
    if (input.teacherId !== undefined) throw notFound('teacher');
    const mine = await classIdsOfStudent(models, objectId(actor.userId, 'You'));
    if (input.classId !== undefined) {
      const classId = objectId(input.classId, 'The class');
      if (!mine.some((id) => id.equals(classId))) throw notFound('class');
      filter.classId = classId;
    } else {
      if (mine.length === 0) return { items: [] };
      filter.classId = { $in: mine };
    }
  }
  const entries = await models.Schedule.find(filter).lean();
  return { items: await describe(models, entries) };
}

/** Test hook: runs after the clash check, just before the entry is written. */
export interface ScheduleHooks {
  beforeWrite?: () => Promise<void>;
}

/** schedules.create: the teacher an active teacher here, the class a class here, and no clash. */
export async function createSchedule(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'schedules.create'>,
  hooks: ScheduleHooks = {},
): Promise<ScheduleRecord> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const teacherId = await requireTeacher(models, input.teacherId);
  const cls = await requireClass(models, input.classId);
  const slot = { teacherId, classId: cls._id, day: input.day, period: input.period };
  const clash = await findClash(models, slot);
  if (clash) throw clash;
  await hooks.beforeWrite?.();
  let created;
  try {
    created = await models.Schedule.create({ ...input, teacherId, classId: cls._id });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw await raceConflict(models, slot);
    throw err;
  }
  await deps.activity.record(actor, {
    action: 'CREATE',
    targetType: 'SCHEDULE',
    targetId: created._id,
    targetName: entryName(cls.name, input.day, input.period),
    details: { teacherId: input.teacherId, subject: input.subject },
  });
  const [record] = await describe(models, [created.toObject()]);
  return record!;
}

/** schedules.update: the same rules as create, ignoring the entry being changed. */
export async function updateSchedule(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'schedules.update'>,
): Promise<ScheduleRecord> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const id = objectId(input.id, 'The timetable entry');
  const current = await models.Schedule.findById(id).lean();
  if (!current) throw new AppError('NOT_FOUND', 'The timetable entry was not found.');

  // Only a changed teacher or class is checked again: a later deactivation does not block editing the slot.
  const teacherId =
    input.teacherId !== undefined && input.teacherId !== current.teacherId.toString()
      ? await requireTeacher(models, input.teacherId)
      : current.teacherId;
  const cls =
    input.classId !== undefined && input.classId !== current.classId.toString()
      ? await requireClass(models, input.classId)
      : { _id: current.classId };
  const slot = {
    teacherId,
    classId: cls._id,
    day: input.day ?? current.day,
    period: input.period ?? current.period,
  };
  const clash = await findClash(models, slot, id);
  if (clash) throw clash;

  const $set: Record<string, unknown> = { teacherId, classId: cls._id, day: slot.day, period: slot.period };
  if (input.subject !== undefined) $set.subject = input.subject;
  if (input.timeSlot !== undefined) $set.timeSlot = input.timeSlot;
  let updated;
  try {
    updated = await models.Schedule.findOneAndUpdate(
      { _id: id },
      { $set },
      { returnDocument: 'after', runValidators: true },
    ).lean();
  } catch (err) {
    if (isDuplicateKeyError(err)) throw await raceConflict(models, slot, id);
    throw err;
  }
  if (!updated) throw new AppError('NOT_FOUND', 'The timetable entry was not found.');
  const [record] = await describe(models, [updated]);
  await deps.activity.record(actor, {
    action: 'UPDATE',
    targetType: 'SCHEDULE',
    targetId: id,
    targetName: entryName(record?.className ?? 'A class', updated.day, updated.period),
    details: { fields: Object.keys(input).filter((key) => key !== 'id') },
  });
  return record!;
}

export async function deleteSchedule(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  await deleteRecorded(deps, actor, models.Schedule, id, {
    what: 'The timetable entry',
    notFound: () => new AppError('NOT_FOUND', 'The timetable entry was not found.'),
    targetType: 'SCHEDULE',
    describe: async (found) => {
      const cls = await models.Class.findById(found.classId, { name: 1 }).lean();
      return { targetName: entryName(cls?.name ?? 'A class', found.day, found.period) };
    },
  });
}
