/**
 * The timetable. A teacher, a class or a room is in one place per day and period: before writing, the service
 * looks for the clash and answers CONFLICT naming it ("Mr Rao already teaches Class 10-A on Monday, period 3");
 * the unique indexes (teacher, class) are the last line of defence against two writes racing, and their E11000
 * gets the same answer. Entries fall inside the school's week and take their time from its bell times.
 */
import type { QueryFilter, Types } from 'mongoose';
import type { ServiceInput } from '../../../shared/contract';
import { WEEKDAYS, type Weekday } from '../../../shared/domain';
import { bellTime, isInWeek } from '../../../shared/school-week';
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
import { classNamesOf } from './timetable/lessons';
import { requireRoom, roomNamesOf } from './timetable/rooms';
import { schoolWeekOf } from './timetable/week-settings';
import { changedFields, updateEntry } from './activity-log';

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
  roomId?: string | undefined;
  roomName?: string | undefined;
  lessonId?: string | undefined;
  alsoClassIds?: string[] | undefined;
  alsoTeacherIds?: string[] | undefined;
}

export type StoredSchedule = {
  _id: Types.ObjectId;
  teacherId: Types.ObjectId;
  classId: Types.ObjectId;
  subject: string;
  day: string;
  period: number;
  timeSlot: string;
  createdAt: Date;
  roomId?: Types.ObjectId | null;
  lessonId?: Types.ObjectId | null;
  alsoClassIds?: Types.ObjectId[] | null;
  alsoTeacherIds?: Types.ObjectId[] | null;
};

const idsOf = (list: readonly Types.ObjectId[] | null | undefined) => (list ?? []).map(String);

/** Entries with their teachers', classes' and rooms' names, sorted by day of the week, period and class. */
async function describe(models: TenantModels, entries: StoredSchedule[]): Promise<ScheduleRecord[]> {
  const teacherIds = [
    ...new Set(entries.flatMap((e) => [e.teacherId.toString(), ...idsOf(e.alsoTeacherIds)])),
  ];
  const classIds = [...new Set(entries.flatMap((e) => [e.classId.toString(), ...idsOf(e.alsoClassIds)]))];
  const roomIds = [...new Set(entries.flatMap((e) => (e.roomId ? [e.roomId.toString()] : [])))];
  const [teachers, classNames, roomNames] = await Promise.all([
    namesOf(models, teacherIds),
    classNamesOf(models, classIds),
    roomNamesOf(models, roomIds),
  ]);
  // A joint lesson names all its classes and teachers: "Class 9-A, Class 9-B".
  const joined = (first: string, also: string[], names: Map<string, string>) =>
    [first, ...also].every((id) => names.has(id))
      ? [first, ...also].map((id) => names.get(id)).join(', ')
      : names.get(first);
  const records = entries.map((e) => {
    const alsoClassIds = idsOf(e.alsoClassIds);
    const alsoTeacherIds = idsOf(e.alsoTeacherIds);
    return {
      id: e._id.toString(),
      teacherId: e.teacherId.toString(),
      classId: e.classId.toString(),
      subject: e.subject,
      day: e.day as Weekday,
      period: e.period,
      timeSlot: e.timeSlot,
      createdAt: e.createdAt,
      teacherName: joined(e.teacherId.toString(), alsoTeacherIds, teachers),
      className: joined(e.classId.toString(), alsoClassIds, classNames),
      roomId: e.roomId?.toString(),
      roomName: e.roomId ? roomNames.get(e.roomId.toString()) : undefined,
      lessonId: e.lessonId?.toString(),
      alsoClassIds: alsoClassIds.length > 0 ? alsoClassIds : undefined,
      alsoTeacherIds: alsoTeacherIds.length > 0 ? alsoTeacherIds : undefined,
    };
  });
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

/** Entries where a teacher teaches (alone or together with others). */
export function teacherCondition(
  teacherId: Types.ObjectId | { $in: Types.ObjectId[] },
): QueryFilter<ScheduleDoc> {
  return { $or: [{ teacherId }, { alsoTeacherIds: teacherId }] };
}

/** Entries a class has (alone or together with other classes). */
export function classCondition(
  classId: Types.ObjectId | { $in: Types.ObjectId[] },
): QueryFilter<ScheduleDoc> {
  return { $or: [{ classId }, { alsoClassIds: classId }] };
}

interface Slot {
  teacherIds: Types.ObjectId[];
  classIds: Types.ObjectId[];
  roomId?: Types.ObjectId | undefined;
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
  const busy = (condition: QueryFilter<ScheduleDoc>) =>
    models.Schedule.findOne({ $and: [{ ...others, ...when }, condition] }).lean();
  const [teacherBusy, classBusy, roomBusy] = await Promise.all([
    busy(teacherCondition({ $in: slot.teacherIds })),
    busy(classCondition({ $in: slot.classIds })),
    slot.roomId ? busy({ roomId: slot.roomId }) : Promise.resolve(null),
  ]);
  const clash = teacherBusy ?? classBusy ?? roomBusy;
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
  if (classBusy) {
    return new AppError('CONFLICT', `${cls} already has ${clash.subject} with ${teacher} ${at}.`, {
      classId: `Already has ${clash.subject} ${at}.`,
    });
  }
  const room = described?.roomName ?? 'The room';
  return new AppError('CONFLICT', `${room} is already taken by ${cls} (${clash.subject}) ${at}.`, {
    roomId: `Taken by ${cls} ${at}.`,
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

/** VALIDATION when the day or period is outside the school's week; else the period's bell time. */
async function slotInWeek(models: TenantModels, day: Weekday, period: number): Promise<string> {
  const week = await schoolWeekOf(models);
  if (!week.days.includes(day)) {
    throw new AppError('VALIDATION', `${day} is not a working day of the school's week.`, {
      day: 'Not a working day.',
    });
  }
  if (!isInWeek(week, day, period)) {
    throw new AppError('VALIDATION', `The school's day has ${week.periods.length} periods.`, {
      period: `Periods are 1–${week.periods.length}.`,
    });
  }
  return bellTime(week, period);
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

  const conditions: QueryFilter<ScheduleDoc>[] = [];

  if (actor.role === 'admin') {
    if (input.classId !== undefined) {
      // The class must exist: asked of its kept name, so the list is one read.
      const classId = objectId(input.classId, 'The class');
      if (!(await classNamesOf(models, [classId.toString()])).has(classId.toString()))
        throw notFound('class');
      conditions.push(classCondition(classId));
    }
    if (input.teacherId !== undefined) {
      conditions.push(teacherCondition(await existingTeacher(models, input.teacherId)));
    }
  } else if (actor.role === 'teacher') {
    const me = objectId(actor.userId, 'You');
    if (input.teacherId !== undefined && input.teacherId !== actor.userId) throw notFound('teacher');
    if (input.classId !== undefined) {
      const classId = objectId(input.classId, 'The class');
      if (!(await classIdsTaughtBy(models, me)).some((id) => id.equals(classId))) throw notFound('class');
      conditions.push(classCondition(classId));
      if (input.teacherId !== undefined) conditions.push(teacherCondition(me));
    } else {
      conditions.push(teacherCondition(me));
    }
  } else {
    if (input.teacherId !== undefined) throw notFound('teacher');
    const mine = await classIdsOfStudent(models, objectId(actor.userId, 'You'));
    if (input.classId !== undefined) {
      const classId = objectId(input.classId, 'The class');
      if (!mine.some((id) => id.equals(classId))) throw notFound('class');
      conditions.push(classCondition(classId));
    } else {
      if (mine.length === 0) return { items: [] };
      conditions.push(classCondition({ $in: mine }));
    }
  }
  if (conditions.length > 0) filter.$and = conditions;
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
  const roomId = input.roomId !== undefined ? (await requireRoom(models, input.roomId))._id : undefined;
  const bell = await slotInWeek(models, input.day, input.period);
  const slot = { teacherIds: [teacherId], classIds: [cls._id], roomId, day: input.day, period: input.period };
  const clash = await findClash(models, slot);
  if (clash) throw clash;
  await hooks.beforeWrite?.();
  let created;
  try {
    created = await models.Schedule.create({
      ...input,
      timeSlot: input.timeSlot ?? bell,
      teacherId,
      classId: cls._id,
      roomId,
    });
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
  const roomId =
    input.roomId === null
      ? undefined
      : input.roomId !== undefined && input.roomId !== current.roomId?.toString()
        ? (await requireRoom(models, input.roomId))._id
        : (current.roomId ?? undefined);
  const day = input.day ?? current.day;
  const period = input.period ?? current.period;
  const moved = day !== current.day || period !== current.period;
  // A move takes the new period's bell time unless a time is given; an entry left where it is keeps its own.
  const bell = moved ? await slotInWeek(models, day, period) : undefined;
  const slot = {
    teacherIds: [teacherId, ...(current.alsoTeacherIds ?? [])],
    classIds: [cls._id, ...(current.alsoClassIds ?? [])],
    roomId,
    day,
    period,
  };
  const clash = await findClash(models, slot, id);
  if (clash) throw clash;

  const $set: Record<string, unknown> = { teacherId, classId: cls._id, day, period };
  if (input.subject !== undefined) $set.subject = input.subject;
  if (input.timeSlot !== undefined) $set.timeSlot = input.timeSlot;
  else if (bell) $set.timeSlot = bell;
  if (roomId) $set.roomId = roomId;
  let updated;
  try {
    updated = await models.Schedule.findOneAndUpdate(
      { _id: id },
      { $set, ...(input.roomId === null ? { $unset: { roomId: 1 } } : {}) },
      { returnDocument: 'after', runValidators: true },
    ).lean();
  } catch (err) {
    if (isDuplicateKeyError(err)) throw await raceConflict(models, slot, id);
    throw err;
  }
  if (!updated) throw new AppError('NOT_FOUND', 'The timetable entry was not found.');
  const [record] = await describe(models, [updated]);
  await deps.activity.record(
    actor,
    updateEntry(
      'SCHEDULE',
      id,
      entryName(record?.className ?? 'A class', updated.day, updated.period),
      changedFields(input),
    ),
  );
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
