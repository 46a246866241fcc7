/**
 * Public holidays imported from the holiday tables on the real engine: two countries (one with a region), each
 * holiday once however often it is imported, shown on the calendar, and not school days for attendance.
 */
import { describe, expect, it } from 'vitest';
import {
  attendanceDay as dayChannel,
  attendanceSave as saveChannel,
  attendanceStudent as studentChannel,
  calendarImportHolidays as importChannel,
  calendarList as listChannel,
} from '../../../shared/contract';
import { dayAbsences, saveRegister, studentRecord } from '../../../electron/core/services/attendance';
import {
  holidayCountries,
  importHolidays,
  listCalendar,
  updateCalendarEntry,
} from '../../../electron/core/services/calendar';
import { errorCode as code } from '../../support/services';
import { admin, classWith, deps, models, personActor, useInstitutions } from '../../support/fixture';

useInstitutions();

const importYear = (input: Record<string, unknown>) =>
  importHolidays(deps, admin, importChannel.input.parse(input));

describe('public holidays', () => {
  it('lists the countries India first, each with its regions', () => {
    const { countries } = holidayCountries();
    expect(countries[0]).toMatchObject({ code: 'IN', name: 'India' });
    expect(countries.length).toBeGreaterThan(200);
    const germany = countries.find((c) => c.code === 'DE');
    expect(germany?.regions).toContainEqual({ code: 'BY', name: 'Bayern' });
    // After India, by name.
    const rest = countries.slice(1).map((c) => c.name);
    expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it("imports India's public holidays of a year once; importing again adds nothing", async () => {
    const first = await importYear({ country: 'IN', year: 2026 });
    expect(first).toMatchObject({ country: 'IN', year: 2026, added: 6, alreadyThere: 0 });
    expect(first.holidays.map((h) => [h.day, h.title])).toEqual([
      ['2026-01-26', 'Republic Day'],
      ['2026-04-03', 'Good Friday'],
      ['2026-04-14', 'Ambedkar Jayanti'],
      ['2026-08-15', 'Independence Day'],
      ['2026-10-02', 'Gandhi Jayanti'],
      ['2026-12-25', 'Christmas Day'],
    ]);
    importChannel.output.parse(first);

    const again = await importYear({ country: 'IN', year: 2026 });
    expect(again).toMatchObject({ added: 0, alreadyThere: 6 });
    expect(again.holidays.every((h) => !h.added)).toBe(true);
    // Two imports at once still store each holiday once.
    const [a, b] = await Promise.all([
      importYear({ country: 'IN', year: 2027 }),
      importYear({ country: 'IN', year: 2027 }),
    ]);
    expect(a.added + b.added).toBe(a.holidays.length);
    expect(await models.Calendar.countDocuments({ country: 'IN' })).toBe(6 + a.holidays.length);

    const log = await models.ActivityLog.find({ action: 'IMPORT', targetType: 'CALENDAR' }).lean();
    expect(log.map((e) => e.targetName)).toContain('Public holidays IN 2026');
  });

  it("imports a German state's holidays (Bavaria's own included), once, beside India's", async () => {
    const bavaria = await importYear({ country: 'DE', region: 'BY', year: 2026 });
    expect(bavaria).toMatchObject({ country: 'DE', region: 'BY', added: 12, alreadyThere: 0 });
    // Epiphany and Corpus Christi are Bavarian, not national, holidays.
    expect(bavaria.holidays.map((h) => h.title)).toEqual(
      expect.arrayContaining(['Epiphany', 'Corpus Christi', 'National Holiday']),
    );
    expect((await importYear({ country: 'DE', region: 'BY', year: 2026 })).added).toBe(0);

    const april = await listCalendar(
      deps,
      admin,
      listChannel.input.parse({ from: '2026-04-01', to: '2026-04-30T23:59:59Z' }),
    );
    // Good Friday is a holiday in both countries: one entry for each (by date; the same day in either order).
    const place = (e: (typeof april.items)[number]) =>
      [e.publicHoliday?.country, e.publicHoliday?.region].filter(Boolean).join('-');
    expect(april.items.map((e) => `${e.title} ${place(e)}`)).toEqual([
      expect.stringMatching(/^Good Friday (IN|DE-BY)$/),
      expect.stringMatching(/^Good Friday (IN|DE-BY)$/),
      'Easter Monday DE-BY',
      'Ambedkar Jayanti IN',
    ]);
    expect(new Set(april.items.slice(0, 2).map(place))).toEqual(new Set(['IN', 'DE-BY']));
    expect(april.items.every((e) => e.type === 'holiday' && e.isHoliday)).toBe(true);
    listChannel.output.parse(april);
  });

  it("a region's import skips the holidays the country's import already added; an edited one stays edited", async () => {
    const germany = await importYear({ country: 'DE', year: 2025 });
    expect(germany.added).toBeGreaterThan(0);
    const christmas = (
      await listCalendar(deps, admin, { from: new Date('2025-12-25'), to: new Date('2025-12-25T23:59Z') })
    ).items.find((e) => e.title === 'Christmas Day');
    if (!christmas) throw new Error('Christmas Day was not imported');
    await updateCalendarEntry(deps, admin, { id: christmas.id, title: 'Christmas (school closed)' });

    const bavaria = await importYear({ country: 'DE', region: 'BY', year: 2025 });
    expect(bavaria.added).toBe(bavaria.holidays.length - germany.holidays.length);
    expect(bavaria.holidays.filter((h) => h.added).map((h) => h.title)).toEqual(
      expect.arrayContaining(['Epiphany', 'Corpus Christi']),
    );
    expect((await importYear({ country: 'DE', year: 2025 })).added).toBe(0);
    const after = await listCalendar(deps, admin, {
      from: new Date('2025-12-25'),
      to: new Date('2025-12-25T23:59Z'),
    });
    expect(after.items.map((e) => e.title)).toEqual(['Christmas (school closed)']);
  });

  it('refuses a country or region the tables do not know, and codes that are not codes', async () => {
    await expect(importYear({ country: 'XX', year: 2026 })).rejects.toSatisfy(code('VALIDATION'));
    await expect(importYear({ country: 'IN', region: 'ZZ', year: 2026 })).rejects.toSatisfy(
      code('VALIDATION'),
    );
    expect(importChannel.input.safeParse({ country: 'india', year: 2026 }).success).toBe(false);
    expect(importChannel.input.safeParse({ country: 'IN', year: 1800 }).success).toBe(false);
    expect(importChannel.input.safeParse({ country: { $ne: 1 }, year: 2026 }).success).toBe(false);
  });
});

describe('imported holidays are not school days', () => {
  it('no register is taken on one, and a register taken before the import stops counting', async () => {
    const tara = await personActor('teacher', 'hol tara');
    const asha = await personActor('student', 'hol asha');
    const cls = await classWith({ name: '5-H', grade: 5, section: 'H', teacherId: tara.userId }, [
      asha.userId,
    ]);
    const save = (date: string) =>
      saveRegister(
        deps,
        admin,
        saveChannel.input.parse({
          classId: cls.id,
          date,
          entries: [{ studentId: asha.userId, status: 'absent' }],
        }),
      );

    // Republic Day 2026 was imported above: it is a holiday to the register and the office's day view.
    await expect(save('2026-01-26')).rejects.toSatisfy(code('CONFLICT'));
    const day = await dayAbsences(deps, admin, dayChannel.input.parse({ date: '2026-01-26' }));
    expect(day.holiday).toBe('Republic Day');

    // Absent on 2 March and 2 June 2026; then Telangana's holidays (Formation Day, 2 June) are imported.
    await save('2026-03-02');
    await save('2026-06-02');
    const range = { studentId: asha.userId, from: '2026-03-01', to: '2026-06-30' };
    const before = await studentRecord(deps, admin, studentChannel.input.parse(range));
    expect(before.counts.absent).toBe(2);
    const telangana = await importYear({ country: 'IN', region: 'TG', year: 2026 });
    // India's own holidays were there already; only the state's is added.
    expect(telangana.holidays.filter((h) => h.added)).toEqual([
      { day: '2026-06-02', title: 'Telangana Formation Day', added: true },
    ]);
    const after = await studentRecord(deps, admin, studentChannel.input.parse(range));
    expect(after.counts).toEqual({ present: 0, absent: 1, late: 0, excused: 0 });
    expect(after.days.map((d) => d.date)).toEqual(['2026-03-02']);
  });
});
