/**
 * The institution report's kept assignment figures (db/tenant/figures-upkeep.ts) after random sequences of
 * writes through the services — assignments set, changed and deleted, work handed in, graded, accepted, sent
 * back, students enrolled, moved and removed, classes deleted — equal the figures computed from scratch from
 * the assignments and class lists; the report with its base kept in the process equals it read after every
 * write; and a rebuild after figures were lost gives the same report.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { REVIEW_DECISIONS } from '../../../shared/domain';
import {
  SCHOOL_FIGURES_ID,
  type AssignmentFiguresDoc,
} from '../../../electron/core/db/tenant/assignment-figures';
import { computeAllFigures, ensureAssignmentFigures } from '../../../electron/core/db/tenant/figures-upkeep';
import { institutionAnalytics } from '../../../electron/core/services/analytics';
import { createInstitutionReports } from '../../../electron/core/services/institution-report-base';
import {
  createAssignment,
  deleteAssignment,
  gradeSubmission,
  reviewSubmission,
  submitAssignment,
  updateAssignment,
} from '../../../electron/core/services/assignments';
import {
  addStudents,
  createClass,
  deleteClass,
  removeStudent,
} from '../../../electron/core/services/classes';
import type { Actor, ServiceDeps } from '../../../electron/core/services/context';
import { moveStudent } from '../../../electron/core/services/enrolment';
import { uploadFile } from '../../../electron/core/services/files';
import { AppError } from '../../../electron/core/errors/app-error';
import { actorOf, admin, deps, models, person, useInstitutions } from '../../support/fixture';

useInstitutions();

const DAY = 24 * 60 * 60 * 1000;
const teachers: Actor[] = [];
const students: Actor[] = [];

beforeAll(async () => {
  for (const name of ['Tara', 'Tomas']) teachers.push(actorOf(await person('teacher', name)));
  for (const name of ['Asha', 'Bina', 'Chen', 'Dara', 'Eli', 'Faye']) {
    students.push(actorOf(await person('student', name)));
  }
});

type Op =
  | { kind: 'create'; classes: number[]; dueInDays: number }
  | { kind: 'update'; assignment: number; classes: number[]; dueInDays: number }
  | { kind: 'delete'; assignment: number }
  | { kind: 'submit'; assignment: number; student: number }
  | { kind: 'grade'; assignment: number; student: number; grade: number }
  | { kind: 'review'; assignment: number; student: number; decision: (typeof REVIEW_DECISIONS)[number] }
  | { kind: 'enrol'; klass: number; student: number }
  | { kind: 'remove'; klass: number; student: number }
  | { kind: 'move'; klass: number; student: number }
  | { kind: 'deleteClass'; klass: number };

const index = (n: number) => fc.nat({ max: n - 1 });
const classSet = fc.uniqueArray(index(3), { minLength: 1, maxLength: 3 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      classes: classSet,
      dueInDays: fc.integer({ min: -5, max: 5 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      assignment: index(8),
      classes: classSet,
      dueInDays: fc.integer({ min: -5, max: 5 }),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), assignment: index(8) }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('submit' as const), assignment: index(8), student: index(6) }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('grade' as const),
      assignment: index(8),
      student: index(6),
      grade: fc.integer({ min: 0, max: 100 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('review' as const),
      assignment: index(8),
      student: index(6),
      decision: fc.constantFrom(...REVIEW_DECISIONS),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('enrol' as const), klass: index(3), student: index(6) }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('remove' as const), klass: index(3), student: index(6) }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('move' as const), klass: index(3), student: index(6) }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('deleteClass' as const), klass: index(3) }), weight: 1 },
);

/** One run's world: its classes (led by Tara, Tara, Tomas) and the assignments set so far. */
interface World {
  classes: string[];
  assignments: Array<{ id: string; teacher: Actor }>;
}

let runs = 0;

async function newWorld(): Promise<World> {
  runs += 1;
  // Every run (shrinking included) needs sections of its own: R1, R2, …
  const section = `R${runs}`;
  const classes: string[] = [];
  for (const [i, grade] of [1, 2, 3].entries()) {
    const c = await createClass(deps, admin, { name: `Class ${grade}-${section}`, grade, section });
    await models.Class.updateOne({ _id: c.id }, { $set: { teacherId: teachers[i === 2 ? 1 : 0]!.userId } });
    classes.push(c.id);
  }
  return { classes, assignments: [] };
}

async function handIn(student: Actor): Promise<string> {
  const data = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(64)]);
  const ref = await uploadFile(deps, student, {
    name: 'work.pdf',
    mimeType: 'application/pdf',
    data,
    purpose: 'submission',
  });
  return ref.id;
}

async function apply(world: World, o: Op): Promise<void> {
  const assignment =
    'assignment' in o ? world.assignments[o.assignment % Math.max(1, world.assignments.length)] : undefined;
  const student = 'student' in o ? students[o.student]! : undefined;
  // Tara leads the first two classes, Tomas the third: an assignment's classes are its teacher's.
  const leader = (klass: number) => (klass === 2 ? 1 : 0);
  const teacherIndex =
    o.kind === 'update'
      ? teachers.indexOf(assignment?.teacher ?? teachers[0]!)
      : 'classes' in o
        ? leader(o.classes[0]!)
        : 0;
  const classIds =
    'classes' in o ? o.classes.filter((i) => leader(i) === teacherIndex).map((i) => world.classes[i]!) : [];
  const due = 'dueInDays' in o ? new Date(Date.now() + o.dueInDays * DAY + 60_000) : new Date();
  switch (o.kind) {
    case 'create': {
      const teacher = teachers[teacherIndex]!;
      const created = await createAssignment(deps, teacher, { title: 'Work', classIds, dueDate: due });
      world.assignments.push({ id: created.id, teacher });
      return;
    }
    case 'update':
      if (assignment && classIds.length > 0)
        await updateAssignment(deps, assignment.teacher, { id: assignment.id, classIds, dueDate: due });
      return;
    case 'delete':
      if (assignment) await deleteAssignment(deps, admin, { id: assignment.id });
      return;
    case 'submit':
      if (assignment) {
        await submitAssignment(deps, student!, {
          assignmentId: assignment.id,
          files: [await handIn(student!)],
        });
      }
      return;
    case 'grade':
    case 'review':
      if (assignment) {
        const which = { assignmentId: assignment.id, studentId: student!.userId };
        if (o.kind === 'grade') await gradeSubmission(deps, assignment.teacher, { ...which, grade: o.grade });
        else await reviewSubmission(deps, assignment.teacher, { ...which, decision: o.decision });
      }
      return;
    case 'enrol':
      await addStudents(deps, admin, world.classes[o.klass]!, [student!.userId]);
      return;
    case 'remove':
      await removeStudent(deps, admin, world.classes[o.klass]!, student!.userId);
      return;
    case 'move':
      await moveStudent(deps, admin, { studentId: student!.userId, toClassId: world.classes[o.klass]! });
      return;
    case 'deleteClass':
      await deleteClass(deps, admin, world.classes[o.klass]!);
      return;
  }
}

/** Figures without the zeros a sum keeps after counts fall back (and grade sums to a fixed precision). */
function normalized(doc: AssignmentFiguresDoc | undefined) {
  if (!doc) return undefined;
  const numbers = (o: Record<string, number> | undefined) =>
    Object.fromEntries(
      Object.entries(o ?? {})
        .filter(([, v]) => v !== 0)
        .map(([k, v]) => [k, Math.round(v * 1e6) / 1e6]),
    );
  const classes = Object.fromEntries(
    Object.entries(doc.classes ?? {})
      .map(([id, f]) => [id, numbers(f)] as const)
      .filter(([, f]) => Object.keys(f).length > 0),
  );
  return {
    dueDate: doc.dueDate?.getTime(),
    all: numbers(doc.all),
    classes,
    handIns: numbers(doc.handIns),
    assignments: doc.assignments,
  };
}

async function expectKeptEqualsComputed(): Promise<void> {
  const handle = await deps.db.tenant(admin.databaseName);
  const kept = await models.AssignmentFigures.find({}).lean<AssignmentFiguresDoc[]>();
  const computed = await computeAllFigures(handle.conn);
  const keptById = new Map(kept.map((d) => [d._id, d]));
  expect(normalized(keptById.get(SCHOOL_FIGURES_ID))).toEqual(normalized(computed.school));
  expect(keptById.get(SCHOOL_FIGURES_ID)?.inFlight).toBe(0);
  expect(new Set(kept.map((d) => d._id).filter((id) => id !== SCHOOL_FIGURES_ID))).toEqual(
    new Set(computed.assignments.map((d) => d._id)),
  );
  for (const doc of computed.assignments) expect(normalized(keptById.get(doc._id))).toEqual(normalized(doc));
}

/** The report with its base kept in the process (as the station on its embedded engine) equals it read. */
let keptReports: ServiceDeps | undefined;
async function expectKeptReportEqualsRead(): Promise<void> {
  keptReports ??= { ...deps, institutionReports: createInstitutionReports() };
  const now = new Date();
  expect(await institutionAnalytics(keptReports, admin, {}, now)).toEqual(
    await institutionAnalytics(deps, admin, {}, now),
  );
}

/** Writes that went through, by kind, over all runs: the property must have exercised each. */
const applied = new Map<Op['kind'], number>();

const EXPECTED_REFUSALS = new Set(['NOT_FOUND', 'CONFLICT', 'VALIDATION', 'FORBIDDEN']);

describe('kept assignment figures', () => {
  it('equal a from-scratch computation after random writes', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 20, maxLength: 40 }), async (ops) => {
        const world = await newWorld();
        for (const o of ops) {
          try {
            await apply(world, o);
            applied.set(o.kind, (applied.get(o.kind) ?? 0) + 1);
          } catch (err) {
            // A refused write (not enrolled, nothing to grade, class full…) changes nothing: still checked.
            if (!(err instanceof AppError) || !EXPECTED_REFUSALS.has(err.code)) throw err;
          }
          // Every kind of write shows in the kept report from the next call.
          await expectKeptReportEqualsRead();
        }
        await expectKeptEqualsComputed();
      }),
      { numRuns: 8 },
    );
    for (const kind of ['create', 'submit', 'grade', 'review', 'enrol', 'delete'] as const) {
      expect(applied.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
  });

  it('are rebuilt, to the same report, when lost or left half-updated', { timeout: 120_000 }, async () => {
    const handle = await deps.db.tenant(admin.databaseName);
    const before = await institutionAnalytics(deps, admin, {});
    await models.AssignmentFigures.updateOne(
      { _id: SCHOOL_FIGURES_ID },
      { $inc: { inFlight: 1, 'all.rows': 7 } },
    );
    expect(await institutionAnalytics(deps, admin, {})).toEqual(before);
    await models.AssignmentFigures.deleteMany({});
    await ensureAssignmentFigures(handle.conn, true);
    expect(await institutionAnalytics(deps, admin, {})).toEqual(before);
    await expectKeptEqualsComputed();
  });
});
