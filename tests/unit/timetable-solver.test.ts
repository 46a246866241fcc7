import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTimetable } from '../../electron/core/services/timetable/checker';
import type { TimetableProblem, TimetableSolution } from '../../electron/core/services/timetable/problem';
import { solveTimetable } from '../../electron/core/services/timetable/solver';
import { fullyBooked } from '../support/timetable-instances';

const LONG = 120_000;

function solve(problem: TimetableProblem, seed = 1, timeLimitMs = 60_000): TimetableSolution {
  return solveTimetable(problem, { seed, timeLimitMs });
}

/** Every group is either placed or reported unplaced, exactly once. */
function accountedFor(problem: TimetableProblem, s: TimetableSolution): void {
  const seen = new Map<string, number>();
  for (const x of [...s.placements, ...s.unplaced]) {
    const k = `${x.lessonId}#${x.group}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const kept = new Set(problem.fixed.map((f) => `${f.lessonId}#${f.group}`));
  for (const l of problem.lessons) {
    l.groups.forEach((_, g) => {
      expect(seen.get(`${l.id}#${g}`) ?? 0, `${l.id}#${g}`).toBe(kept.has(`${l.id}#${g}`) ? 0 : 1);
    });
  }
}

/** 3 classes, 5 teachers, a lab and two classrooms; 5 days × 6 periods with a break after the 3rd. */
function smallSchool(): TimetableProblem {
  const lesson = (id: string, subject: string, t: string, c: string[], groups: number[], extra = {}) => ({
    id,
    subject,
    teacherIds: [t],
    classIds: c,
    groups,
    ...extra,
  });
  return {
    days: 5,
    periodsPerDay: 6,
    breaksAfter: [2],
    teachers: [
      { id: 'maths', name: 'Ms Maths', unavailable: [0, 6, 12], maxPeriodsPerDay: 4 },
      { id: 'lang', name: 'Mr Lang', unavailable: [], maxDaysPerWeek: 4 },
      { id: 'sci', name: 'Dr Science', unavailable: [24, 25, 26, 27, 28, 29] },
      { id: 'pe', name: 'Coach', unavailable: [] },
      { id: 'art', name: 'Mx Art', unavailable: [], maxDaysPerWeek: 2, maxPeriodsPerDay: 6 },
    ],
    classes: [
      { id: 'A', name: '9-A', size: 28, unavailable: [29] },
      { id: 'B', name: '9-B', size: 26, unavailable: [29] },
      { id: 'C', name: '9-C', size: 30, unavailable: [] },
    ],
    rooms: [
      { id: 'lab', kind: 'lab', capacity: 32 },
      { id: 'r1', kind: 'ordinary', capacity: 32 },
      { id: 'hall', kind: 'hall', capacity: 90 },
    ],
    lessons: [
      ...['A', 'B', 'C'].flatMap((c) => [
        lesson(`${c}-maths`, 'Maths', 'maths', [c], [1, 1, 1, 1, 1], { withoutRoom: true }),
        lesson(`${c}-lang`, 'Language', 'lang', [c], [2, 1, 1, 1], { withoutRoom: true }),
        lesson(`${c}-sci`, 'Science', 'sci', [c], [2, 1], { roomKind: 'lab' }),
        lesson(`${c}-art`, 'Art', 'art', [c], [2], { roomId: 'r1' }),
      ]),
      lesson('ABC-pe', 'PE', 'pe', ['A', 'B', 'C'], [2, 1], { roomKind: 'hall' }),
    ],
    fixed: [{ lessonId: 'A-maths', group: 4, slot: 1, length: 1, teacherIds: ['maths'], classIds: ['A'] }],
  };
}

describe('timetable solver', () => {
  it('places every lesson of a small school without breaking a rule', () => {
    const p = smallSchool();
    const s = solve(p);
    expect(s.unplaced).toEqual([]);
    expect(checkTimetable(p, s.placements)).toEqual([]);
    expect(s.hardViolations).toBe(0);
    accountedFor(p, s);
  });

  it.each([4, 5, 6])(
    'fills a fully booked school of %i classes, teachers and rooms (every one busy in all 30 slots)',
    (n) => {
      const p = fullyBooked(n, 3);
      const periods = p.lessons.reduce((sum, l) => sum + l.groups.length, 0);
      expect(periods).toBe(30 * n);
      const s = solve(p, 2);
      expect(s.unplaced).toEqual([]);
      expect(checkTimetable(p, s.placements)).toEqual([]);
    },
    LONG,
  );

  it(
    'keeps the entries it is told to keep and fills in the rest around them',
    () => {
      const p = fullyBooked(6, 2);
      const first = solve(p, 5);
      expect(first.unplaced).toEqual([]);
      const lessons = new Map(p.lessons.map((l) => [l.id, l]));
      // Keep classes C0–C2 as they are; timetable C3–C5 again.
      const kept = first.placements.filter((x) =>
        ['C0', 'C1', 'C2'].includes(lessons.get(x.lessonId)!.classIds[0]!),
      );
      const again: TimetableProblem = {
        ...p,
        fixed: kept.map((x) => ({
          lessonId: x.lessonId,
          group: x.group,
          slot: x.slot,
          length: x.length,
          teacherIds: lessons.get(x.lessonId)!.teacherIds,
          classIds: lessons.get(x.lessonId)!.classIds,
          roomId: x.roomId ?? undefined,
        })),
      };
      const second = solve(again, 6);
      expect(second.unplaced).toEqual([]);
      expect(second.placements).toHaveLength(first.placements.length - kept.length);
      expect(checkTimetable(again, second.placements)).toEqual([]);
    },
    LONG,
  );

  it(
    'gives the same timetable for the same problem and seed',
    () => {
      const a = solve(fullyBooked(5, 4), 11);
      const b = solve(fullyBooked(5, 4), 11);
      expect(b.placements).toEqual(a.placements);
      expect(b.soft).toEqual(a.soft);
      expect(b.iterations).toBe(a.iterations);
    },
    LONG,
  );

  it(
    'stops when asked and returns only legal placements',
    () => {
      const p = fullyBooked(8, 1);
      let calls = 0;
      const s = solveTimetable(p, { seed: 1, timeLimitMs: 60_000, shouldStop: () => ++calls > 3 });
      expect(s.elapsedMs).toBeLessThan(30_000);
      expect(checkTimetable(p, s.placements, { complete: false })).toEqual([]);
      accountedFor(p, s);
    },
    LONG,
  );

  it(
    'reports progress',
    () => {
      const seen: number[] = [];
      solveTimetable(fullyBooked(4, 1), {
        seed: 1,
        timeLimitMs: 60_000,
        onProgress: (g) => seen.push(g.totalGroups),
      });
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.at(-1)).toBe(120);
    },
    LONG,
  );
});

describe('timetable solver on impossible schools', () => {
  function reasons(p: TimetableProblem): string[] {
    const s = solve(p, 1, 3_000);
    expect(checkTimetable(p, s.placements, { complete: false })).toEqual([]);
    accountedFor(p, s);
    return s.unplaced.map((u) => u.reason);
  }

  const base = (): TimetableProblem => ({
    days: 5,
    periodsPerDay: 6,
    breaksAfter: [2],
    teachers: [
      { id: 'x', name: 'Mr X', unavailable: [] },
      { id: 'y', name: 'Ms Y', unavailable: [] },
    ],
    classes: [{ id: 'a', name: '9-A', unavailable: [] }],
    rooms: [],
    lessons: [],
    fixed: [],
  });

  it('names a class with more periods than slots', () => {
    const p = base();
    p.lessons = [
      { id: 'l1', subject: 'Maths', teacherIds: ['x'], classIds: ['a'], groups: Array<number>(16).fill(1) },
      { id: 'l2', subject: 'Art', teacherIds: ['y'], classIds: ['a'], groups: Array<number>(16).fill(1) },
    ];
    const r = reasons(p);
    expect(r).toHaveLength(2);
    for (const why of r) expect(why).toContain('class 9-A has 30 free slots and needs 32 periods');
  });

  it('names a teacher over their limits', () => {
    const p = base();
    p.teachers[0] = { id: 'x', name: 'Mr X', unavailable: [0, 1, 2], maxPeriodsPerDay: 2, maxDaysPerWeek: 2 };
    p.lessons = [
      { id: 'l', subject: 'Maths', teacherIds: ['x'], classIds: ['a'], groups: [1, 1, 1, 1, 1, 1] },
    ];
    const r = reasons(p);
    expect(r.length).toBeGreaterThanOrEqual(2);
    expect(r[0]).toContain('Mr X can teach at most 4 more periods a week');
  });

  it('names a teacher unavailable whenever the class is free', () => {
    const p = base();
    p.classes[0]!.unavailable = Array.from({ length: 15 }, (_, i) => i);
    p.teachers[0]!.unavailable = Array.from({ length: 15 }, (_, i) => 15 + i);
    p.lessons = [{ id: 'l', subject: 'Maths', teacherIds: ['x'], classIds: ['a'], groups: [1] }];
    expect(reasons(p)).toEqual(['Maths: Mr X is unavailable or already busy in every slot 9-A is free']);
  });

  it(
    'names what blocks a group when only the search can tell (a teacher at their daily limit)',
    () => {
      const p = base();
      // Mr X teaches one period a day; both classes are in school on days 0 and 1 only, and need him twice each.
      p.teachers[0] = { id: 'x', name: 'Mr X', unavailable: [], maxPeriodsPerDay: 1 };
      const away = Array.from({ length: 18 }, (_, i) => 12 + i);
      p.classes = [
        { id: 'a', name: '9-A', unavailable: away },
        { id: 'b', name: '9-B', unavailable: away },
      ];
      p.lessons = [
        { id: 'la', subject: 'Maths', teacherIds: ['x'], classIds: ['a'], groups: [1, 1] },
        { id: 'lb', subject: 'Maths', teacherIds: ['x'], classIds: ['b'], groups: [1, 1] },
      ];
      const s = solve(p, 1, 1_000);
      expect(s.placements).toHaveLength(2);
      expect(s.unplaced).toHaveLength(2);
      for (const u of s.unplaced)
        expect(u.reason).toMatch(
          /^Maths \(9-[AB]\): Mr X is (busy or )?at their daily limit in every slot 9-[AB] is free$/,
        );
    },
    LONG,
  );

  it('names a room kind nobody has, and too few rooms of a kind', () => {
    const p = base();
    p.rooms = [{ id: 'lab', kind: 'lab', capacity: 30 }];
    p.classes.push({ id: 'b', name: '9-B', unavailable: [] });
    p.lessons = [
      { id: 'gym', subject: 'PE', teacherIds: ['x'], classIds: ['a'], groups: [1], roomKind: 'gym' },
      {
        id: 'la',
        subject: 'Lab',
        teacherIds: ['x'],
        classIds: ['a'],
        groups: Array<number>(9).fill(2),
        roomKind: 'lab',
      },
      {
        id: 'lb',
        subject: 'Lab',
        teacherIds: ['y'],
        classIds: ['b'],
        groups: Array<number>(9).fill(2),
        roomKind: 'lab',
      },
    ];
    const r = reasons(p);
    expect(r).toContain('PE: no room of kind gym exists');
    expect(r.some((why) => why.includes('rooms of kind lab: 1 rooms give 30 periods, lessons need 36'))).toBe(
      true,
    );
  });

  it('names a block that fits between no breaks, and a room too small', () => {
    const p = base();
    p.rooms = [{ id: 'r', kind: 'ordinary', capacity: 10 }];
    p.classes[0]!.size = 25;
    p.lessons = [
      { id: 'long', subject: 'Project', teacherIds: ['x'], classIds: ['a'], groups: [4], withoutRoom: true },
      { id: 'small', subject: 'Maths', teacherIds: ['y'], classIds: ['a'], groups: [1] },
    ];
    expect(reasons(p)).toEqual([
      'Project: a block of 4 periods fits in no day between breaks',
      'Maths: no room seats its 25 students',
    ]);
  });
});

describe('timetable solver, whatever the school', () => {
  const school = fc.record({
    days: fc.integer({ min: 1, max: 5 }),
    periodsPerDay: fc.integer({ min: 1, max: 6 }),
    breaks: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 2 }),
    teachers: fc.array(
      fc.record({
        unavailable: fc.array(fc.integer({ min: 0, max: 29 }), { maxLength: 8 }),
        maxPeriodsPerDay: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
        maxDaysPerWeek: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    classes: fc.array(
      fc.record({
        size: fc.integer({ min: 10, max: 40 }),
        unavailable: fc.array(fc.integer({ min: 0, max: 29 }), { maxLength: 5 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    rooms: fc.array(
      fc.record({ kind: fc.constantFrom('lab', 'ordinary'), capacity: fc.integer({ min: 10, max: 60 }) }),
      { maxLength: 3 },
    ),
    lessons: fc.array(
      fc.record({
        teacher: fc.nat(),
        classes: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
        groups: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }),
        room: fc.constantFrom('any', 'lab', 'fixed', 'none'),
      }),
      { minLength: 1, maxLength: 10 },
    ),
    fixed: fc.array(fc.record({ slot: fc.nat(), teacher: fc.nat(), klass: fc.nat() }), { maxLength: 2 }),
    seed: fc.nat(),
  });

  it(
    'never returns a placement that breaks a hard rule, and accounts for every group',
    () => {
      fc.assert(
        fc.property(school, (g) => {
          const slots = g.days * g.periodsPerDay;
          const teachers = g.teachers.map((t, i) => ({ id: `t${i}`, ...t }));
          const classes = g.classes.map((c, i) => ({ id: `c${i}`, ...c }));
          const rooms = g.rooms.map((r, i) => ({ id: `r${i}`, ...r }));
          const p: TimetableProblem = {
            days: g.days,
            periodsPerDay: g.periodsPerDay,
            breaksAfter: g.breaks,
            teachers,
            classes,
            rooms,
            lessons: g.lessons.map((l, i) => ({
              id: `l${i}`,
              subject: `s${i % 3}`,
              teacherIds: [teachers[l.teacher % teachers.length]!.id],
              classIds: [...new Set(l.classes.map((c) => classes[c % classes.length]!.id))],
              groups: l.groups,
              ...(l.room === 'lab' ? { roomKind: 'lab' } : {}),
              ...(l.room === 'fixed' && rooms.length > 0 ? { roomId: rooms[i % rooms.length]!.id } : {}),
              ...(l.room === 'none' ? { withoutRoom: true } : {}),
            })),
            fixed: g.fixed.map((f) => ({
              slot: f.slot % slots,
              length: 1,
              teacherIds: [teachers[f.teacher % teachers.length]!.id],
              classIds: [classes[f.klass % classes.length]!.id],
            })),
          };
          const s = solveTimetable(p, { seed: g.seed, timeLimitMs: 150 });
          expect(checkTimetable(p, s.placements, { complete: false })).toEqual([]);
          accountedFor(p, s);
          for (const u of s.unplaced) expect(u.reason.length).toBeGreaterThan(10);
        }),
        { numRuns: 40, seed: 20261130 },
      );
    },
    LONG,
  );
});
