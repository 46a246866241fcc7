/**
 * The institution's calendar: holidays and events. Everyone signed in reads a bounded date range (the contract
 * caps it); only the admin writes. `isHoliday` is kept beside `type` as the seed has both, always derived.
 */
import type { QueryFilter, Types } from 'mongoose';
import type { CalendarEntryDto, HolidayPlace, ServiceInput } from '../../../shared/contract';
import { TEXT_LIMITS, type CalendarType } from '../../../shared/domain';
import { publicHolidayId } from '../db/tenant/calendar';
import type { AssignmentDoc, TenantModels } from '../db/tenant';
import { AppError, isDuplicateKeyError } from '../errors/app-error';
import { classIdsOfStudent } from './classes';
import { deleteRecorded } from './delete-recorded';
import type { Actor, ServiceDeps } from './context';
import { holidayPlaces, publicHolidays } from './public-holidays';
import { objectId, tenantOf } from './tenant-access';
import { updateEntry } from './activity-log';

interface StoredEntry {
  _id: Types.ObjectId;
  title: string;
  description?: string | null;
  date: Date;
  type: string;
  createdBy: Types.ObjectId;
  createdAt: Date;
  country?: string | null;
  region?: string | null;
}

const TARGET = 'CALENDAR';

function toEntry(doc: StoredEntry): CalendarEntryDto {
  const type = doc.type as CalendarType;
  return {
    id: doc._id.toString(),
    title: doc.title,
    // Stored as '' when absent (the model's default); callers see "no description".
    ...(doc.description ? { description: doc.description } : {}),
    date: doc.date,
    type,
    isHoliday: type === 'holiday',
    createdBy: doc.createdBy.toString(),
    createdAt: doc.createdAt,
    ...(doc.country
      ? { publicHoliday: { country: doc.country, ...(doc.region ? { region: doc.region } : {}) } }
      : {}),
  };
}

function notFound(): AppError {
  return new AppError('NOT_FOUND', 'This calendar entry was not found.');
}

/** Everyone: entries from `from` to `to` inclusive, by date (the contract bounds the range). */
export async function listCalendar(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'calendar.list'>,
): Promise<{
  items: CalendarEntryDto[];
  due: { assignmentId: string; title: string; dueDate: Date }[];
}> {
  const { models } = await tenantOf(deps, actor);
  // Independent reads, together.
  const [docs, due] = await Promise.all([
    models.Calendar.find({ date: { $gte: input.from, $lte: input.to } })
      .sort({ date: 1, _id: 1 })
      .lean<StoredEntry[]>(),
    dueIn(models, actor, input.from, input.to),
  ]);
  return { items: docs.map(toEntry), due };
}

/** Assignments due from `from` to `to` that the actor sees (as assignments.list decides who sees what). */
async function dueIn(models: TenantModels, actor: Actor, from: Date, to: Date) {
  const me = objectId(actor.userId, 'You');
  const filter: QueryFilter<AssignmentDoc> = { dueDate: { $gte: from, $lte: to } };
  if (actor.role === 'teacher') filter.teacherId = me;
  if (actor.role === 'student') {
    const mine = await classIdsOfStudent(models, me);
    if (mine.length === 0) return [];
    filter.classIds = { $in: mine };
  }
  const found = await models.Assignment.find(filter, { title: 1, dueDate: 1 })
    .sort({ dueDate: 1, _id: 1 })
    .limit(500)
    .lean();
  return found.map((a) => ({ assignmentId: a._id.toString(), title: a.title, dueDate: a.dueDate }));
}

/** Admin: adds a holiday or an event. */
export async function createCalendarEntry(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'calendar.create'>,
): Promise<CalendarEntryDto> {
  const { models } = await tenantOf(deps, actor);
  const created = await models.Calendar.create({
    title: input.title,
    description: input.description ?? '',
    date: input.date,
    type: input.type,
    createdBy: objectId(actor.userId, 'The author'),
  });
  const entry = toEntry(created.toObject());
  await deps.activity.record(actor, {
    action: 'CREATE',
    targetType: TARGET,
    targetId: created._id,
    targetName: entry.title,
    details: { type: entry.type, date: entry.date.toISOString() },
  });
  return entry;
}

/** Admin: changes an entry; absent fields are kept, a null or empty description clears it. */
export async function updateCalendarEntry(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'calendar.update'>,
): Promise<CalendarEntryDto> {
  const { models } = await tenantOf(deps, actor);
  const id = objectId(input.id, 'This calendar entry');
  const $set: Record<string, unknown> = {};
  if (input.title !== undefined) $set.title = input.title;
  if (input.description !== undefined) $set.description = input.description ?? '';
  if (input.date !== undefined) $set.date = input.date;
  if (input.type !== undefined) {
    $set.type = input.type;
    // The model derives it on save; an update bypasses that hook, so it is set here with the type.
    $set.isHoliday = input.type === 'holiday';
  }
  const updated = Object.keys($set).length
    ? await models.Calendar.findOneAndUpdate(
        { _id: id },
        { $set },
        { returnDocument: 'after', runValidators: true },
      ).lean<StoredEntry>()
    : await models.Calendar.findById(id).lean<StoredEntry>();
  if (!updated) throw notFound();
  const entry = toEntry(updated);
  if (Object.keys($set).length) {
    await deps.activity.record(
      actor,
      updateEntry(
        TARGET,
        id,
        entry.title,
        Object.keys($set).filter((k) => k !== 'isHoliday'),
      ),
    );
  }
  return entry;
}

/** Admin: removes an entry. */
export async function deleteCalendarEntry(
  deps: ServiceDeps,
  actor: Actor,
  input: { id: string },
): Promise<{ id: string; deleted: true }> {
  const { models } = await tenantOf(deps, actor);
  await deleteRecorded(deps, actor, models.Calendar, input.id, {
    what: 'This calendar entry',
    notFound,
    targetType: TARGET,
    describe: (removed) => ({
      targetName: removed.title,
      details: { type: removed.type, date: removed.date.toISOString() },
    }),
  });
  return { id: input.id, deleted: true };
}

/** Admin: the countries whose public holidays can be imported, India first, with their regions. */
export function holidayCountries(): { countries: HolidayPlace[] } {
  return { countries: holidayPlaces() };
}

/**
 * Admin: a year's public holidays of a country (and region) as holidays on the calendar. Each is stored under
 * an id made from its key (country, region, day, name), so one already there, imported before or by an import
 * running at the same moment, is counted and left as it is (an admin's edits to it survive a re-import).
 * Stored at noon UTC of its day, which is that day in every time zone the calendar's readers use.
 */
export async function importHolidays(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'calendar.importHolidays'>,
) {
  const { models } = await tenantOf(deps, actor);
  const holidays = publicHolidays(input.country, input.region, input.year);
  const place = input.region ? `${input.country}-${input.region}` : input.country;
  const planned = holidays.map((h) => {
    const key = `${place}|${h.day}|${h.name}`;
    // A region's holiday that the whole country has is there already when the country's were imported.
    const national = input.region ? publicHolidayId(`${input.country}|${h.day}|${h.name}`) : undefined;
    return { ...h, key, id: publicHolidayId(key), national };
  });
  const ids = planned.flatMap((p) => (p.national ? [p.id, p.national] : [p.id]));
  const existing = await models.Calendar.find({ _id: { $in: ids } }, { _id: 1 }).lean();
  const found = new Set(existing.map((e) => e._id.toString()));
  const there = new Set(
    planned
      .filter((p) => found.has(p.id.toString()) || (p.national && found.has(p.national.toString())))
      .map((p) => p.id.toString()),
  );
  const createdBy = objectId(actor.userId, 'The author');
  const added = new Set<string>();
  for (const p of planned) {
    if (there.has(p.id.toString())) continue;
    try {
      await models.Calendar.create({
        _id: p.id,
        title: p.name.slice(0, TEXT_LIMITS.title),
        date: new Date(`${p.day}T12:00:00.000Z`),
        type: 'holiday',
        createdBy,
        country: input.country,
        ...(input.region ? { region: input.region } : {}),
        holidayKey: p.key,
      });
      added.add(p.key);
    } catch (err) {
      // Imported at the same moment by another call: already there.
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  await deps.activity.record(actor, {
    action: 'IMPORT',
    targetType: TARGET,
    targetName: `Public holidays ${place} ${input.year}`,
    details: { country: input.country, region: input.region ?? null, year: input.year, added: added.size },
  });
  return {
    country: input.country,
    ...(input.region ? { region: input.region } : {}),
    year: input.year,
    added: added.size,
    alreadyThere: planned.length - added.size,
    holidays: planned.map((p) => ({ day: p.day, title: p.name, added: added.has(p.key) })),
  };
}
