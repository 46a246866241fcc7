import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTimetable, softScore } from '../../electron/core/services/timetable/checker';
import { buildModel } from '../../electron/core/services/timetable/model';
import type { Placement, TimetableProblem } from '../../electron/core/services/timetable/problem';
import { createRandom } from '../../electron/core/services/timetable/random';
import { State } from '../../electron/core/services/timetable/state';

// A small, crowded school: limits, rooms of two kinds, a lesson for two classes, doubles, a kept entry.
const problem: TimetableProblem = {
  days: 3,
  periodsPerDay: 4,
  breaksAfter: [1],
  teachers: [
    { id: 't0', unavailable: [0], maxPeriodsPerDay: 2, maxDaysPerWeek: 2 },
    { id: 't1', unavailable: [], maxPeriodsPerDay: 3 },
    { id: 't2', unavailable: [5], maxDaysPerWeek: 1 },
  ],
  classes: [
    { id: 'a', size: 20, unavailable: [11] },
    { id: 'b', size: 20, unavailable: [] },
  ],
  rooms: [
    { id: 'lab', kind: 'lab', capacity: 40 },
    { id: 'r1', kind: 'ordinary', capacity: 25 },
    { id: 'r2', kind: 'ordinary', capacity: 25 },
  ],
  lessons: [
    { id: 'm', subject: 'Maths', teacherIds: ['t0'], classIds: ['a'], groups: [1, 1, 1] },
    { id: 'n', subject: 'Maths', teacherIds: ['t0'], classIds: ['b'], groups: [2, 1] },
    { id: 's', subject: 'Science', teacherIds: ['t1'], classIds: ['a', 'b'], groups: [2], roomKind: 'lab' },
    { id: 'e', subject: 'English', teacherIds: ['t1'], classIds: ['b'], groups: [1, 1, 1, 1] },
    {
      id: 'p',
      subject: 'Project',
      teacherIds: ['t2'],
      classIds: ['a'],
      groups: [1, 1],
      roomKind: 'ordinary',
    },
  ],
  fixed: [{ slot: 6, length: 1, teacherIds: ['t1'], classIds: [], roomId: 'r1' }],
};

describe('timetable solver moves (the incremental bookkeeping)', () => {
  const model = buildModel(problem);
  const E = model.events.length;
  const placementsOf = (state: State): Placement[] =>
    model.events.flatMap((ev, e) =>
      state.slot[e]! < 0
        ? []
        : [
            {
              lessonId: problem.lessons[ev.lesson]!.id,
              group: ev.group,
              slot: state.slot[e]!,
              length: ev.length,
              roomId: state.room[e]! >= 0 ? problem.rooms[state.room[e]!]!.id : null,
            },
          ],
    );

  it('agrees with the independent checker and soft score after any sequence of moves', () => {
    const move = fc.record({ event: fc.nat(), start: fc.nat(), room: fc.nat(), out: fc.boolean() });
    fc.assert(
      fc.property(fc.array(move, { minLength: 1, maxLength: 40 }), fc.nat(), (moves, seed) => {
        const state = new State(model);
        const random = createRandom(seed);
        for (const mv of moves) {
          const e = mv.event % E;
          const ev = model.events[e]!;
          if (state.slot[e]! >= 0) {
            const before = state.hard;
            const d = state.remove(e);
            expect(state.hard).toBe(before + d);
          }
          if (mv.out) continue;
          const s = ev.starts[mv.start % ev.starts.length]!;
          const r = ev.rooms.length === 0 ? -1 : ev.rooms[mv.room % ev.rooms.length]!;
          const predicted = state.addCost(e, s, r);
          expect(state.add(e, s, r)).toBe(predicted);
          // A room chosen by bestRoom is never worse than the one drawn.
          state.remove(e);
          const best = state.bestRoom(e, s, random);
          expect(state.addCost(e, s, best)).toBeLessThanOrEqual(predicted);
          state.add(e, s, r);
        }
        const placements = placementsOf(state);
        const violations = checkTimetable(problem, placements, { complete: false });
        expect(state.hard === state.base, JSON.stringify(violations)).toBe(violations.length === 0);
        // Some event is in a breach exactly when the checker finds something.
        const anyConflict = model.events.some((_, e) => state.conflicts(e) > 0);
        expect(anyConflict).toBe(violations.length > 0);
        expect(state.softTotal()).toBe(softScore(problem, placements).total);
      }),
      { numRuns: 300, seed: 424242 },
    );
  });

  it('undoes a move exactly', () => {
    const state = new State(model);
    const random = createRandom(9);
    model.events.forEach((ev, e) => {
      const s = ev.starts[random.int(ev.starts.length)]!;
      state.add(e, s, state.bestRoom(e, s, random));
    });
    const hard = state.hard;
    const soft = state.softTotal();
    const slots = Int32Array.from(state.slot);
    for (let e = 0; e < E; e++) {
      const s = state.slot[e]!;
      const r = state.room[e]!;
      state.remove(e);
      const t = model.events[e]!.starts[0]!;
      state.add(e, t, r >= 0 ? model.events[e]!.rooms[0]! : -1);
      state.remove(e);
      state.add(e, s, r);
    }
    expect(state.hard).toBe(hard);
    expect(state.softTotal()).toBe(soft);
    expect(state.slot).toEqual(slots);
  });
});
