/**
 * Classes of one institution with their referential rules: the class teacher is an active teacher of this
 * institution, students are active students, the capacity holds, and a student is enrolled in one class.
 */
import type { Types } from 'mongoose';
import { mutateDocument } from '../db/array-helpers';
import type { TenantModels } from '../db/tenant';
import { AppError, isDuplicateKeyError } from './app-error';
import type { Actor, ServiceDeps } from './context';
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
  studentIds: string[];
  maxStudents: number;
  subjects: string[];
  createdAt: Date;
  updatedAt: Date;
}

type StoredClass = {
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

export function toClassRecord(c: StoredClass): ClassRecord {
  return {
    id: c._id.toString(),
    name: c.name,
    grade: c.grade,
    section: c.section,
    teacherId: c.teacherId?.toString(),
    studentIds: c.students.map(String),
    maxStudents: c.maxStudents,
    subjects: [...c.subjects],
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

async function requireTeacher(models: TenantModels, id: string): Promise<Types.ObjectId> {
  const teacherId = objectId(id, 'The teacher');
  const teacher = await models.User.findById(teacherId, { role: 1, isActive: 1 }).lean();
  if (!teacher)
    throw new AppError('NOT_FOUND', 'The teacher was not found in this institution.', {
      teacherId: 'Not found.',
    });
  if (teacher.role !== 'teacher') {
    throw new AppError('VALIDATION', 'Only a teacher can be the class teacher.', {
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

export async function createClass(
  deps: ServiceDeps,
  actor: Actor,
  input: CreateClassInput,
): Promise<ClassRecord> {
  const { models } = await tenantOf(deps, actor);
  const teacherId = input.teacherId ? await requireTeacher(models, input.teacherId) : undefined;
  let created;
  try {
    created = await models.Class.create({ ...input, teacherId, students: [] });
  } catch (err) {
    if (isDuplicateKeyError(err)) {
      throw new AppError(
        'CONFLICT',
        `Grade ${input.grade} already has a section ${input.section.toUpperCase()}.`,
        {
          section: 'This section exists.',
        },
      );
    }
    throw err;
  }
  await deps.activity.record(actor, {
    action: 'CREATE',
    targetType: 'CLASS',
    targetId: created._id,
    targetName: created.name,
  });
  return toClassRecord(created.toObject());
}

export async function assignTeacher(
  deps: ServiceDeps,
  actor: Actor,
  classId: string,
  teacherId: string,
): Promise<ClassRecord> {
  const { models } = await tenantOf(deps, actor);
  const teacher = await requireTeacher(models, teacherId);
  const updated = await models.Class.findByIdAndUpdate(
    objectId(classId, 'The class'),
    { $set: { teacherId: teacher } },
    { new: true },
  ).lean();
  if (!updated) throw new AppError('NOT_FOUND', 'The class was not found.');
  await deps.activity.record(actor, {
    action: 'UPDATE',
    targetType: 'CLASS',
    targetId: updated._id,
    targetName: updated.name,
    details: { teacherId },
  });
  return toClassRecord(updated);
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
  const { models } = await tenantOf(deps, actor);
  const ids = [...new Set(studentIds)].map((id) => objectId(id, 'A student'));
  const students = await models.User.find({ _id: { $in: ids } }, { role: 1, isActive: 1, name: 1 }).lean();
  if (students.length !== ids.length)
    throw new AppError('NOT_FOUND', 'A student was not found in this institution.');
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
  ).lean();
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
        `${doc.name} has room for ${doc.maxStudents - current.size} more student(s).`,
        {
          studentIds: `Capacity is ${doc.maxStudents}.`,
        },
      );
    }
    doc.students.push(...added);
  });
  if (!saved) throw new AppError('NOT_FOUND', 'The class was not found.');
  await deps.activity.record(actor, {
    action: 'UPDATE',
    targetType: 'CLASS',
    targetId: saved._id,
    targetName: saved.name,
    details: { addedStudents: ids.map(String) },
  });
  return toClassRecord(saved.toObject());
}

/**
 * Deletes a class with what refers to it: its timetable entries, and its id in assignments. References go
 * first, so an interruption never leaves references to a missing class.
 */
export async function deleteClass(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  const { models } = await tenantOf(deps, actor);
  const classId = objectId(id, 'The class');
  const found = await models.Class.findById(classId, { name: 1 }).lean();
  if (!found) throw new AppError('NOT_FOUND', 'The class was not found.');
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
