/**
 * Notices: the admin publishes to teachers, students or both; each reader sees those addressed to their role
 * (the admin sees all) with their own read mark. Read marks are `noticereads` documents (one per reader and
 * notice), looked up for the page shown, never carried inside the notice.
 */
import type { Types, QueryFilter } from 'mongoose';
import type { NoticeDto, ServiceInput } from '../../../shared/contract';
import type { Role } from '../../../shared/roles';
import type { NoticeDoc } from '../db/tenant';
import { AppError, isDuplicateKeyError } from '../errors/app-error';
import { TEXT_LIMITS } from '../../../shared/domain';
import type { TenantModels } from '../db/tenant';
import { classIdsOfStudent } from './classes';
import { deleteRecorded } from './delete-recorded';
import { publishEvent } from './events/publish';
import type { Actor, ServiceDeps } from './context';
import { objectId, tenantOf } from './tenant-access';
import { updateEntry } from './activity-log';

interface StoredNotice {
  _id: Types.ObjectId;
  title: string;
  body: string;
  audience: string[];
  createdBy: Types.ObjectId;
  createdAt: Date;
  assignmentId?: Types.ObjectId | null;
  editedAt?: Date | null;
}

const TARGET = 'NOTICE';
/** What a list fetches. */
export const NOTICE_LIST_FIELDS = {
  title: 1,
  body: 1,
  audience: 1,
  createdBy: 1,
  createdAt: 1,
  assignmentId: 1,
  editedAt: 1,
} as const;

function toNotice(doc: StoredNotice, read: boolean, actor: Actor): NoticeDto {
  return {
    id: doc._id.toString(),
    title: doc.title,
    body: doc.body,
    audience: doc.audience as Role[],
    createdAt: doc.createdAt,
    createdBy: doc.createdBy.toString(),
    read,
    ...(doc.assignmentId ? { assignmentId: doc.assignmentId.toString() } : {}),
    ...(doc.editedAt ? { editedAt: doc.editedAt } : {}),
    editable: actor.role === 'admin' || doc.createdBy.toString() === actor.userId,
  };
}

/**
 * The notices the caller may see: the admin all of them; others those addressed to their role, except notices
 * for some classes (a student of one of them sees it) or some people (they see it); and a teacher the notices
 * they wrote (an assignment's notice to a class).
 */
async function visibleTo(models: TenantModels, actor: Actor): Promise<QueryFilter<NoticeDoc>> {
  if (actor.role === 'admin') return {};
  const me = objectId(actor.userId, 'You');
  if (actor.role === 'teacher') return noticesForTeacher(me);
  return noticesForStudent(me, await classIdsOfStudent(models, me));
}

const toEveryone = (role: Role) => ({
  audience: role,
  classIds: { $exists: false },
  recipientIds: { $exists: false },
});

/** A teacher's notices: those to every teacher, and those they wrote. */
export function noticesForTeacher(me: Types.ObjectId): QueryFilter<NoticeDoc> {
  return { $or: [toEveryone('teacher'), { createdBy: me }] };
}

/** A student's notices: those to every student, to one of their classes, or to them by name. */
export function noticesForStudent(
  me: Types.ObjectId,
  classIds: readonly Types.ObjectId[],
): QueryFilter<NoticeDoc> {
  return {
    $or: [
      toEveryone('student'),
      ...(classIds.length > 0 ? [{ audience: 'student' as const, classIds: { $in: [...classIds] } }] : []),
      { audience: 'student' as const, recipientIds: me },
    ],
  };
}

function notFound(): AppError {
  return new AppError('NOT_FOUND', 'This notice was not found.');
}

/** The notices (of `among`, or all) this person has marked read: their marks by the unique index. */
async function readNoticeIds(
  models: TenantModels,
  me: Types.ObjectId,
  among?: Types.ObjectId[],
): Promise<Types.ObjectId[]> {
  const marks = await models.NoticeRead.find(
    { userId: me, ...(among ? { noticeId: { $in: among } } : {}) },
    { noticeId: 1 },
  ).lean<Array<{ noticeId: Types.ObjectId }>>();
  return marks.map((m) => m.noticeId);
}

/** Newest first, a page at a time, each with the caller's read mark (the author has always read theirs). */
export async function listNotices(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'notices.list'>,
): Promise<{ items: NoticeDto[]; total: number; page: number; pageSize: number }> {
  const { models } = await tenantOf(deps, actor);
  const me = objectId(actor.userId, 'You');
  const visible = await visibleTo(models, actor);
  // Unread: not among the notices this person has marked (an indexed read of their own marks).
  const filter: QueryFilter<NoticeDoc> = input.unreadOnly
    ? { ...visible, _id: { $nin: await readNoticeIds(models, me) }, createdBy: { $ne: me } }
    : visible;
  const [total, docs] = await Promise.all([
    models.Notice.countDocuments(filter),
    models.Notice.find(filter, NOTICE_LIST_FIELDS)
      .sort({ createdAt: -1, _id: -1 })
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .lean<StoredNotice[]>(),
  ]);
  const read =
    docs.length && !input.unreadOnly
      ? await readNoticeIds(
          models,
          me,
          docs.map((d) => d._id),
        )
      : [];
  const readSet = new Set(read.map(String));
  return {
    items: docs.map((d) => toNotice(d, readSet.has(d._id.toString()) || d.createdBy.equals(me), actor)),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** Admin: publishes a notice. */
export async function createNotice(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'notices.create'>,
): Promise<NoticeDto> {
  const { models } = await tenantOf(deps, actor);
  const created = await models.Notice.create({
    title: input.title,
    body: input.body,
    audience: input.audience,
    createdBy: objectId(actor.userId, 'The author'),
  });
  const notice = toNotice(created.toObject(), true, actor);
  await deps.activity.record(actor, {
    action: 'CREATE',
    targetType: TARGET,
    targetId: created._id,
    targetName: notice.title,
    details: { audience: notice.audience },
  });
  publishEvent(deps, actor, 'notice.new', { noticeId: notice.id }, { roles: ['admin', ...notice.audience] });
  return notice;
}

/** notices.update: the admin any notice, a teacher the notices they wrote; anything else is NOT_FOUND. */
export async function updateNotice(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'notices.update'>,
): Promise<NoticeDto> {
  const { models } = await tenantOf(deps, actor);
  const id = objectId(input.id, 'This notice');
  const mine = actor.role === 'admin' ? {} : { createdBy: objectId(actor.userId, 'You') };
  const changes: Record<string, unknown> = {};
  if (input.title !== undefined) changes.title = input.title;
  if (input.body !== undefined) changes.body = input.body;
  const result = await models.Notice.updateOne(
    { _id: id, ...mine },
    { $set: { ...changes, editedAt: new Date(), updatedBy: objectId(actor.userId, 'You') } },
    { runValidators: true },
  );
  if (result.matchedCount === 0) throw notFound();
  const saved = await models.Notice.findById(id, NOTICE_LIST_FIELDS).lean<StoredNotice>();
  if (!saved) throw notFound();
  await deps.activity.record(actor, updateEntry(TARGET, id, saved.title, Object.keys(changes)));
  return toNotice(saved, true, actor);
}

/**
 * The notice to a class when a teacher sets an assignment, with its due date. Written by the assignments
 * service; the teacher is its author (they may edit it).
 */
export async function noticeOfAssignment(
  models: TenantModels,
  a: {
    id: Types.ObjectId;
    title: string;
    dueDate: Date;
    classIds: Types.ObjectId[];
    teacherId: Types.ObjectId;
  },
  teacherName: string,
): Promise<void> {
  await models.Notice.create({
    title: `New assignment: ${a.title}`.slice(0, TEXT_LIMITS.title),
    body: `${teacherName} set “${a.title}”. It is due ${dueWords(a.dueDate)}.`,
    audience: ['student'],
    classIds: a.classIds,
    assignmentId: a.id,
    createdBy: a.teacherId,
  });
}

/** "Fri, 12 Dec 2026, 17:00" in the station's time zone (the school's). */
export function dueWords(date: Date): string {
  return date.toLocaleString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Admin: removes a notice. */
export async function deleteNotice(
  deps: ServiceDeps,
  actor: Actor,
  input: { id: string },
): Promise<{ id: string; deleted: true }> {
  const { models } = await tenantOf(deps, actor);
  let audience: Role[] = [];
  await deleteRecorded(deps, actor, models.Notice, input.id, {
    what: 'This notice',
    notFound,
    targetType: TARGET,
    describe: (removed) => {
      audience = removed.audience;
      return { targetName: removed.title, details: { audience: removed.audience } };
    },
  });
  await models.NoticeRead.deleteMany({ noticeId: objectId(input.id, 'This notice') });
  publishEvent(
    deps,
    actor,
    'notice.changed',
    { noticeId: input.id, deleted: true },
    { roles: ['admin', ...audience] },
  );
  return { id: input.id, deleted: true };
}

/**
 * Marks a notice addressed to the caller's role as read by them; any other notice is NOT_FOUND. Idempotent.
 * Not written to the activity log: a read receipt is the reader's own state, not a change to the school's
 * records, and logging every reader would bury the log.
 */
export async function markNoticeRead(
  deps: ServiceDeps,
  actor: Actor,
  input: { id: string },
): Promise<{ id: string; read: true }> {
  const { models } = await tenantOf(deps, actor);
  const id = objectId(input.id, 'This notice');
  const me = objectId(actor.userId, 'You');
  const visible = await models.Notice.exists({ _id: id, ...(await visibleTo(models, actor)) });
  if (!visible) throw notFound();
  // An upsert on the unique (userId, noticeId) index: a second mark, or two at once, keeps one.
  await models.NoticeRead.updateOne(
    { userId: me, noticeId: id },
    { $setOnInsert: { readAt: new Date() } },
    { upsert: true },
  ).catch((err: unknown) => {
    if (!isDuplicateKeyError(err)) throw err;
  });
  return { id: input.id, read: true };
}
