/**
 * Who may chat with whom: the admin and the teachers, a teacher and the students of the classes they teach
 * (class teacher or timetable entry), a student and the teachers of their class. Anyone else is NOT_FOUND as
 * a chat partner. Only active people of the tenant count; the admin is not a tenant user (their id is their
 * registry id in the master database).
 *
 * Each person's circle (everyone they may chat with) is kept in the process by `ChatCircles` (kept-values.ts)
 * until a write changes who may chat with whom: the user, class and timetable models bump the tenant's circle
 * generation around every such write (db/tenant/circle-generation.ts). Only where this process is the one
 * writer of the data (the embedded engine): with MONGODB_URI another station may write, the runtime makes no
 * `ChatCircles`, the list reads every circle and the permission check reads what it needs in one round. A
 * teacher's institution admin is kept beside the circles until a write to the registry (the session generation).
 */
import type { Types } from 'mongoose';
import type { TenantHandle } from '../db/database-manager';
import type { TenantModels } from '../db/tenant';
import { circleGeneration } from '../db/tenant/circle-generation';
import { sessionGeneration } from '../db/session-generation';
import { AppError } from '../errors/app-error';
import { classIdsOfStudent, classIdsTaughtBy, uniqueIds } from './classes';
import type { Actor, ServiceDeps } from './context';
import {
  createKeptValues,
  type ChatCircles,
  type Circle,
  type KeptValuesOptions,
  type Partner,
} from './kept-values';
import { objectId } from './tenant-access';

export type { ChatCircles, Circle, Partner };

/** Circles kept at most (the least recently used go first): a few hundred bytes per partner each. */
const MAX_CIRCLES = 1000;
/** Institutions' admins kept at most: one per tenant the station serves. */
const MAX_ADMINS = 1000;

export function createChatCircles(
  options: Partial<Pick<KeptValuesOptions, 'maxAgeMs' | 'now' | 'generationOf'>> & {
    maxCircles?: number;
    /** The registry's generation: sessionGeneration, which every write to the registry moves. */
    registryGeneration?: () => number;
  } = {},
): ChatCircles {
  return {
    circles: createKeptValues<Circle>({
      generationOf: options.generationOf ?? circleGeneration,
      maxEntries: options.maxCircles ?? MAX_CIRCLES,
      maxAgeMs: options.maxAgeMs,
      now: options.now,
    }),
    admins: createKeptValues<Partner | null>({
      generationOf: options.registryGeneration ?? sessionGeneration,
      maxEntries: MAX_ADMINS,
      maxAgeMs: options.maxAgeMs,
      now: options.now,
    }),
  };
}

/** The actor's circle, kept or read by `read`. */
export async function keptCircle(
  kept: ChatCircles,
  actor: Actor,
  read: () => Promise<readonly Partner[]>,
): Promise<Circle> {
  const key = `${actor.role}\u0000${actor.userId.toLowerCase()}`;
  return kept.circles.get(actor.databaseName, key, async () => {
    const people = await read();
    return { people, byId: new Map(people.map((p) => [p.id.toString(), p])) };
  });
}

// ── Reading circles ──────────────────────────────────────────────────────────────────────────────────────────

const ACTIVE = { $ne: false } as const;

/**
 * The institution's admin, found by the tenant's database name in the master registry; kept where circles are
 * kept, until a write to the registry (which moves the session generation).
 */
async function institutionAdmin(deps: ServiceDeps, actor: Actor): Promise<Partner | null> {
  const read = async (): Promise<Partner | null> => {
    const entry = await deps.db.masterModels.AdminRegistry.findOne(
      { databaseName: actor.databaseName, state: 'active' },
      { name: 1 },
    ).lean();
    return entry ? { id: entry._id, name: entry.name, role: 'admin' } : null;
  };
  return deps.chatCircles ? deps.chatCircles.admins.get(actor.databaseName, '', read) : read();
}

async function usersAsPartners(
  models: TenantModels,
  ids: readonly Types.ObjectId[] | undefined,
  role: 'teacher' | 'student',
): Promise<Partner[]> {
  if (ids?.length === 0) return [];
  const users = await models.User.find(
    { ...(ids ? { _id: { $in: ids } } : {}), role, isActive: ACTIVE },
    { name: 1 },
  ).lean();
  return users.map((u) => ({ id: u._id, name: u.name, role }));
}

/** The class teachers of these classes and the teachers with a timetable entry for them. */
async function teachersOfClasses(
  models: TenantModels,
  classIds: readonly Types.ObjectId[],
): Promise<Types.ObjectId[]> {
  if (classIds.length === 0) return [];
  const [classes, timetabled] = await Promise.all([
    models.Class.find({ _id: { $in: classIds } }, { teacherId: 1 }).lean(),
    models.Schedule.distinct('teacherId', { classId: { $in: classIds } }),
  ]);
  return uniqueIds([...classes.flatMap((c) => (c.teacherId ? [c.teacherId] : [])), ...timetabled]);
}

async function studentsTaughtBy(models: TenantModels, teacherId: Types.ObjectId): Promise<Types.ObjectId[]> {
  const classIds = await classIdsTaughtBy(models, teacherId);
  if (classIds.length === 0) return [];
  const classes = await models.Class.find({ _id: { $in: classIds } }, { students: 1 }).lean();
  return classes.flatMap((c) => c.students);
}

/** The actor's circle, read: admin → teachers; teacher → their students; student → their teachers. */
async function readCircle(models: TenantModels, actor: Actor): Promise<Partner[]> {
  const me = objectId(actor.userId, 'You');
  switch (actor.role) {
    case 'admin':
      return usersAsPartners(models, undefined, 'teacher');
    case 'teacher':
      return usersAsPartners(models, await studentsTaughtBy(models, me), 'student');
    case 'student': {
      const teachers = await teachersOfClasses(models, await classIdsOfStudent(models, me));
      return usersAsPartners(models, teachers, 'teacher');
    }
  }
}

/** The actor's circle, kept where the process keeps circles. */
function circleOf(deps: ServiceDeps, handle: TenantHandle, actor: Actor): Promise<readonly Partner[]> {
  const read = () => readCircle(handle.models, actor);
  return deps.chatCircles ? keptCircle(deps.chatCircles, actor, read).then((c) => c.people) : read();
}

/**
 * Whether `other` is in the actor's circle, read in one round (no circles kept): the same rule as
 * `readCircle`, asked of one person — an active user of the partner role who shares a class with the actor
 * that the teacher of the two leads or teaches in the timetable.
 */
async function readPartner(
  models: TenantModels,
  actor: Actor,
  me: Types.ObjectId,
  other: Types.ObjectId,
): Promise<Partner | null> {
  switch (actor.role) {
    case 'admin':
      return (await usersAsPartners(models, [other], 'teacher'))[0] ?? null;
    case 'teacher':
    case 'student': {
      const [teacher, student] = actor.role === 'teacher' ? [me, other] : [other, me];
      const [[partner], classes, timetabled] = await Promise.all([
        usersAsPartners(models, [other], actor.role === 'teacher' ? 'student' : 'teacher'),
        models.Class.find({ students: student }, { teacherId: 1 }).lean(),
        models.Schedule.distinct('classId', { teacherId: teacher }),
      ]);
      const taught = new Set(timetabled.map(String));
      const shared = classes.some((c) => c.teacherId?.equals(teacher) || taught.has(c._id.toString()));
      return partner && shared ? partner : null;
    }
  }
}

// ── For the chat's channels ──────────────────────────────────────────────────────────────────────────────────

/** Everyone the actor may chat with: a teacher's institution admin besides their circle. */
export async function partnersOf(
  deps: ServiceDeps,
  handle: TenantHandle,
  actor: Actor,
): Promise<readonly Partner[]> {
  if (actor.role !== 'teacher') return circleOf(deps, handle, actor);
  const [admin, students] = await Promise.all([institutionAdmin(deps, actor), circleOf(deps, handle, actor)]);
  return admin ? [admin, ...students] : students;
}

/**
 * The chat partner with this id, if the actor may chat with them; otherwise NOT_FOUND on `field`. From the
 * kept circle where the process keeps circles (no read once kept; a teacher's admin is one read), else one
 * round of reads.
 */
export async function requirePartner(
  deps: ServiceDeps,
  handle: TenantHandle,
  actor: Actor,
  id: string,
  field: string,
): Promise<Partner> {
  const me = objectId(actor.userId, 'You');
  const other = objectId(id, 'This person');
  const partner = other.equals(me) ? null : await findPartner(deps, handle, actor, me, other);
  if (!partner) {
    throw new AppError('NOT_FOUND', 'This person was not found among the people you can chat with.', {
      [field]: 'Not found.',
    });
  }
  return partner;
}

async function findPartner(
  deps: ServiceDeps,
  handle: TenantHandle,
  actor: Actor,
  me: Types.ObjectId,
  other: Types.ObjectId,
): Promise<Partner | null> {
  const { chatCircles } = deps;
  if (!chatCircles) {
    const [admin, partner] = await Promise.all([
      actor.role === 'teacher' ? institutionAdmin(deps, actor) : null,
      readPartner(handle.models, actor, me, other),
    ]);
    return admin?.id.equals(other) ? admin : partner;
  }
  const circle = await keptCircle(chatCircles, actor, () => readCircle(handle.models, actor));
  const partner = circle.byId.get(other.toString());
  if (partner || actor.role !== 'teacher') return partner ?? null;
  const admin = await institutionAdmin(deps, actor);
  return admin?.id.equals(other) ? admin : null;
}
