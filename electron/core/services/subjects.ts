/**
 * The institution's subject catalogue: a code unique per grade, and optionally the teacher who teaches it (an
 * active teacher of this institution). Classes and timetable entries hold subject names, not ids, so deleting a
 * subject leaves them as they are.
 */
import type { QueryFilter, Types } from 'mongoose';
import type { ServiceInput } from '../../../shared/contract';
import type { SubjectDoc, TenantModels } from '../db/tenant';
import { AppError, isDuplicateKeyError } from '../errors/app-error';
import {
  containsText,
  existingTeacher,
  namesOf,
  pageOf,
  requireAdmin,
  requireTeacher,
  type Page,
} from './classes';
import { deleteRecorded } from './delete-recorded';
import type { Actor, ServiceDeps } from './context';
import { objectId, tenantOf } from './tenant-access';
import { changedFields, updateEntry } from './activity-log';

export interface SubjectRecord {
  id: string;
  name: string;
  code: string;
  grade: number;
  teacherId?: string | undefined;
  teacher?: { id: string; name: string } | undefined;
  description?: string | undefined;
  createdAt: Date;
}

type StoredSubject = {
  _id: Types.ObjectId;
  name: string;
  code: string;
  grade: number;
  teacherId?: Types.ObjectId | null;
  description?: string | null;
  createdAt: Date;
};

function toSubjectRecord(s: StoredSubject, teacherNames: ReadonlyMap<string, string>): SubjectRecord {
  const teacherId = s.teacherId?.toString();
  const teacherName = teacherId === undefined ? undefined : teacherNames.get(teacherId);
  return {
    id: s._id.toString(),
    name: s.name,
    code: s.code,
    grade: s.grade,
    teacherId,
    teacher:
      teacherId !== undefined && teacherName !== undefined ? { id: teacherId, name: teacherName } : undefined,
    description: s.description ? s.description : undefined,
    createdAt: s.createdAt,
  };
}

async function describe(models: TenantModels, subjects: StoredSubject[]): Promise<SubjectRecord[]> {
  const teacherIds = [...new Set(subjects.flatMap((s) => (s.teacherId ? [s.teacherId.toString()] : [])))];
  const names = await namesOf(models, teacherIds);
  return subjects.map((s) => toSubjectRecord(s, names));
}

function codeTaken(grade: number, code: string): AppError {
  return new AppError('CONFLICT', `Grade ${grade} already has a subject with the code ${code}.`, {
    code: `This code is used in grade ${grade}.`,
  });
}

function subjectNotFound(): AppError {
  return new AppError('NOT_FOUND', 'The subject was not found.');
}

/** subjects.list: anyone signed in (the catalogue holds nothing personal); a teacherId filter must exist. */
export async function listSubjects(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'subjects.list'>,
): Promise<Page<SubjectRecord>> {
  const { models } = await tenantOf(deps, actor);
  const filter: QueryFilter<SubjectDoc> = {};
  if (input.grade !== undefined) filter.grade = input.grade;
  if (input.teacherId !== undefined) filter.teacherId = await existingTeacher(models, input.teacherId);
  if (input.search !== undefined) {
    filter.$or = [{ name: containsText(input.search) }, { code: containsText(input.search) }];
  }
  const { skip, limit } = pageOf(input);
  const [subjects, total] = await Promise.all([
    models.Subject.find(filter).sort({ grade: 1, code: 1, _id: 1 }).skip(skip).limit(limit).lean(),
    models.Subject.countDocuments(filter),
  ]);
  return { items: await describe(models, subjects), total, page: input.page, pageSize: input.pageSize };
}

/** subjects.create: CONFLICT when the grade has the code; the teacher must be an active teacher here. */
export async function createSubject(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'subjects.create'>,
): Promise<SubjectRecord> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const teacherId = input.teacherId !== undefined ? await requireTeacher(models, input.teacherId) : undefined;
  if (await models.Subject.exists({ grade: input.grade, code: input.code })) {
    throw codeTaken(input.grade, input.code);
  }
  let created;
  try {
    created = await models.Subject.create({ ...input, teacherId });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw codeTaken(input.grade, input.code);
    throw err;
  }
  await deps.activity.record(actor, {
    action: 'CREATE',
    targetType: 'SUBJECT',
    targetId: created._id,
    targetName: `${created.code} ${created.name}`,
    details: { grade: created.grade },
  });
  const [record] = await describe(models, [created.toObject()]);
  return record!;
}

/** subjects.update: absent keeps a field; `teacherId: null` and `description: null` clear them. */
export async function updateSubject(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'subjects.update'>,
): Promise<SubjectRecord> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const subjectId = objectId(input.id, 'The subject');
  const current = await models.Subject.findById(subjectId, { grade: 1, code: 1 }).lean();
  if (!current) throw subjectNotFound();

  const grade = input.grade ?? current.grade;
  const code = input.code ?? current.code;
  if (
    (input.grade !== undefined || input.code !== undefined) &&
    (await models.Subject.exists({ _id: { $ne: subjectId }, grade, code }))
  ) {
    throw codeTaken(grade, code);
  }
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, 1> = {};
  if (input.name !== undefined) $set.name = input.name;
  if (input.code !== undefined) $set.code = input.code;
  if (input.grade !== undefined) $set.grade = input.grade;
  if (input.teacherId === null) $unset.teacherId = 1;
  else if (input.teacherId !== undefined) $set.teacherId = await requireTeacher(models, input.teacherId);
  if (input.description === null) $unset.description = 1;
  else if (input.description !== undefined) $set.description = input.description;

  let updated;
  try {
    updated = await models.Subject.findOneAndUpdate(
      { _id: subjectId },
      {
        ...(Object.keys($set).length > 0 ? { $set } : {}),
        ...(Object.keys($unset).length > 0 ? { $unset } : {}),
      },
      { returnDocument: 'after', runValidators: true },
    ).lean();
  } catch (err) {
    if (isDuplicateKeyError(err)) throw codeTaken(grade, code);
    throw err;
  }
  if (!updated) throw subjectNotFound();
  await deps.activity.record(
    actor,
    updateEntry('SUBJECT', subjectId, `${updated.code} ${updated.name}`, changedFields(input)),
  );
  const [record] = await describe(models, [updated]);
  return record!;
}

/** subjects.delete: classes and timetable entries keep the subject's name (the seed stores names). */
export async function deleteSubject(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  await deleteRecorded(deps, actor, models.Subject, id, {
    what: 'The subject',
    notFound: subjectNotFound,
    targetType: 'SUBJECT',
    describe: (found) => ({ targetName: `${found.code} ${found.name}` }),
  });
}
