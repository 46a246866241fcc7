/**
 * The generator's jobs: timetable.generate builds the problem and starts the solver off the main thread;
 * preview reports progress and, when done, the timetable with names; accept writes it at once; discard and
 * cancel end it. One job per institution, in memory (a restart forgets it: generate again).
 * (docs/architecture.md, "Timetabling")
 */
import { Types } from 'mongoose';
import type { ServiceInput } from '../../../../shared/contract';
import type { TenantModels } from '../../db/tenant';
import { AppError } from '../../errors/app-error';
import { namesOf, requireAdmin } from '../classes';
import type { Actor, ServiceDeps } from '../context';
import { tenantOf } from '../tenant-access';
import { buildProblem, entriesOf, type BuiltProblem, type PlannedEntry } from './build-problem';
import { classNamesOf } from './lessons';
import type { SolveProgress, TimetableSolution } from './problem';
import { roomNamesOf } from './rooms';
import { startSolve, type SolveHandle } from './run-in-worker';

type JobState = 'running' | 'done' | 'failed' | 'cancelled';

interface Job {
  id: string;
  databaseName: string;
  state: JobState;
  progress: Omit<SolveProgress, 'softTotal'>;
  startedAt: Date;
  options: ServiceInput<'timetable.generate'>;
  built: BuiltProblem;
  handle: SolveHandle;
  solution?: TimetableSolution;
  error?: string;
}

/** The latest job of each institution, by database name. */
const jobs = new Map<string, Job>();

function jobOf(actor: Actor, jobId: string): Job {
  const job = jobs.get(actor.databaseName);
  if (!job || job.id !== jobId) {
    throw new AppError('NOT_FOUND', 'This generated timetable is no longer available: generate again.');
  }
  return job;
}

/** Test hook: another solver start (e.g. one that returns a result with violations). */
export interface GeneratorHooks {
  start?: typeof startSolve;
}

/** timetable.generate: CONFLICT while the institution's previous job runs. */
export async function generateTimetable(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'timetable.generate'>,
  hooks: GeneratorHooks = {},
): Promise<{ jobId: string }> {
  requireAdmin(actor);
  const running = jobs.get(actor.databaseName);
  if (running?.state === 'running') {
    throw new AppError('CONFLICT', 'A timetable is being generated already: wait for it or cancel it.');
  }
  const { models } = await tenantOf(deps, actor);
  await requireScope(models, input.scope);
  const built = await buildProblem(models, { scope: input.scope, existing: input.existing });
  if (built.problem.lessons.length === 0) {
    throw new AppError('VALIDATION', 'There are no lessons to place: add lessons on the Lessons tab first.', {
      scope: 'No lessons in this scope.',
    });
  }
  const totalGroups = built.problem.lessons.reduce((sum, l) => sum + l.groups.length, 0);
  const job: Job = {
    id: new Types.ObjectId().toString(),
    databaseName: actor.databaseName,
    state: 'running',
    progress: { placedGroups: 0, totalGroups, hardViolations: 0, elapsedMs: 0 },
    startedAt: new Date(),
    options: input,
    built,
    handle: (hooks.start ?? startSolve)(built.problem, {
      seed: input.seed,
      timeLimitMs: input.timeLimitSeconds * 1000,
      onProgress: (p) => {
        job.progress = {
          placedGroups: p.placedGroups,
          totalGroups: p.totalGroups,
          hardViolations: p.hardViolations,
          elapsedMs: Math.round(p.elapsedMs),
        };
      },
    }),
  };
  jobs.set(actor.databaseName, job);
  job.handle.result.then(
    (solution) => {
      job.solution = solution;
      if (job.state === 'running') job.state = 'done';
      job.progress = {
        placedGroups: solution.placements.length,
        totalGroups,
        hardViolations: solution.hardViolations,
        elapsedMs: Math.round(solution.elapsedMs),
      };
    },
    (err: unknown) => {
      if (job.state !== 'running') return;
      job.state = 'failed';
      job.error = err instanceof Error ? err.message : String(err);
    },
  );
  await deps.activity.record(actor, {
    action: 'GENERATE',
    targetType: 'TIMETABLE',
    targetName: scopeName(input),
    details: { seed: input.seed, timeLimitSeconds: input.timeLimitSeconds, existing: input.existing },
  });
  return { jobId: job.id };
}

/** The scope's classes or teachers must be this institution's (NOT_FOUND otherwise). */
async function requireScope(models: TenantModels, scope: ServiceInput<'timetable.generate'>['scope']) {
  if (scope.kind === 'classes') {
    const found = await models.Class.countDocuments({ _id: { $in: scope.classIds } });
    if (found !== scope.classIds.length) {
      throw new AppError('NOT_FOUND', 'A class of the scope was not found.', { scope: 'Not found.' });
    }
  } else if (scope.kind === 'teachers') {
    const found = await models.User.countDocuments({ _id: { $in: scope.teacherIds }, role: 'teacher' });
    if (found !== scope.teacherIds.length) {
      throw new AppError('NOT_FOUND', 'A teacher of the scope was not found.', { scope: 'Not found.' });
    }
  }
}

function scopeName(input: ServiceInput<'timetable.generate'>): string {
  const { scope } = input;
  if (scope.kind === 'school') return 'Whole school';
  if (scope.kind === 'classes')
    return `${scope.classIds.length} class${scope.classIds.length === 1 ? '' : 'es'}`;
  return `${scope.teacherIds.length} teacher${scope.teacherIds.length === 1 ? '' : 's'}`;
}

/** Names of everything the entries and unplaced lessons mention. */
async function namesFor(models: TenantModels, entries: readonly PlannedEntry[], built: BuiltProblem) {
  const lessons = [...built.lessons.values()];
  const classIds = new Set([
    ...entries.flatMap((e) => e.classIds),
    ...lessons.flatMap((l) => l.classIds.map(String)),
  ]);
  const teacherIds = new Set([
    ...entries.flatMap((e) => e.teacherIds),
    ...lessons.flatMap((l) => l.teacherIds.map(String)),
  ]);
  const roomIds = new Set(entries.flatMap((e) => (e.roomId ? [e.roomId] : [])));
  const [classes, teachers, rooms] = await Promise.all([
    classNamesOf(models, [...classIds]),
    namesOf(models, [...teacherIds]),
    roomNamesOf(models, [...roomIds]),
  ]);
  const join = (list: readonly string[], names: Map<string, string>) =>
    list.map((id) => names.get(id) ?? 'Removed').join(', ');
  return { classes, teachers, rooms, join };
}

export type PreviewRecord = Awaited<ReturnType<typeof previewOf>>;

async function previewOf(deps: ServiceDeps, actor: Actor, job: Job) {
  const base = {
    jobId: job.id,
    state: job.state,
    progress: job.progress,
    startedAt: job.startedAt,
    ...(job.error !== undefined ? { error: job.error } : {}),
  };
  const solution = job.solution;
  if (!solution) return base;
  const { models } = await tenantOf(deps, actor);
  const planned = [...job.built.kept, ...entriesOf(job.built, solution.placements)];
  const names = await namesFor(models, planned, job.built);
  const entries = planned.map((e) => ({
    ...(e.lessonId !== undefined ? { lessonId: e.lessonId } : {}),
    subject: e.subject,
    classIds: e.classIds,
    className: names.join(e.classIds, names.classes),
    teacherIds: e.teacherIds,
    teacherName: names.join(e.teacherIds, names.teachers),
    ...(e.roomId !== undefined ? { roomId: e.roomId, roomName: names.rooms.get(e.roomId) ?? 'Removed' } : {}),
    day: e.day,
    period: e.period,
    timeSlot: e.timeSlot,
    kept: e.kept,
  }));
  const unplaced = solution.unplaced.map((u) => {
    const lesson = job.built.lessons.get(u.lessonId);
    return {
      lessonId: u.lessonId,
      subject: lesson?.subject ?? 'A lesson',
      className: names.join(lesson?.classIds.map(String) ?? [], names.classes),
      teacherName: names.join(lesson?.teacherIds.map(String) ?? [], names.teachers),
      length: lesson?.groups[u.group] ?? 1,
      reason: u.reason,
    };
  });
  return {
    ...base,
    result: {
      entries,
      unplaced,
      hardViolations: solution.hardViolations,
      soft: solution.soft,
      replaces: job.built.replaces.length,
    },
  };
}

export async function previewTimetable(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'timetable.preview'>,
) {
  requireAdmin(actor);
  return previewOf(deps, actor, jobOf(actor, input.jobId));
}

export async function cancelTimetable(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'timetable.cancel'>,
) {
  requireAdmin(actor);
  const job = jobOf(actor, input.jobId);
  if (job.state === 'running') {
    job.state = 'cancelled';
    job.handle.cancel();
    // The solver stops at its next check and hands back its best result.
    await job.handle.result.catch(() => undefined);
  }
  return previewOf(deps, actor, job);
}

/** timetable.discard: NOT_FOUND for a job this institution no longer has. */
export function discardTimetable(
  actor: Actor,
  input: ServiceInput<'timetable.discard'>,
): { discarded: true } {
  requireAdmin(actor);
  const job = jobOf(actor, input.jobId);
  if (job.state === 'running') job.handle.cancel();
  jobs.delete(actor.databaseName);
  return { discarded: true };
}

/**
 * timetable.accept: removes the scope's generated entries being replaced and writes the new ones in one
 * insert; CONFLICT while running, with hard violations, or when the data changed since generating. Should the
 * insert fail half-way, what it wrote is removed and what it replaced restored.
 */
export async function acceptTimetable(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'timetable.accept'>,
): Promise<{ created: number; removed: number }> {
  requireAdmin(actor);
  const job = jobOf(actor, input.jobId);
  if (!job.solution) {
    throw new AppError(
      'CONFLICT',
      job.state === 'running'
        ? 'The timetable is still being generated: wait for it to finish.'
        : 'This run has no timetable to save: generate again.',
    );
  }
  if (job.solution.hardViolations > 0) {
    throw new AppError(
      'CONFLICT',
      `The generated timetable breaks ${job.solution.hardViolations} hard rule${job.solution.hardViolations === 1 ? '' : 's'}; it cannot be saved. Change the data or generate again.`,
    );
  }
  const { models } = await tenantOf(deps, actor);
  const now = await buildProblem(models, { scope: job.options.scope, existing: job.options.existing });
  if (now.fingerprint !== job.built.fingerprint) {
    throw new AppError(
      'CONFLICT',
      'The week, rooms, lessons, limits or timetable changed since this was generated: generate again.',
    );
  }
  const fresh = entriesOf(job.built, job.solution.placements);
  const docs = fresh.map((e) => ({
    _id: new Types.ObjectId(),
    teacherId: new Types.ObjectId(e.teacherIds[0]),
    classId: new Types.ObjectId(e.classIds[0]),
    ...(e.teacherIds.length > 1
      ? { alsoTeacherIds: e.teacherIds.slice(1).map((id) => new Types.ObjectId(id)) }
      : {}),
    ...(e.classIds.length > 1
      ? { alsoClassIds: e.classIds.slice(1).map((id) => new Types.ObjectId(id)) }
      : {}),
    subject: e.subject,
    day: e.day,
    period: e.period,
    timeSlot: e.timeSlot,
    ...(e.roomId !== undefined ? { roomId: new Types.ObjectId(e.roomId) } : {}),
    ...(e.lessonId !== undefined ? { lessonId: new Types.ObjectId(e.lessonId) } : {}),
  }));
  const removedDocs = await models.Schedule.find({ _id: { $in: job.built.replaces } }).lean();
  await models.Schedule.deleteMany({ _id: { $in: job.built.replaces } });
  try {
    if (docs.length > 0) await models.Schedule.insertMany(docs, { ordered: true });
  } catch (err) {
    await models.Schedule.deleteMany({ _id: { $in: docs.map((d) => d._id) } });
    if (removedDocs.length > 0) await models.Schedule.insertMany(removedDocs, { ordered: false });
    throw err;
  }
  jobs.delete(actor.databaseName);
  await deps.activity.record(actor, {
    action: 'ACCEPT',
    targetType: 'TIMETABLE',
    targetName: scopeName(job.options),
    details: {
      created: docs.length,
      removed: removedDocs.length,
      unplaced: job.solution.unplaced.length,
      softScore: job.solution.soft.total,
      seed: job.options.seed,
    },
  });
  return { created: docs.length, removed: removedDocs.length };
}
