/** Rooms: a name unique per institution (case-insensitive), a kind lessons can ask for, and a capacity. */
import type { QueryFilter, Types } from 'mongoose';
import type { ServiceInput } from '../../../../shared/contract';
import { tenantUsernameKey } from '../../../../shared/domain';
import type { RoomDoc, TenantModels } from '../../db/tenant';
import { AppError, isDuplicateKeyError } from '../../errors/app-error';
import { containsText, pageOf, requireAdmin, type Page } from '../classes';
import type { Actor, ServiceDeps } from '../context';
import { deleteRecorded } from '../delete-recorded';
import { keptNames } from '../kept-references';
import { objectId, tenantOf } from '../tenant-access';
import { changedFields, updateEntry } from '../activity-log';

export interface RoomRecord {
  id: string;
  name: string;
  kind: string;
  capacity: number;
  createdAt: Date;
}

type StoredRoom = { _id: Types.ObjectId; name: string; kind: string; capacity: number; createdAt: Date };

function toRoomRecord(r: StoredRoom): RoomRecord {
  return { id: r._id.toString(), name: r.name, kind: r.kind, capacity: r.capacity, createdAt: r.createdAt };
}

/** Same folding as usernames: "Lab 1" and "LAB 1" are one room. */
const nameKeyOf = tenantUsernameKey;

function nameTaken(name: string): AppError {
  return new AppError('CONFLICT', `A room named ${name} already exists.`, { name: 'This name is taken.' });
}

function roomNotFound(): AppError {
  return new AppError('NOT_FOUND', 'The room was not found.', { roomId: 'Not found.' });
}

/** A room of this institution, by id (NOT_FOUND on `roomId` otherwise). */
export async function requireRoom(models: TenantModels, id: string): Promise<StoredRoom> {
  const room = await models.Room.findById(objectId(id, 'The room')).lean();
  if (!room) throw roomNotFound();
  return room;
}

/** id → name of the given rooms; kept between writes (kept-references.ts). */
export async function roomNamesOf(
  models: TenantModels,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  return keptNames(models.Room.db, 'room-name', ids, async (missing) => {
    const rooms = await models.Room.find({ _id: { $in: missing } }, { name: 1 }).lean();
    return new Map(rooms.map((r) => [r._id.toString(), r.name]));
  });
}

export async function listRooms(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'rooms.list'>,
): Promise<Page<RoomRecord>> {
  const { models } = await tenantOf(deps, actor);
  const filter: QueryFilter<RoomDoc> = {};
  if (input.kind !== undefined) filter.kind = input.kind;
  if (input.search !== undefined)
    filter.$or = [{ name: containsText(input.search) }, { kind: containsText(input.search) }];
  const { skip, limit } = pageOf(input);
  const [rooms, total] = await Promise.all([
    models.Room.find(filter).sort({ nameKey: 1, _id: 1 }).skip(skip).limit(limit).lean(),
    models.Room.countDocuments(filter),
  ]);
  return { items: rooms.map(toRoomRecord), total, page: input.page, pageSize: input.pageSize };
}

export async function createRoom(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'rooms.create'>,
): Promise<RoomRecord> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const nameKey = nameKeyOf(input.name);
  if (await models.Room.exists({ nameKey })) throw nameTaken(input.name);
  let created;
  try {
    created = await models.Room.create({ ...input, nameKey });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw nameTaken(input.name);
    throw err;
  }
  await deps.activity.record(actor, {
    action: 'CREATE',
    targetType: 'ROOM',
    targetId: created._id,
    targetName: created.name,
    details: { kind: created.kind, capacity: created.capacity },
  });
  return toRoomRecord(created.toObject());
}

export async function updateRoom(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'rooms.update'>,
): Promise<RoomRecord> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const id = objectId(input.id, 'The room');
  const $set: Record<string, unknown> = {};
  if (input.name !== undefined) {
    const nameKey = nameKeyOf(input.name);
    if (await models.Room.exists({ _id: { $ne: id }, nameKey })) throw nameTaken(input.name);
    $set.name = input.name;
    $set.nameKey = nameKey;
  }
  if (input.kind !== undefined) $set.kind = input.kind;
  if (input.capacity !== undefined) $set.capacity = input.capacity;
  let updated;
  try {
    updated = await models.Room.findOneAndUpdate(
      { _id: id },
      { $set },
      { returnDocument: 'after', runValidators: true },
    ).lean();
  } catch (err) {
    if (isDuplicateKeyError(err)) throw nameTaken(input.name ?? 'that');
    throw err;
  }
  if (!updated) throw roomNotFound();
  await deps.activity.record(actor, updateEntry('ROOM', id, updated.name, changedFields(input)));
  return toRoomRecord(updated);
}

/** rooms.delete: CONFLICT while a lesson or a timetable entry names the room (they would point at nothing). */
export async function deleteRoom(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const roomId = objectId(id, 'The room');
  const [lessons, entries] = await Promise.all([
    models.Lesson.countDocuments({ roomId }),
    models.Schedule.countDocuments({ roomId }),
  ]);
  if (lessons + entries > 0) {
    const uses = [
      lessons > 0 ? `${lessons} lesson${lessons === 1 ? '' : 's'}` : '',
      entries > 0 ? `${entries} timetable entr${entries === 1 ? 'y' : 'ies'}` : '',
    ].filter(Boolean);
    throw new AppError('CONFLICT', `The room is used by ${uses.join(' and ')}: change them first.`);
  }
  await deleteRecorded(deps, actor, models.Room, id, {
    what: 'The room',
    notFound: roomNotFound,
    targetType: 'ROOM',
    describe: (found) => ({ targetName: found.name }),
  });
}
