/**
 * Assignments: a teacher sets work for classes they teach, students of those classes hand in files, the teacher
 * reviews (accept, reject, reassign) and grades. Each student's row is shown with its stored status, or
 * `overdue` when nothing was handed in by the due date.
 *
 * "Classes a teacher teaches" are the classes they lead (class teacher) and the classes they have a timetable
 * entry for: a subject teacher sets homework for the classes they take, not only for their own form.
 */
import type { QueryFilter, Types } from 'mongoose';
import type { ServiceInput } from '../../../shared/contract';
import type { z } from 'zod';
import type {
  AssignmentDto,
  SubmissionDto,
  assignmentsDelete,
  assignmentsList,
  assignmentsSubmit,
} from '../../../shared/contract/assignments';
import { OUTCOME_OF_DECISION, SCORE_MAX, SCORE_MIN, type ReviewOutcome } from '../../../shared/domain';
import { canSubmit, isSentBack, submissionState } from '../../../shared/submission-rules';
import { mutateDocument, updateArrayElement } from '../db/array-helpers';
import type { TenantHandle } from '../db/database-manager';
import { filesById, type StoredFile } from '../db/files';
import type { AssignmentDoc, TenantModels } from '../db/tenant';
import { AppError } from '../errors/app-error';
import type { Actor, ServiceDeps } from './context';
import { classIdsOfStudent, classIdsTaughtBy, containsText, namesOf, uniqueIds } from './classes';
import {
  deleteUnreferencedFiles,
  fileRefsOf,
  markReferenced,
  releaseReferences,
  requireOwnFiles,
} from './files';
import { publishEvent } from './events/publish';
import { noticeOfAssignment } from './notices';
import { keptClassStudents } from './kept-references';
import { rollNumbersOf } from './roll-numbers';
import { objectId, tenantOf } from './tenant-access';
import { updateEntry } from './activity-log';

export type AssignmentsPage = z.input<(typeof assignmentsList)['output']>;
export type SubmissionResult = z.input<(typeof assignmentsSubmit)['output']>;
export type Deleted = z.input<(typeof assignmentsDelete)['output']>;

/** The router checks roles too; this keeps a wrong handler table from opening a channel to another role. */
function requireRole(actor: Actor, ...roles: Actor['role'][]): void {
  if (!roles.includes(actor.role)) throw new AppError('FORBIDDEN', 'Your role cannot do this.');
}

// ── Classes and their students ─────────────────────────────────────────────────────────────────────────────

/** The students of each class, by class id. */
async function studentsOfClasses(
  models: TenantModels,
  classIds: readonly Types.ObjectId[],
): Promise<Map<string, Types.ObjectId[]>> {
  if (classIds.length === 0) return new Map();
  return keptClassStudents(models.Class.db, uniqueIds(classIds).map(String), async (missing) => {
    const classes = await models.Class.find({ _id: { $in: missing } }, { students: 1 }).lean();
    return new Map(classes.map((c) => [c._id.toString(), c.students]));
  });
}

// ── Stored shapes and the views of them ────────────────────────────────────────────────────────────────────

interface StoredSubmission {
  studentId: Types.ObjectId;
  submittedAt?: Date | null;
  files: string[];
  note?: string | null;
  status: string;
  grade?: number | null;
  feedback?: string | null;
  isAccepted?: boolean | null;
  outcome?: string | null;
  reviewedAt?: Date | null;
  gradedAt?: Date | null;
}

/** A submission as updateArrayElement hands it over: a mongoose subdocument. */
interface SubmissionElement extends StoredSubmission {
  set(path: string, value: unknown): unknown;
}

interface StoredAssignment {
  _id: Types.ObjectId;
  title: string;
  description?: string | null;
  teacherId: Types.ObjectId;
  classIds: Types.ObjectId[];
  dueDate: Date;
  attachments: string[];
  submissions: StoredSubmission[];
  createdAt: Date;
}

/** The students an assignment is for: those of its classes now (a removed class's rows are out of view). */
function studentsOf(a: Pick<StoredAssignment, 'classIds'>, classStudents: Map<string, Types.ObjectId[]>) {
  return uniqueIds(a.classIds.flatMap((c) => classStudents.get(c.toString()) ?? []));
}

function rowsById(a: Pick<StoredAssignment, 'submissions'>): Map<string, StoredSubmission> {
  return new Map(a.submissions.map((s) => [s.studentId.toString(), s]));
}

/** What a view needs besides the assignments: file details and names. */
interface ViewContext {
  at: Date;
  files: Map<string, StoredFile>;
  names: Map<string, string>;
  /** Roll numbers of the students shown (teacher and admin views). */
  rolls: Map<string, number>;
}

function submissionView(
  studentId: Types.ObjectId,
  row: StoredSubmission | undefined,
  dueDate: Date,
  ctx: ViewContext,
): SubmissionDto {
  const name = ctx.names.get(studentId.toString());
  const view: SubmissionDto = {
    studentId: studentId.toString(),
    status: submissionState(row, dueDate, ctx.at),
    files: row ? fileRefsOf(ctx.files, row.files) : [],
  };
  if (name !== undefined) view.studentName = name;
  const rollNumber = ctx.rolls.get(studentId.toString());
  if (rollNumber !== undefined) view.rollNumber = rollNumber;
  if (row?.outcome) view.outcome = row.outcome as ReviewOutcome;
  if (row?.submittedAt) view.submittedAt = row.submittedAt;
  if (row?.note) view.note = row.note;
  if (typeof row?.grade === 'number') view.grade = row.grade;
  if (row?.feedback) view.feedback = row.feedback;
  return view;
}

/**
 * Assignments as the actor sees them. Teacher and admin: counts per state, and with `withRows` a row per student
 * of the assignment's classes. Student: only their own row.
 */
async function toDtos(
  handle: TenantHandle,
  actor: Actor,
  assignments: readonly StoredAssignment[],
  withRows: boolean,
): Promise<AssignmentDto[]> {
  const { models } = handle;
  const at = new Date();
  const me = objectId(actor.userId, 'You');
  const isStudent = actor.role === 'student';
  const classStudents = isStudent
    ? new Map<string, Types.ObjectId[]>()
    : await studentsOfClasses(
        models,
        assignments.flatMap((a) => a.classIds),
      );

  // Which rows each assignment shows, and so which names and files are needed.
  const shown = assignments.map((a) => {
    const rows = rowsById(a);
    const students = isStudent ? [me] : studentsOf(a, classStudents);
    return { a, rows, students, visible: isStudent || withRows ? students : [] };
  });
  const fileIds = shown.flatMap(({ a, rows, visible }) => [
    ...a.attachments,
    ...visible.flatMap((s) => rows.get(s.toString())?.files ?? []),
  ]);
  const [files, names, rolls] = await Promise.all([
    filesById(handle, fileIds),
    namesOf(models, [...assignments.map((a) => a.teacherId), ...shown.flatMap((s) => s.visible)].map(String)),
    isStudent
      ? new Map<string, number>()
      : rollNumbersOf(
          models,
          shown.flatMap((s) => s.visible),
        ),
  ]);
  const ctx: ViewContext = { at, files, names, rolls };

  return shown.map(({ a, rows, students, visible }) => {
    const dto: AssignmentDto = {
      id: a._id.toString(),
      title: a.title,
      description: a.description ?? '',
      teacherId: a.teacherId.toString(),
      classIds: a.classIds.map(String),
      dueDate: a.dueDate,
      attachments: fileRefsOf(files, a.attachments),
      createdAt: a.createdAt,
    };
    const teacherName = names.get(a.teacherId.toString());
    if (teacherName !== undefined) dto.teacherName = teacherName;
    if (visible.length > 0 || withRows || isStudent) {
      dto.submissions = visible.map((s) => submissionView(s, rows.get(s.toString()), a.dueDate, ctx));
    }
    if (!isStudent) {
      const counts = { students: students.length, pending: 0, submitted: 0, graded: 0, overdue: 0 };
      for (const s of students) counts[submissionState(rows.get(s.toString()), a.dueDate, at)] += 1;
      dto.counts = counts;
    }
    return dto;
  });
}

// ── Reading ────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A class filter must name a class the actor can see, as classes.list does: any class of this institution for the
 * admin, a class they teach (or one of their assignments is for) for a teacher, their own class for a student.
 * Anything else, another institution's class included, is NOT_FOUND.
 */
async function visibleClassFilter(handle: TenantHandle, actor: Actor, id: string): Promise<Types.ObjectId> {
  const { models } = handle;
  const classId = objectId(id, 'The class');
  const me = objectId(actor.userId, 'You');
  let visible: boolean;
  switch (actor.role) {
    case 'admin':
      visible = (await models.Class.exists({ _id: classId })) !== null;
      break;
    case 'teacher':
      visible =
        (await classIdsTaughtBy(models, me)).some((c) => c.equals(classId)) ||
        (await models.Assignment.exists({ teacherId: me, classIds: classId })) !== null;
      break;
    case 'student':
      visible = (await classIdsOfStudent(models, me)).some((c) => c.equals(classId));
      break;
  }
  if (!visible) throw new AppError('NOT_FOUND', 'The class was not found.', { classId: 'Not found.' });
  return classId;
}

function emptyPage(input: ServiceInput<'assignments.list'>): AssignmentsPage {
  return { items: [], total: 0, page: input.page, pageSize: input.pageSize };
}

/**
 * A student's list puts what still needs doing first: overdue and pending work by due date, earliest first (so
 * the oldest overdue, then what is due soonest), then handed-in work, latest due first.
 */
function studentOrder(me: Types.ObjectId, at: Date) {
  const open = (a: StoredAssignment) => {
    const state = submissionState(rowsById(a).get(me.toString()), a.dueDate, at);
    return state === 'overdue' || state === 'pending';
  };
  return (x: StoredAssignment, y: StoredAssignment): number => {
    const xOpen = open(x);
    const yOpen = open(y);
    if (xOpen !== yOpen) return xOpen ? -1 : 1;
    const byDue = x.dueDate.getTime() - y.dueDate.getTime();
    if (byDue !== 0) return xOpen ? byDue : -byDue;
    return x._id.toString() < y._id.toString() ? 1 : -1;
  };
}

/**
 * assignments.list: admin all, teacher their own, newest due first; student those of their classes, work
 * to do first (studentOrder). `status` filters on the student's own row, or for teacher and admin on any row,
 * so it is applied in code.
 */
export async function listAssignments(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'assignments.list'>,
): Promise<AssignmentsPage> {
  const handle = await tenantOf(deps, actor);
  const { Assignment } = handle.models;
  const me = objectId(actor.userId, 'You');
  const filter: QueryFilter<AssignmentDoc> = {};
  const classId =
    input.classId !== undefined ? await visibleClassFilter(handle, actor, input.classId) : undefined;

  if (actor.role === 'teacher') filter.teacherId = me;
  if (actor.role === 'student') {
    const mine = await classIdsOfStudent(handle.models, me);
    if (mine.length === 0) return emptyPage(input);
    filter.classIds = classId ?? { $in: mine };
  } else if (classId) {
    filter.classIds = classId;
  }
  if (input.dueFrom || input.dueTo) {
    filter.dueDate = {
      ...(input.dueFrom ? { $gte: input.dueFrom } : {}),
      ...(input.dueTo ? { $lt: input.dueTo } : {}),
    };
  }
  if (input.search) filter.title = containsText(input.search);

  const order = { dueDate: -1, _id: -1 } as const;
  const skip = (input.page - 1) * input.pageSize;
  let total: number;
  let docs: StoredAssignment[];
  if (!input.status && actor.role !== 'student') {
    [total, docs] = await Promise.all([
      Assignment.countDocuments(filter),
      Assignment.find(filter).sort(order).skip(skip).limit(input.pageSize).lean<StoredAssignment[]>(),
    ]);
  } else {
    // A student's candidates are their class's assignments (a dozen or two), ordered and paged here by their
    // own hand-in, so they are read without everyone else's (studentAssignments).
    const isStudent = actor.role === 'student';
    const candidates = isStudent
      ? await studentAssignments(handle, filter, order, me)
      : await Assignment.find(filter, {
          classIds: 1,
          dueDate: 1,
          'submissions.studentId': 1,
          'submissions.status': 1,
        })
          .sort(order)
          .lean<StoredAssignment[]>();
    const at = new Date();
    const classStudents = isStudent
      ? new Map<string, Types.ObjectId[]>()
      : await studentsOfClasses(
          handle.models,
          candidates.flatMap((a) => a.classIds),
        );
    const matching = candidates.filter((a) => {
      if (!input.status) return true;
      const rows = rowsById(a);
      const students = isStudent ? [me] : studentsOf(a, classStudents);
      return students.some((s) => submissionState(rows.get(s.toString()), a.dueDate, at) === input.status);
    });
    if (isStudent) matching.sort(studentOrder(me, at));
    total = matching.length;
    const page = matching.slice(skip, skip + input.pageSize);
    if (isStudent) {
      docs = page;
    } else {
      const pageIds = page.map((a) => a._id);
      const byId = new Map(
        (await Assignment.find({ _id: { $in: pageIds } }).lean<StoredAssignment[]>()).map((a) => [
          a._id.toString(),
          a,
        ]),
      );
      docs = pageIds.flatMap((id) => byId.get(id.toString()) ?? []);
    }
  }
  const items = await toDtos(handle, actor, docs, false);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

/**
 * Assignments as a student's list needs them: every field but the hand-ins, then the student's own hand-in of
 * each by a positional projection (one array in that query's filter, so MongoDB's `$` names the right element).
 * The embedded engine returns only the fields and hand-ins these projections keep (docs/architecture.md,
 * "Trimming"), so a class's assignments with every classmate's hand-in are not decoded.
 */
async function studentAssignments(
  handle: TenantHandle,
  filter: QueryFilter<AssignmentDoc>,
  order: Record<string, 1 | -1>,
  me: Types.ObjectId,
): Promise<StoredAssignment[]> {
  const { Assignment } = handle.models;
  const found = await Assignment.find(filter, { submissions: 0 })
    .sort(order)
    .lean<Omit<StoredAssignment, 'submissions'>[]>();
  if (found.length === 0) return [];
  const own = await Assignment.find(
    { _id: { $in: found.map((a) => a._id) }, 'submissions.studentId': me },
    { 'submissions.$': 1 },
  ).lean<Pick<StoredAssignment, '_id' | 'submissions'>[]>();
  const ownById = new Map(own.map((a) => [a._id.toString(), a.submissions]));
  return found.map((a) => ({ ...a, submissions: ownById.get(a._id.toString()) ?? [] }));
}

/** The assignment if the actor may see it (admin: any; teacher: their own; student: their classes'). */
async function visibleAssignment(handle: TenantHandle, actor: Actor, id: string): Promise<StoredAssignment> {
  const me = objectId(actor.userId, 'You');
  const filter: QueryFilter<AssignmentDoc> = { _id: objectId(id, 'The assignment') };
  if (actor.role === 'teacher') filter.teacherId = me;
  if (actor.role === 'student') filter.classIds = { $in: await classIdsOfStudent(handle.models, me) };
  const found = await handle.models.Assignment.findOne(filter).lean<StoredAssignment>();
  if (!found) throw new AppError('NOT_FOUND', 'The assignment was not found.');
  return found;
}

/** One assignment as the actor sees it, with its rows (NOT_FOUND when the actor may not see it). */
async function viewOf(
  handle: TenantHandle,
  actor: Actor,
  assignment: StoredAssignment,
): Promise<AssignmentDto> {
  const [dto] = await toDtos(handle, actor, [assignment], true);
  if (!dto) throw new AppError('NOT_FOUND', 'The assignment was not found.');
  return dto;
}

/** assignments.get: teacher (author) and admin every student's row, a student their own. */
export async function getAssignment(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'assignments.get'>,
): Promise<AssignmentDto> {
  const handle = await tenantOf(deps, actor);
  const found = await visibleAssignment(handle, actor, input.id);
  return viewOf(handle, actor, found);
}

// ── Writing (teacher) ──────────────────────────────────────────────────────────────────────────────────────

/**
 * The classes as ObjectIds, each a class of this institution the teacher teaches (or, on update, one the
 * assignment already has). Any other is NOT_FOUND on `classIds`.
 */
async function requireTaughtClasses(
  models: TenantModels,
  teacherId: Types.ObjectId,
  classIds: readonly string[],
  alreadyOn: readonly Types.ObjectId[] = [],
): Promise<Types.ObjectId[]> {
  const ids = classIds.map((id) => objectId(id, 'The class'));
  const allowed = new Set([...(await classIdsTaughtBy(models, teacherId)), ...alreadyOn].map(String));
  const existing = new Set(
    (await models.Class.find({ _id: { $in: ids } }, { _id: 1 }).lean()).map((c) => c._id.toString()),
  );
  if (ids.some((id) => !allowed.has(id.toString()) || !existing.has(id.toString()))) {
    throw new AppError('NOT_FOUND', 'A class was not found among the classes you teach.', {
      classIds: 'Choose classes you teach.',
    });
  }
  return ids;
}

function requireFuture(dueDate: Date): void {
  if (dueDate.getTime() <= Date.now()) {
    throw new AppError('VALIDATION', 'The due date must be in the future.', {
      dueDate: 'Choose a date in the future.',
    });
  }
}

/** assignments.create: for classes the teacher teaches, due in the future, with their own attachments. */
export async function createAssignment(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'assignments.create'>,
): Promise<AssignmentDto> {
  requireRole(actor, 'teacher');
  const handle = await tenantOf(deps, actor);
  const teacherId = objectId(actor.userId, 'You');
  const classIds = await requireTaughtClasses(handle.models, teacherId, input.classIds);
  requireFuture(input.dueDate);
  const attachments = input.attachments ?? [];
  await requireOwnFiles(handle, actor, attachments, 'attachment', 'attachments');
  const created = await handle.models.Assignment.create({
    title: input.title,
    description: input.description ?? '',
    teacherId,
    classIds,
    dueDate: input.dueDate,
    attachments,
    submissions: [],
  });
  await markReferenced(handle, attachments);
  await deps.activity.record(actor, {
    action: 'CREATE',
    targetType: 'ASSIGNMENT',
    targetId: created._id,
    targetName: created.title,
    details: { classIds: classIds.map(String), dueDate: input.dueDate, attachments: attachments.length },
  });
  // The class hears of it on Notices, with the due date (issue 19).
  const teacherName = (await namesOf(handle.models, [actor.userId])).get(actor.userId) ?? actor.username;
  await noticeOfAssignment(
    handle.models,
    { id: created._id, title: created.title, dueDate: created.dueDate, classIds, teacherId },
    teacherName,
  );
  return viewOf(handle, actor, created.toObject());
}

/**
 * assignments.update: the teacher's own assignment. New classes must be ones they teach; a changed due date must
 * be in the future; new attachments must be their own uploads. Attachments taken off are deleted.
 */
export async function updateAssignment(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'assignments.update'>,
): Promise<AssignmentDto> {
  requireRole(actor, 'teacher');
  const handle = await tenantOf(deps, actor);
  const { Assignment } = handle.models;
  const teacherId = objectId(actor.userId, 'You');
  const id = objectId(input.id, 'The assignment');
  const current = await Assignment.findOne({ _id: id, teacherId }).lean<StoredAssignment>();
  if (!current) throw new AppError('NOT_FOUND', 'The assignment was not found.');

  const set: Partial<
    Pick<StoredAssignment, 'title' | 'description' | 'classIds' | 'dueDate' | 'attachments'>
  > = {};
  if (input.title !== undefined) set.title = input.title;
  if (input.description !== undefined) set.description = input.description ?? '';
  if (input.classIds !== undefined) {
    set.classIds = await requireTaughtClasses(handle.models, teacherId, input.classIds, current.classIds);
  }
  if (input.dueDate !== undefined && input.dueDate.getTime() !== current.dueDate.getTime()) {
    requireFuture(input.dueDate);
    set.dueDate = input.dueDate;
  }
  let removedAttachments: string[] = [];
  let added: string[] = [];
  if (input.attachments !== undefined) {
    added = input.attachments.filter((f) => !current.attachments.includes(f));
    await requireOwnFiles(handle, actor, added, 'attachment', 'attachments');
    removedAttachments = current.attachments.filter((f) => !input.attachments?.includes(f));
    set.attachments = input.attachments;
  }

  let saved = current;
  if (Object.keys(set).length > 0) {
    // Before the reference goes: an interruption leaves the files to the sweep of unreferenced uploads.
    await releaseReferences(handle, removedAttachments);
    const updated = await Assignment.findOneAndUpdate(
      { _id: id, teacherId },
      // A new due date earns a new day-before reminder.
      set.dueDate !== undefined ? { $set: set, $unset: { reminderSentAt: 1 } } : { $set: set },
      { returnDocument: 'after' },
    ).lean<StoredAssignment>();
    if (!updated) throw new AppError('NOT_FOUND', 'The assignment was not found.');
    saved = updated;
    await markReferenced(handle, added);
    // After the reference is gone, so an interruption leaves at most an unreferenced file (pruned later).
    await deleteUnreferencedFiles(handle, removedAttachments);
    await deps.activity.record(actor, updateEntry('ASSIGNMENT', id, saved.title, Object.keys(set)));
  }
  return viewOf(handle, actor, saved);
}

/** assignments.delete: teacher their own, admin any; the files of the assignment and its submissions go too. */
export async function deleteAssignment(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'assignments.delete'>,
): Promise<Deleted> {
  requireRole(actor, 'teacher', 'admin');
  const handle = await tenantOf(deps, actor);
  const { Assignment } = handle.models;
  const id = objectId(input.id, 'The assignment');
  const filter: QueryFilter<AssignmentDoc> = { _id: id };
  if (actor.role !== 'admin') filter.teacherId = objectId(actor.userId, 'You');
  const found = await Assignment.findOne(filter).lean<StoredAssignment>();
  if (!found) throw new AppError('NOT_FOUND', 'The assignment was not found.');
  const files = [...found.attachments, ...found.submissions.flatMap((s) => s.files)];
  await releaseReferences(handle, files);
  await Assignment.deleteOne({ _id: id });
  // The document first: an interruption leaves unreferenced files (pruned later), never missing ones.
  await deleteUnreferencedFiles(handle, files);
  await deps.activity.record(actor, {
    action: 'DELETE',
    targetType: 'ASSIGNMENT',
    targetId: id,
    targetName: found.title,
    details: { submissions: found.submissions.length },
  });
  return { id: id.toString(), deleted: true };
}

// ── Submissions ────────────────────────────────────────────────────────────────────────────────────────────

async function submissionResult(
  handle: TenantHandle,
  assignmentId: Types.ObjectId,
  row: StoredSubmission,
  dueDate: Date,
): Promise<SubmissionResult> {
  const [files, names, rolls] = await Promise.all([
    filesById(handle, row.files),
    namesOf(handle.models, [row.studentId.toString()]),
    rollNumbersOf(handle.models, [row.studentId]),
  ]);
  return {
    assignmentId: assignmentId.toString(),
    submission: submissionView(row.studentId, row, dueDate, { at: new Date(), files, names, rolls }),
  };
}

/** "Fractions worksheet — Asha Rao": the log says whose work a review or a grade was about. */
function whoseWork(title: string, result: SubmissionResult): string {
  const student = result.submission.studentName;
  return student ? `${title} — ${student}` : title;
}

/** The changed hand-in as the teacher sees it, logged under whose work it was and pushed to both. */
async function loggedChange(
  deps: ServiceDeps,
  actor: Actor,
  handle: TenantHandle,
  { assignment, row }: { assignment: StoredAssignment; row: StoredSubmission },
  action: 'REVIEW' | 'GRADE',
  details: Record<string, string | number>,
): Promise<SubmissionResult> {
  const result = await submissionResult(handle, assignment._id, row, assignment.dueDate);
  await deps.activity.record(actor, {
    action,
    targetType: 'ASSIGNMENT',
    targetId: assignment._id,
    targetName: whoseWork(assignment.title, result),
    details,
  });
  // The student and the teacher see the hand-in change on their screens.
  publishEvent(
    deps,
    actor,
    action === 'REVIEW' ? 'assignment.reviewed' : 'assignment.graded',
    { assignmentId: assignment._id.toString(), studentId: row.studentId.toString() },
    { users: [row.studentId.toString(), actor.userId] },
  );
  return result;
}

function plainRow(row: StoredSubmission): StoredSubmission {
  return {
    studentId: row.studentId,
    submittedAt: row.submittedAt,
    files: [...row.files],
    note: row.note,
    status: row.status,
    grade: row.grade,
    feedback: row.feedback,
    isAccepted: row.isAccepted,
    outcome: row.outcome,
  };
}

const RESET_ON_SUBMIT = ['outcome', 'isAccepted', 'grade', 'feedback', 'reviewedAt', 'gradedAt'] as const;

/**
 * assignments.submit: a student hands in their own `submission` uploads for an assignment of their class.
 * Late first submissions are taken (submittedAt shows it); again only after a reject or reassign.
 */
export async function submitAssignment(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'assignments.submit'>,
): Promise<SubmissionResult> {
  requireRole(actor, 'student');
  const handle = await tenantOf(deps, actor);
  const me = objectId(actor.userId, 'You');
  const assignmentId = objectId(input.assignmentId, 'The assignment');
  // Everything the rule and the answer need, read at once: my classes, my uploads, my name. The assignment
  // itself is read by the read-change-save cycle below, which also decides whether it is mine to hand in.
  const [myClassIds, ownFiles, names] = await Promise.all([
    classIdsOfStudent(handle.models, me),
    requireOwnFiles(handle, actor, input.files, 'submission', 'files'),
    namesOf(handle.models, [actor.userId]),
  ]);
  const myClasses = new Set(myClassIds.map(String));

  let replaced: string[] = [];
  let resubmission = false;
  const saved = await mutateDocument(handle.models.Assignment, assignmentId, (doc) => {
    if (!doc.classIds.some((c) => myClasses.has(c.toString()))) {
      throw new AppError('NOT_FOUND', 'The assignment was not found.');
    }
    const at = new Date();
    const existing = (doc.submissions as unknown as SubmissionElement[]).find((s) => s.studentId.equals(me));
    if (!existing) {
      replaced = [];
      resubmission = false;
      doc.submissions.push({
        studentId: me,
        submittedAt: at,
        files: input.files,
        note: input.note,
        status: 'submitted',
      });
      return;
    }
    if (!canSubmit(existing)) {
      throw new AppError(
        'CONFLICT',
        existing.status === 'graded'
          ? 'This assignment is already graded.'
          : existing.outcome === 'accepted'
            ? 'Your work was accepted; it cannot be handed in again.'
            : 'Your work is waiting for review; you can hand it in again if it is sent back.',
      );
    }
    resubmission = Boolean(existing.submittedAt);
    replaced = existing.files.filter((f) => !input.files.includes(f));
    existing.set('submittedAt', at);
    existing.set('files', input.files);
    existing.set('note', input.note);
    existing.set('status', 'submitted');
    for (const path of RESET_ON_SUBMIT) existing.set(path, undefined);
  });
  if (!saved) throw new AppError('NOT_FOUND', 'The assignment was not found.');
  const stored = (saved.submissions as unknown as SubmissionElement[]).find((s) => s.studentId.equals(me));
  if (!stored) throw new Error('the submission was not saved');
  const row = plainRow(stored);

  await markReferenced(handle, input.files);
  if (replaced.length > 0) await deleteUnreferencedFiles(handle, replaced);
  await deps.activity.record(actor, {
    action: 'SUBMIT',
    targetType: 'ASSIGNMENT',
    targetId: saved._id,
    targetName: saved.title,
    details: { files: input.files.length, resubmission },
  });
  publishEvent(
    deps,
    actor,
    'assignment.submitted',
    { assignmentId: saved._id.toString(), studentId: actor.userId },
    { users: [actor.userId, saved.teacherId.toString()] },
  );
  const files = new Map(ownFiles.map((f) => [f.id.toString(), f]));
  return {
    assignmentId: saved._id.toString(),
    submission: submissionView(me, row, saved.dueDate, { at: new Date(), files, names, rolls: new Map() }),
  };
}

/**
 * The teacher's own assignment and a student of its classes; the row is changed by `change` through
 * updateArrayElement (never a positional update). A student without a hand-in is CONFLICT.
 */
async function changeSubmission(
  handle: TenantHandle,
  actor: Actor,
  assignmentId: string,
  studentId: string,
  change: (row: SubmissionElement, at: Date) => void,
): Promise<{ assignment: StoredAssignment; row: StoredSubmission }> {
  const { Assignment } = handle.models;
  const teacherId = objectId(actor.userId, 'You');
  const id = objectId(assignmentId, 'The assignment');
  const student = objectId(studentId, 'The student');
  const assignment = await Assignment.findOne(
    { _id: id, teacherId },
    { title: 1, classIds: 1, dueDate: 1 },
  ).lean<StoredAssignment>();
  if (!assignment) throw new AppError('NOT_FOUND', 'The assignment was not found.');
  const students = studentsOf(assignment, await studentsOfClasses(handle.models, assignment.classIds));
  if (!students.some((s) => s.equals(student))) {
    throw new AppError('NOT_FOUND', "The student was not found in this assignment's classes.", {
      studentId: 'Not found.',
    });
  }
  const notHandedIn = () => new AppError('CONFLICT', 'This student has not handed anything in yet.');
  const updated = await updateArrayElement<AssignmentDoc, SubmissionElement>(
    Assignment,
    id,
    'submissions',
    (s) => s.studentId.equals(student),
    (row) => {
      if (!row.submittedAt) throw notHandedIn();
      change(row, new Date());
    },
  );
  if (!updated) throw notHandedIn();
  return { assignment, row: plainRow(updated) };
}

/** assignments.review: accept (ready for a grade), reject or reassign (back to the student to hand in again). */
export async function reviewSubmission(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'assignments.review'>,
): Promise<SubmissionResult> {
  requireRole(actor, 'teacher');
  const handle = await tenantOf(deps, actor);
  const outcome = OUTCOME_OF_DECISION[input.decision];
  const changed = await changeSubmission(handle, actor, input.assignmentId, input.studentId, (r, at) => {
    if (isSentBack(r)) {
      throw new AppError('CONFLICT', 'This work was sent back; wait until the student hands it in again.');
    }
    r.set('outcome', outcome);
    r.set('isAccepted', outcome === 'accepted');
    r.set('reviewedAt', at);
    if (input.feedback !== undefined) r.set('feedback', input.feedback);
    if (outcome !== 'accepted') {
      // Back with the student: no grade stands for work that is to be done again.
      r.set('status', 'pending');
      r.set('grade', undefined);
      r.set('gradedAt', undefined);
    }
  });
  return loggedChange(deps, actor, handle, changed, 'REVIEW', {
    studentId: input.studentId,
    decision: input.decision,
  });
}

/** assignments.grade: 0–100 for work that is not sent back; grading unreviewed work accepts it. */
export async function gradeSubmission(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'assignments.grade'>,
): Promise<SubmissionResult> {
  requireRole(actor, 'teacher');
  if (!Number.isFinite(input.grade) || input.grade < SCORE_MIN || input.grade > SCORE_MAX) {
    throw new AppError('VALIDATION', `Grades are ${SCORE_MIN}–${SCORE_MAX}.`, {
      grade: `Grades are ${SCORE_MIN}–${SCORE_MAX}.`,
    });
  }
  const handle = await tenantOf(deps, actor);
  const changed = await changeSubmission(handle, actor, input.assignmentId, input.studentId, (r, at) => {
    if (isSentBack(r)) {
      throw new AppError('CONFLICT', 'This work was sent back; it can be graded once it is handed in again.');
    }
    r.set('grade', input.grade);
    r.set('status', 'graded');
    r.set('outcome', 'accepted');
    r.set('isAccepted', true);
    r.set('gradedAt', at);
    if (!r.reviewedAt) r.set('reviewedAt', at);
    if (input.feedback !== undefined) r.set('feedback', input.feedback);
  });
  return loggedChange(deps, actor, handle, changed, 'GRADE', {
    studentId: input.studentId,
    grade: input.grade,
  });
}
