/**
 * Classes of one institution with their referential rules: the class teacher is an active teacher of this
 * institution, students are active students, the capacity holds, and a student is enrolled in one class.
 * Also who sees which class (admin: all; teacher: classes they lead or teach in the timetable; student: the
 * class they are enrolled in), which the users and schedules services reuse.
 */
import type { QueryFilter, Types } from 'mongoose';
import type { ServiceInput } from '../../../shared/contract';
import { mutateDocument, removeArrayElements } from '../db/array-helpers';
import type { ClassDoc, TenantModels } from '../db/tenant';
import { AppError, isDuplicateKeyError } from '../errors/app-error';
import type { Actor, ServiceDeps } from './context';
import { keptIds, keptNames } from './kept-references';
import { clearRollNumbers } from './roll-numbers';
import { objectId, tenantOf } from './tenant-access';

export interface CreateClassInput {
  name: string;
  grade: number;
  section: string;
  teacherId?: string | undefined;
  maxStudents?: number | undefined;
  subjects?: string[] | undefined;
}

export interface ClassRecord {
  id: string;
  name: string;
  grade: number;
  section: string;
  teacherId?: string | undefined;
  /** The class teacher's name, for display. */
  teacher?: { id: string; name: string } | undefined;
  studentIds: string[];
  studentCount: number;
  maxStudents: number;
  subjects: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type StoredClass = {
  _id: Types.ObjectId;
  name: string;
  grade: number;
  section: string;
  teacherId?: Types.ObjectId | null;
  students: Types.ObjectId[];
  maxStudents: number;
  subjects: string[];
  createdAt: Date;
  updatedAt: Date;
};

/** The stored class as callers see it; `teacherNames` (id → name) fills in the class teacher's name. */
export function toClassRecord(c: StoredClass, teacherNames?: ReadonlyMap<string, string>): ClassRecord {
  const teacherId = c.teacherId?.toString();
  const teacherName = teacherId === undefined ? undefined : teacherNames?.get(teacherId);
  return {
    id: c._id.toString(),
    name: c.name,
    grade: c.grade,
    section: c.section,
    teacherId,
    teacher:
      teacherId !== undefined && teacherName !== undefined ? { id: teacherId, name: teacherName } : undefined,
    studentIds: c.students.map(String),
    studentCount: c.students.length,
    maxStudents: c.maxStudents,
    subjects: [...c.subjects],
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** Class records with their class teachers' names, read in one query. */
async function describeClasses(models: TenantModels, classes: StoredClass[]): Promise<ClassRecord[]> {
  const teacherIds = [...new Set(classes.flatMap((c) => (c.teacherId ? [c.teacherId.toString()] : [])))];
  const names = await namesOf(models, teacherIds);
  return classes.map((c) => toClassRecord(c, names));
}

export async function describeClass(models: TenantModels, c: StoredClass): Promise<ClassRecord> {
  const [record] = await describeClasses(models, [c]);
  return record!;
}

/** A class after a change: NOT_FOUND when it is gone, else logged as an update and described. */
async function changedClass(
  deps: ServiceDeps,
  actor: Actor,
  models: TenantModels,
  updated: StoredClass | null,
  details: Record<string, unknown>,
): Promise<ClassRecord> {
  if (!updated) throw classNotFound();
  await deps.activity.record(actor, {
    action: 'UPDATE',
    targetType: 'CLASS',
    targetId: updated._id,
    targetName: updated.name,
    details,
  });
  return describeClass(models, updated);
}

// ── Shared helpers of the people/timetable services ─────────────────────────────────────────────────────────

/** Admin-only services check the role themselves too, so a wrong router table cannot open them. */
export function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only the institution admin can do this.');
}

/** A search box's text as a literal, case-insensitive "contains" condition. */
export function containsText(search: string): { $regex: string; $options: string } {
  return { $regex: search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' };
}

/** id → name of the given users (missing ones are left out); kept between writes (kept-references.ts). */
export async function namesOf(models: TenantModels, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  return keptNames(models.User.db, 'user-name', ids, async (missing) => {
    const users = await models.User.find({ _id: { $in: missing } }, { name: 1 }).lean();
    return new Map(users.map((u) => [u._id.toString(), u.name]));
  });
}

export function uniqueIds(ids: Iterable<Types.ObjectId>): Types.ObjectId[] {
  const seen = new Map<string, Types.ObjectId>();
  for (const id of ids) seen.set(id.toString(), id);
  return [...seen.values()];
}

export function pageOf(input: { page: number; pageSize: number }): { skip: number; limit: number } {
  return { skip: (input.page - 1) * input.pageSize, limit: input.pageSize };
}

/** An active teacher of this institution (else NOT_FOUND / VALIDATION on the `teacherId` field). */
export async function requireTeacher(models: TenantModels, id: string): Promise<Types.ObjectId> {
  const teacherId = objectId(id, 'The teacher');
  const teacher = await models.User.findById(teacherId, { role: 1, isActive: 1 }).lean();
  if (!teacher)
    throw new AppError('NOT_FOUND', 'The teacher was not found in this institution.', {
      teacherId: 'Not found.',
    });
  if (teacher.role !== 'teacher') {
    throw new AppError('VALIDATION', 'Only a teacher can be chosen here.', {
      teacherId: 'Choose a teacher.',
    });
  }
  if (teacher.isActive === false) {
    throw new AppError('VALIDATION', 'This teacher is deactivated.', {
      teacherId: 'Choose an active teacher.',
    });
  }
  return teacherId;
}

/** A teacher of this institution (active or not), for filters: anything else is NOT_FOUND. */
export async function existingTeacher(models: TenantModels, id: string): Promise<Types.ObjectId> {
  const teacherId = objectId(id, 'The teacher');
  if (!(await models.User.exists({ _id: teacherId, role: 'teacher' }))) {
    throw new AppError('NOT_FOUND', 'The teacher was not found.', { teacherId: 'Not found.' });
  }
  return teacherId;
}

/** Classes a teacher leads (class teacher) or teaches in the timetable; kept between writes. */
export async function classIdsTaughtBy(
  models: TenantModels,
  teacherId: Types.ObjectId,
): Promise<Types.ObjectId[]> {
  return keptIds(models.Class.db, 'teacher-classes', teacherId.toString(), async () => {
    const [led, timetabled] = await Promise.all([
      models.Class.find({ teacherId }, { _id: 1 }).lean(),
      models.Schedule.distinct('classId', { teacherId }),
    ]);
    return uniqueIds([...led.map((c) => c._id), ...timetabled]);
  });
}

/** The classes a student is enrolled in (one, by the enrolment rule; a list so nothing breaks if not). */
export async function classIdsOfStudent(
  models: TenantModels,
  studentId: Types.ObjectId,
): Promise<Types.ObjectId[]> {
  return keptIds(models.Class.db, 'student-classes', studentId.toString(), async () =>
    (await models.Class.find({ students: studentId }, { _id: 1 }).lean()).map((c) => c._id),
  );
}

/** The classes the actor may see, or null for "all" (the admin). */
export async function visibleClassIds(models: TenantModels, actor: Actor): Promise<Types.ObjectId[] | null> {
  switch (actor.role) {
    case 'admin':
      return null;
    case 'teacher':
      return classIdsTaughtBy(models, objectId(actor.userId, 'You'));
    case 'student':
      return classIdsOfStudent(models, objectId(actor.userId, 'You'));
  }
}

/** The students enrolled in the given classes. */
export async function studentIdsOf(
  models: TenantModels,
  classIds: readonly Types.ObjectId[],
): Promise<Types.ObjectId[]> {
  if (classIds.length === 0) return [];
  const classes = await models.Class.find({ _id: { $in: classIds } }, { students: 1 }).lean();
  return uniqueIds(classes.flatMap((c) => c.students));
}

function hasId(ids: readonly Types.ObjectId[], id: Types.ObjectId): boolean {
  return ids.some((candidate) => candidate.equals(id));
}

function sectionTaken(grade: number, section: string): AppError {
  return new AppError('CONFLICT', `Grade ${grade} already has a section ${section.toUpperCase()}.`, {
    section: 'This section exists.',
  });
}

function classNotFound(): AppError {
  return new AppError('NOT_FOUND', 'The class was not found.', { classId: 'Not found.' });
}

// ── Channels ────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * classes.list. Filters narrow what the actor may see. A `teacherId` filter means "classes this teacher leads
 * or teaches"; for a teacher or student it must name someone they can see (themselves, or a teacher of one of
 * their classes), otherwise NOT_FOUND.
 */
export async function listClasses(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'classes.list'>,
): Promise<Page<ClassRecord>> {
  const { models } = await tenantOf(deps, actor);
  let ids = await visibleClassIds(models, actor);
  if (input.teacherId !== undefined) {
    if (actor.role === 'admin') {
      ids = await classIdsTaughtBy(models, await existingTeacher(models, input.teacherId));
    } else {
      const teacherId = objectId(input.teacherId, 'The teacher');
      const taught = await classIdsTaughtBy(models, teacherId);
      const narrowed = (ids ?? []).filter((id) => hasId(taught, id));
      if (narrowed.length === 0 && input.teacherId !== actor.userId) {
        throw new AppError('NOT_FOUND', 'The teacher was not found.', { teacherId: 'Not found.' });
      }
      ids = narrowed;
    }
  }
  const empty = { items: [], total: 0, page: input.page, pageSize: input.pageSize };
  if (ids !== null && ids.length === 0) return empty;

  const filter: QueryFilter<ClassDoc> = {};
  if (ids !== null) filter._id = { $in: ids };
  if (input.grade !== undefined) filter.grade = input.grade;
  if (input.search !== undefined) filter.name = containsText(input.search);
  const { skip, limit } = pageOf(input);
  const [classes, total] = await Promise.all([
    models.Class.find(filter).sort({ grade: 1, section: 1, _id: 1 }).skip(skip).limit(limit).lean(),
    models.Class.countDocuments(filter),
  ]);
  return { items: await describeClasses(models, classes), total, page: input.page, pageSize: input.pageSize };
}

/** classes.get: the same visibility as the list; a class the actor may not see is NOT_FOUND. */
export async function getClass(deps: ServiceDeps, actor: Actor, id: string): Promise<ClassRecord> {
  const { models } = await tenantOf(deps, actor);
  const classId = objectId(id, 'The class');
  const found = await models.Class.findById(classId).lean();
  if (!found) throw classNotFound();
  if (actor.role === 'teacher') {
    const me = objectId(actor.userId, 'You');
    const teaches =
      found.teacherId?.equals(me) === true ||
      (await models.Schedule.exists({ classId, teacherId: me })) !== null;
    if (!teaches) throw classNotFound();
  } else if (actor.role === 'student') {
    if (!hasId(found.students, objectId(actor.userId, 'You'))) throw classNotFound();
  }
  return describeClass(models, found);
}

export async function createClass(
  deps: ServiceDeps,
  actor: Actor,
  input: CreateClassInput,
): Promise<ClassRecord> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const teacherId = input.teacherId ? await requireTeacher(models, input.teacherId) : undefined;
  let created;
  try {
    created = await models.Class.create({ ...input, teacherId, students: [] });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw sectionTaken(input.grade, input.section);
    throw err;
  }
  await deps.activity.record(actor, {
    action: 'CREATE',
    targetType: 'CLASS',
    targetId: created._id,
    targetName: created.name,
  });
  return describeClass(models, created.toObject());
}

/**
 * classes.update. Read-change-save with optimistic concurrency (as enrolment does), so a capacity lowered at
 * the moment someone is enrolled cannot end below the enrolment.
 */
export async function updateClass(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'classes.update'>,
): Promise<ClassRecord> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const classId = objectId(input.id, 'The class');
  const teacherId =
    typeof input.teacherId === 'string' ? await requireTeacher(models, input.teacherId) : input.teacherId;
  const changed = Object.keys(input).filter((key) => key !== 'id');

  let target = { grade: input.grade ?? 0, section: input.section ?? '' };
  let saved;
  try {
    saved = await mutateDocument(models.Class, classId, async (doc) => {
      if (input.name !== undefined) doc.name = input.name;
      if (input.grade !== undefined) doc.grade = input.grade;
      if (input.section !== undefined) doc.section = input.section;
      if (teacherId === null) doc.set('teacherId', undefined);
      else if (teacherId !== undefined) doc.teacherId = teacherId;
      if (input.subjects !== undefined) doc.set('subjects', [...new Set(input.subjects)]);
      if (input.maxStudents !== undefined) {
        if (input.maxStudents < doc.students.length) {
          throw new AppError(
            'CONFLICT',
            `${doc.name} has ${doc.students.length} students enrolled; its capacity cannot be ${input.maxStudents}.`,
            { maxStudents: `At least ${doc.students.length} (the students enrolled).` },
          );
        }
        doc.maxStudents = input.maxStudents;
      }
      target = { grade: doc.grade, section: doc.section };
      if (input.grade !== undefined || input.section !== undefined) {
        const clash = await models.Class.exists({
          _id: { $ne: classId },
          grade: doc.grade,
          section: doc.section.toUpperCase(),
        });
        if (clash) throw sectionTaken(doc.grade, doc.section);
      }
    });
  } catch (err) {
    // Someone took the grade and section between the check and the save.
    if (isDuplicateKeyError(err)) throw sectionTaken(target.grade, target.section);
    throw err;
  }
  return changedClass(deps, actor, models, saved ? saved.toObject() : null, { fields: changed });
}

export async function assignTeacher(
  deps: ServiceDeps,
  actor: Actor,
  classId: string,
  teacherId: string,
): Promise<ClassRecord> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const teacher = await requireTeacher(models, teacherId);
  const updated = await models.Class.findByIdAndUpdate(
    objectId(classId, 'The class'),
    { $set: { teacherId: teacher } },
    { returnDocument: 'after' },
  ).lean();
  return changedClass(deps, actor, models, updated, { teacherId });
}

/**
 * Enrols students: each must be an active student of this institution and in no other class, and the class
 * must have room for all of them. Saved with optimistic concurrency, so two enrolments at once cannot overfill.
 */
export async function addStudents(
  deps: ServiceDeps,
  actor: Actor,
  classId: string,
  studentIds: string[],
): Promise<ClassRecord> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const ids = [...new Set(studentIds)].map((id) => objectId(id, 'A student'));
  // By name, so that the error names the same person each time.
  const students = await models.User.find({ _id: { $in: ids } }, { role: 1, isActive: 1, name: 1 })
    .sort({ name: 1, _id: 1 })
    .lean();
  if (students.length !== ids.length)
    throw new AppError('NOT_FOUND', 'A student was not found in this institution.', {
      studentIds: 'Not found.',
    });
  const notStudent = students.find((s) => s.role !== 'student' || s.isActive === false);
  if (notStudent) {
    throw new AppError('VALIDATION', `${notStudent.name} is not an active student.`, {
      studentIds: 'Choose active students.',
    });
  }
  const classOid = objectId(classId, 'The class');
  const elsewhere = await models.Class.findOne(
    { _id: { $ne: classOid }, students: { $in: ids } },
    { name: 1 },
  )
    .sort({ name: 1, _id: 1 })
    .lean();
  if (elsewhere) {
    throw new AppError('CONFLICT', `A student is already enrolled in ${elsewhere.name}.`, {
      studentIds: 'Already in a class.',
    });
  }

  const saved = await mutateDocument(models.Class, classOid, (doc) => {
    const current = new Set(doc.students.map(String));
    const added = ids.filter((id) => !current.has(id.toString()));
    if (current.size + added.length > doc.maxStudents) {
      throw new AppError(
        'CONFLICT',
        `${doc.name} holds ${doc.maxStudents}; ${current.size} enrolled, ${added.length} more asked.`,
        { studentIds: `Capacity is ${doc.maxStudents}.` },
      );
    }
    doc.students.push(...added);
  });
  // A number from a class they were in before means nothing here.
  await clearRollNumbers(models, ids);
  return changedClass(deps, actor, models, saved ? saved.toObject() : null, {
    addedStudents: ids.map(String),
  });
}

/** classes.removeStudent: a student not enrolled in the class is NOT_FOUND. */
export async function removeStudent(
  deps: ServiceDeps,
  actor: Actor,
  classId: string,
  studentId: string,
): Promise<ClassRecord> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const student = objectId(studentId, 'The student');
  const saved = await mutateDocument(models.Class, objectId(classId, 'The class'), (doc) => {
    const removed = removeArrayElements<Types.ObjectId>(doc, 'students', (id) => id.equals(student));
    if (removed === 0) {
      throw new AppError('NOT_FOUND', `This student is not enrolled in ${doc.name}.`, {
        studentId: 'Not enrolled in this class.',
      });
    }
  });
  if (saved) await clearRollNumbers(models, [student]);
  return changedClass(deps, actor, models, saved ? saved.toObject() : null, { removedStudent: studentId });
}

/**
 * Deletes a class with what refers to it: its timetable entries, and its id in assignments. References go
 * first, so an interruption never leaves references to a missing class.
 */
export async function deleteClass(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const classId = objectId(id, 'The class');
  const found = await models.Class.findById(classId, { name: 1, students: 1 }).lean();
  if (!found) throw classNotFound();
  await clearRollNumbers(models, found.students);
  await deps.db.consistently(async (session) => {
    await models.Schedule.deleteMany({ classId }, { session });
    await models.Assignment.updateMany({ classIds: classId }, { $pull: { classIds: classId } }, { session });
    await models.Class.deleteOne({ _id: classId }, { session });
  });
  await deps.activity.record(actor, {
    action: 'DELETE',
    targetType: 'CLASS',
    targetId: classId,
    targetName: found.name,
  });
}
