/**
 * Roll numbers and moving students between classes (issue 19). A roll number is kept on the student (a student
 * is in one class at most) and is unique among the students of that class; it is cleared whenever the student
 * leaves the class, since numbers belong to a class.
 */
import type { Types } from 'mongoose';
import type { ServiceInput } from '../../../shared/contract';
import { mutateDocument, removeArrayElements } from '../db/array-helpers';
import type { TenantModels } from '../db/tenant';
import { AppError } from '../errors/app-error';
import { describeClass, requireAdmin, type ClassRecord, type StoredClass } from './classes';
import type { Actor, ServiceDeps } from './context';
import { clearRollNumbers } from './roll-numbers';
import { objectId, tenantOf } from './tenant-access';

async function classOf(models: TenantModels, id: string): Promise<StoredClass> {
  const found = await models.Class.findById(objectId(id, 'The class')).lean<StoredClass>();
  if (!found) throw new AppError('NOT_FOUND', 'The class was not found.', { classId: 'Not found.' });
  return found;
}

/** classes.setRollNumber. */
export async function setRollNumber(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'classes.setRollNumber'>,
): Promise<{ studentId: string; rollNumber?: number }> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const cls = await classOf(models, input.classId);
  const studentId = objectId(input.studentId, 'The student');
  if (!cls.students.some((s) => s.equals(studentId))) {
    throw new AppError('NOT_FOUND', `This student is not enrolled in ${cls.name}.`, {
      studentId: 'Not enrolled in this class.',
    });
  }
  if (input.rollNumber !== null) {
    const holder = await models.User.findOne(
      { _id: { $in: cls.students, $ne: studentId }, rollNumber: input.rollNumber },
      { name: 1 },
    ).lean();
    if (holder) {
      throw new AppError(
        'CONFLICT',
        `${holder.name} already has roll number ${input.rollNumber} in ${cls.name}.`,
        {
          rollNumber: 'Taken in this class.',
        },
      );
    }
  }
  await models.User.updateOne(
    { _id: studentId },
    input.rollNumber === null ? { $unset: { rollNumber: 1 } } : { $set: { rollNumber: input.rollNumber } },
    { runValidators: true },
  );
  const student = await models.User.findById(studentId, { name: 1 }).lean();
  await deps.activity.record(actor, {
    action: 'UPDATE',
    targetType: 'USER',
    targetId: studentId,
    targetName: student?.name ?? input.studentId,
    details: { className: cls.name, rollNumber: input.rollNumber },
  });
  return {
    studentId: input.studentId,
    ...(input.rollNumber !== null ? { rollNumber: input.rollNumber } : {}),
  };
}

/** classes.numberAlphabetically: 1, 2, 3… by name, then id (two pupils of one name keep a stable order). */
export async function numberAlphabetically(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'classes.numberAlphabetically'>,
): Promise<{ classId: string; numbered: number }> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const cls = await classOf(models, input.classId);
  const students = await models.User.find({ _id: { $in: cls.students } }, { name: 1 }).lean();
  students.sort((a, b) => a.name.localeCompare(b.name) || a._id.toString().localeCompare(b._id.toString()));
  // Clear first, so no moment has two students of the class with one number.
  await clearRollNumbers(models, cls.students);
  for (const [i, s] of students.entries()) {
    await models.User.updateOne({ _id: s._id }, { $set: { rollNumber: i + 1 } });
  }
  await deps.activity.record(actor, {
    action: 'UPDATE',
    targetType: 'CLASS',
    targetId: cls._id,
    targetName: cls.name,
    details: { rollNumbers: 'alphabetical', numbered: students.length },
  });
  return { classId: input.classId, numbered: students.length };
}

/**
 * classes.moveStudent: out of the student's class and into another, in one step. Checked first (an active
 * student, a different class with room); then taken out of the old class and put into the new one under the
 * new class's capacity check; if that fails (it filled up meanwhile), the student goes back to the old class.
 */
export async function moveStudent(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'classes.moveStudent'>,
): Promise<{ from?: ClassRecord; to: ClassRecord }> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const studentId = objectId(input.studentId, 'The student');
  const student = await models.User.findById(studentId, { role: 1, isActive: 1, name: 1 }).lean();
  if (!student || student.role !== 'student') {
    throw new AppError('NOT_FOUND', 'The student was not found in this institution.', {
      studentId: 'Not found.',
    });
  }
  if (student.isActive === false) {
    throw new AppError('VALIDATION', `${student.name} is not an active student.`, {
      studentId: 'Reactivate them first.',
    });
  }
  const to = await classOf(models, input.toClassId);
  if (to.students.some((s) => s.equals(studentId))) {
    throw new AppError('CONFLICT', `${student.name} is already in ${to.name}.`, {
      toClassId: 'Already there.',
    });
  }
  const full = () =>
    new AppError('CONFLICT', `${to.name} is full: it holds ${to.maxStudents}.`, {
      toClassId: `Capacity is ${to.maxStudents}.`,
    });
  if (to.students.length >= to.maxStudents) throw full();
  const from = await models.Class.findOne({ students: studentId }).lean<StoredClass>();

  if (from) {
    await mutateDocument(models.Class, from._id, (doc) => {
      removeArrayElements<Types.ObjectId>(doc, 'students', (id) => id.equals(studentId));
    });
  }
  const added = await (async () => {
    const saved = await mutateDocument(models.Class, to._id, (doc) => {
      if (doc.students.length >= doc.maxStudents) throw full();
      doc.students.push(studentId);
    });
    if (!saved) throw new AppError('NOT_FOUND', 'The class was not found.', { toClassId: 'Not found.' });
    return saved.toObject();
  })().catch(async (err: unknown) => {
    // It filled up (or went) meanwhile: the student goes back where they were.
    if (from) {
      await mutateDocument(models.Class, from._id, (doc) => {
        if (!doc.students.some((s) => s.equals(studentId))) doc.students.push(studentId);
      });
    }
    throw err;
  });
  await clearRollNumbers(models, [studentId]);
  await deps.activity.record(actor, {
    action: 'MOVE',
    targetType: 'USER',
    targetId: studentId,
    targetName: student.name,
    details: { from: from?.name ?? null, to: to.name },
  });
  const fromNow = from ? await models.Class.findById(from._id).lean<StoredClass>() : null;
  return {
    ...(fromNow ? { from: await describeClass(models, fromNow) } : {}),
    to: await describeClass(models, added),
  };
}
