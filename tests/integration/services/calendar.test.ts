import { beforeAll, describe, expect, it } from 'vitest';
import { calendarList } from '../../../shared/contract';
import {
  createCalendarEntry,
  deleteCalendarEntry,
  listCalendar,
  updateCalendarEntry,
} from '../../../electron/core/services/calendar';
import type { Actor } from '../../../electron/core/services/context';
import { errorCode as code } from '../../support/services';
import { admin, deps, other, personActor, useInstitutions } from '../../support/fixture';

useInstitutions();

let student: Actor;

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

beforeAll(async () => {
  student = await personActor('student', 'cal student');
});
describe('calendar', () => {
  it('creates holidays and events with isHoliday derived from the type, and logs it', async () => {
    const holiday = await createCalendarEntry(deps, admin, {
      title: 'Dashain',
      description: 'School closed',
      date: day('2025-10-01'),
      type: 'holiday',
    });
    expect(holiday).toMatchObject({
      title: 'Dashain',
      description: 'School closed',
      type: 'holiday',
      isHoliday: true,
    });
    expect(holiday.createdBy).toBe(admin.userId);
    expect(holiday).not.toHaveProperty('_id');
    const event = await createCalendarEntry(deps, admin, {
      title: 'Sports day',
      description: undefined,
      date: day('2025-09-15'),
      type: 'event',
    });
    expect(event.isHoliday).toBe(false);
    expect(event).not.toHaveProperty('description');

    const tenant = await deps.db.tenant(admin.databaseName);
    const logs = await tenant.models.ActivityLog.find({ targetType: 'CALENDAR' })
      .sort({ timestamp: 1 })
      .lean();
    expect(logs.map((l) => `${l.action} ${l.targetName}`)).toEqual(['CREATE Dashain', 'CREATE Sports day']);
    expect(String(logs[0]?.targetId)).toBe(holiday.id);
  });

  it('lists a range inclusively, by date, for every role, and only the caller institution', async () => {
    await createCalendarEntry(deps, admin, {
      title: 'Before',
      date: day('2025-08-31'),
      type: 'event',
      description: undefined,
    });
    await createCalendarEntry(deps, admin, {
      title: 'Last day',
      date: day('2025-10-31'),
      type: 'event',
      description: undefined,
    });
    await createCalendarEntry(deps, other, {
      title: 'Elsewhere',
      date: day('2025-09-20'),
      type: 'event',
      description: undefined,
    });

    const range = calendarList.input.parse({ from: '2025-09-01', to: '2025-10-31' });
    const seen = await listCalendar(deps, student, range);
    expect(seen.items.map((i) => i.title)).toEqual(['Sports day', 'Dashain', 'Last day']);
    expect(seen.items.map((i) => i.isHoliday)).toEqual([false, true, false]);
    const asAdmin = await listCalendar(deps, admin, range);
    expect(asAdmin.items).toEqual(seen.items);
    const theirs = await listCalendar(deps, other, range);
    expect(theirs.items.map((i) => i.title)).toEqual(['Elsewhere']);
  });

  it('the contract bounds the range', () => {
    expect(calendarList.input.safeParse({ from: '2025-01-01', to: '2026-03-01' }).success).toBe(false);
    expect(calendarList.input.safeParse({ from: '2025-02-01', to: '2025-01-01' }).success).toBe(false);
  });

  it('updates fields, keeps the absent ones, clears the description, and follows the type', async () => {
    const entry = await createCalendarEntry(deps, admin, {
      title: 'Parents meeting',
      description: 'Hall A',
      date: day('2025-11-05'),
      type: 'event',
    });
    const moved = await updateCalendarEntry(deps, admin, {
      id: entry.id,
      date: day('2025-11-06'),
      description: undefined,
    });
    expect(moved).toMatchObject({ title: 'Parents meeting', description: 'Hall A', date: day('2025-11-06') });
    const changed = await updateCalendarEntry(deps, admin, {
      id: entry.id,
      type: 'holiday',
      description: null,
    });
    expect(changed).toMatchObject({ type: 'holiday', isHoliday: true, title: 'Parents meeting' });
    expect(changed).not.toHaveProperty('description');
    const tenant = await deps.db.tenant(admin.databaseName);
    const stored = await tenant.models.Calendar.findById(entry.id).lean();
    expect(stored).toMatchObject({ isHoliday: true, type: 'holiday', description: '' });
    // Nothing to change: the entry as it is, and nothing logged.
    const same = await updateCalendarEntry(deps, admin, { id: entry.id, description: undefined });
    expect(same).toEqual(changed);
    const back = await updateCalendarEntry(deps, admin, {
      id: entry.id,
      type: 'event',
      description: undefined,
    });
    expect(back.isHoliday).toBe(false);
    const logs = await tenant.models.ActivityLog.find({ targetId: entry.id, action: 'UPDATE' })
      .sort({ timestamp: 1, _id: 1 })
      .lean();
    expect(logs).toHaveLength(3);
    expect(logs[1]?.details).toEqual({ fields: ['description', 'type'] });
  });

  it('another institution cannot change or delete an entry: NOT_FOUND, nothing changed', async () => {
    const entry = await createCalendarEntry(deps, admin, {
      title: 'Exam week',
      date: day('2025-12-01'),
      type: 'event',
      description: undefined,
    });
    await expect(
      updateCalendarEntry(deps, other, { id: entry.id, title: 'Hacked', description: undefined }),
    ).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(deleteCalendarEntry(deps, other, { id: entry.id })).rejects.toSatisfy(code('NOT_FOUND'));
    const [still] = (await listCalendar(deps, admin, { from: day('2025-12-01'), to: day('2025-12-01') }))
      .items;
    expect(still?.title).toBe('Exam week');
  });

  it('deletes an entry once, logs it, and a second delete is NOT_FOUND', async () => {
    const entry = await createCalendarEntry(deps, admin, {
      title: 'Picnic',
      date: day('2026-01-10'),
      type: 'event',
      description: undefined,
    });
    expect(await deleteCalendarEntry(deps, admin, { id: entry.id })).toEqual({ id: entry.id, deleted: true });
    await expect(deleteCalendarEntry(deps, admin, { id: entry.id })).rejects.toSatisfy(code('NOT_FOUND'));
    expect(
      (await listCalendar(deps, admin, { from: day('2026-01-10'), to: day('2026-01-10') })).items,
    ).toEqual([]);
    const tenant = await deps.db.tenant(admin.databaseName);
    expect(await tenant.models.ActivityLog.countDocuments({ targetId: entry.id, action: 'DELETE' })).toBe(1);
  });
});
