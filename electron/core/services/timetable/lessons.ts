/**
 * The curriculum: each lesson is a subject taught by its teachers to one or more classes together, in blocks of
 * periods (`groups`: [2, 2] is two double periods), optionally in a fixed room or a room of a kind.
 */
import type { QueryFilter, Types } from 'mongoose';
import type { ServiceInput } from '../../../../shared/contract';
import { LESSON_LIMITS, periodsOf } from '../../../../shared/timetable-rules';
import type { LessonDoc, TenantModels } from '../../db/tenant';
import { AppError } from '../../errors/app-error';
import { existingTeacher, namesOf, requireAdmin, requireTeacher } from '../classes';
import type { Actor, ServiceDeps } from '../context';
import { deleteRecorded } from '../delete-recorded';
import { keptNames } from '../kept-references';
import { objectId, tenantOf } from '../tenant-access';
import { requireRoom, roomNamesOf } from './rooms';
import { changedFields, updateEntry } from '../activity-log';

export interface LessonRecord {
  id: string;
  classes: { id: string; name: string }[];
  subject: string;
  teachers: { id: string; name: string }[];
  groups: number[];
  periodsPerWeek: number;
  room?: { id: string; name: string } | undefined;
  roomKind?: string | undefined;
  createdAt: Date;
}

export type StoredLesson = {
  _id: Types.ObjectId;
  classIds: Types.ObjectId[];
  subject: string;
  teacherIds: Types.ObjectId[];
  groups: number[];
  roomId?: Types.ObjectId | null;
  roomKind?: string | null;
  createdAt: Date;
};

/** id → name of the given classes; kept between writes (kept-references.ts). */
export async function classNamesOf(
  models: TenantModels,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  return keptNames(models.Class.db, 'class-name', ids, async (missing) => {
    const classes = await models.Class.find({ _id: { $in: missing } }, { name: 1 }).lean();
    return new Map(classes.map((c) => [c._id.toString(), c.name]));
  });
}

async function describe(models: TenantModels, lessons: StoredLesson[]): Promise<LessonRecord[]> {
  const ids = (pick: (l: StoredLesson) => Types.ObjectId[]) => [
    ...new Set(lessons.flatMap((l) => pick(l).map(String))),
  ];
  const [classNames, teacherNames, roomNames] = await Promise.all([
    classNamesOf(
      models,
      ids((l) => l.classIds),
    ),
    namesOf(
      models,
      ids((l) => l.teacherIds),
    ),
    roomNamesOf(
      models,
      ids((l) => (l.roomId ? [l.roomId] : [])),
    ),
  ]);
  const refs = (list: Types.ObjectId[], names: Map<string, string>) =>
    list.map((id) => ({ id: id.toString(), name: names.get(id.toString()) ?? 'Removed' }));
  return lessons.map((l) => {
    const roomId = l.roomId?.toString();
    return {
      id: l._id.toString(),
      classes: refs(l.classIds, classNames),
      subject: l.subject,
      teachers: refs(l.teacherIds, teacherNames),
      groups: [...l.groups],
      periodsPerWeek: periodsOf(l.groups),
      room: roomId ? { id: roomId, name: roomNames.get(roomId) ?? 'Removed' } : undefined,
      roomKind: l.roomKind ? l.roomKind : undefined,
      createdAt: l.createdAt,
    };
  });
}

function lessonNotFound(): AppError {
  return new AppError('NOT_FOUND', 'The lesson was not found.');
}

async function requireClasses(models: TenantModels, ids: readonly string[]): Promise<Types.ObjectId[]> {
  const oids = ids.map((id) => objectId(id, 'The class'));
  const found = await models.Class.countDocuments({ _id: { $in: oids } });
  if (found !== oids.length) {
    throw new AppError('NOT_FOUND', 'A class of the lesson was not found.', { classIds: 'Not found.' });
  }
  return oids;
}

async function requireTeachers(models: TenantModels, ids: readonly string[]): Promise<Types.ObjectId[]> {
  const out: Types.ObjectId[] = [];
  for (const id of ids) {
    try {
      out.push(await requireTeacher(models, id));
    } catch (err) {
      // The form's field is the list.
      if (err instanceof AppError) throw new AppError(err.code, err.message, { teacherIds: err.message });
      throw err;
    }
  }
  return out;
}

/** A room kind some room has, so the generator can ever satisfy it. */
async function requireRoomKind(models: TenantModels, kind: string): Promise<void> {
  if (!(await models.Room.exists({ kind }))) {
    throw new AppError('VALIDATION', `No room is of the kind "${kind}": add one on the Rooms tab first.`, {
      roomKind: 'No room of this kind.',
    });
  }
}

export async function listLessons(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'lessons.list'>,
): Promise<{ items: LessonRecord[]; truncated: boolean }> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const filter: QueryFilter<LessonDoc> = {};
  if (input.classId !== undefined) filter.classIds = objectId(input.classId, 'The class');
  if (input.teacherId !== undefined) filter.teacherIds = await existingTeacher(models, input.teacherId);
  const lessons = await models.Lesson.find(filter)
    .sort({ subject: 1, _id: 1 })
    .limit(LESSON_LIMITS.perList + 1)
    .lean();
  const truncated = lessons.length > LESSON_LIMITS.perList;
  return { items: await describe(models, lessons.slice(0, LESSON_LIMITS.perList)), truncated };
}

function lessonName(subject: string, classes: readonly { name: string }[]): string {
  return `${subject} – ${classes.map((c) => c.name).join(', ')}`;
}

export async function createLesson(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'lessons.create'>,
): Promise<LessonRecord> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const classIds = await requireClasses(models, input.classIds);
  const teacherIds = await requireTeachers(models, input.teacherIds);
  const roomId = input.roomId !== undefined ? (await requireRoom(models, input.roomId))._id : undefined;
  if (input.roomKind !== undefined && roomId === undefined) await requireRoomKind(models, input.roomKind);
  const created = await models.Lesson.create({
    classIds,
    subject: input.subject,
    teacherIds,
    groups: input.groups,
    roomId,
    roomKind: roomId === undefined ? input.roomKind : undefined,
  });
  const [record] = await describe(models, [created.toObject()]);
  await deps.activity.record(actor, {
    action: 'CREATE',
    targetType: 'LESSON',
    targetId: created._id,
    targetName: lessonName(record!.subject, record!.classes),
    details: { groups: input.groups, teachers: input.teacherIds },
  });
  return record!;
}

export async function updateLesson(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'lessons.update'>,
): Promise<LessonRecord> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const id = objectId(input.id, 'The lesson');
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, 1> = {};
  if (input.classIds !== undefined) $set.classIds = await requireClasses(models, input.classIds);
  if (input.teacherIds !== undefined) $set.teacherIds = await requireTeachers(models, input.teacherIds);
  if (input.subject !== undefined) $set.subject = input.subject;
  if (input.groups !== undefined) $set.groups = input.groups;
  if (input.roomId === null) $unset.roomId = 1;
  else if (input.roomId !== undefined) {
    $set.roomId = (await requireRoom(models, input.roomId))._id;
    $unset.roomKind = 1;
  }
  if (input.roomKind === null) $unset.roomKind = 1;
  else if (input.roomKind !== undefined && !input.roomId) {
    await requireRoomKind(models, input.roomKind);
    $set.roomKind = input.roomKind;
    $unset.roomId = 1;
  }
  const updated = await models.Lesson.findOneAndUpdate(
    { _id: id },
    {
      ...(Object.keys($set).length > 0 ? { $set } : {}),
      ...(Object.keys($unset).length > 0 ? { $unset } : {}),
    },
    { returnDocument: 'after', runValidators: true },
  ).lean();
  if (!updated) throw lessonNotFound();
  const [record] = await describe(models, [updated]);
  await deps.activity.record(
    actor,
    updateEntry('LESSON', id, lessonName(record!.subject, record!.classes), changedFields(input)),
  );
  return record!;
}

/** lessons.delete: its generated timetable entries stay, without the link. */
export async function deleteLesson(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  await deleteRecorded(deps, actor, models.Lesson, id, {
    what: 'The lesson',
    notFound: lessonNotFound,
    targetType: 'LESSON',
    describe: async (found) => {
      const names = await classNamesOf(models, found.classIds.map(String));
      return {
        targetName: lessonName(
          found.subject,
          [...names.values()].map((name) => ({ name })),
        ),
      };
    },
  });
  await models.Schedule.updateMany({ lessonId: objectId(id, 'The lesson') }, { $unset: { lessonId: 1 } });
}
