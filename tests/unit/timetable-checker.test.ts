import { describe, expect, it } from 'vitest';
import { checkTimetable, softScore } from '../../electron/core/services/timetable/checker';
import type { Placement, TimetableProblem } from '../../electron/core/services/timetable/problem';
import { blockFits } from '../../electron/core/services/timetable/week';

// 2 days × 4 periods, a break after period 1: slots 0–3 are day 0, 4–7 day 1.
function problem(): TimetableProblem {
  return {
    days: 2,
    periodsPerDay: 4,
    breaksAfter: [1],
    teachers: [
      { id: 'T1', name: 'Mr Smith', unavailable: [3], maxPeriodsPerDay: 2, maxDaysPerWeek: 2 },
      { id: 'T2', unavailable: [], maxDaysPerWeek: 1 },
    ],
    classes: [
      { id: 'A', name: '9-A', size: 30, unavailable: [7] },
      { id: 'B', size: 10, unavailable: [] },
    ],
    rooms: [
      { id: 'R1', kind: 'lab', capacity: 20 },
      { id: 'R2', kind: 'ordinary', capacity: 40 },
    ],
    lessons: [
      { id: 'math', subject: 'Maths', teacherIds: ['T1'], classIds: ['A'], groups: [1, 1] },
      { id: 'lab', subject: 'Lab', teacherIds: ['T2'], classIds: ['B'], groups: [2], roomKind: 'lab' },
      { id: 'art', subject: 'Art', teacherIds: ['T2'], classIds: ['A'], groups: [1], roomId: 'R2' },
    ],
    fixed: [{ slot: 4, length: 1, teacherIds: [], classIds: ['B'], roomId: 'R1' }],
  };
}

const good: Placement[] = [
  { lessonId: 'math', group: 0, slot: 0, length: 1, roomId: 'R2' },
  { lessonId: 'math', group: 1, slot: 5, length: 1, roomId: 'R2' },
  { lessonId: 'lab', group: 0, slot: 2, length: 2, roomId: 'R1' },
  { lessonId: 'art', group: 0, slot: 1, length: 1, roomId: 'R2' },
];

function kinds(placements: Placement[], p = problem()): string[] {
  return checkTimetable(p, placements).map((v) => v.kind);
}

function replace(index: number, change: Partial<Placement>): Placement[] {
  return good.map((p, i) => (i === index ? { ...p, ...change } : p));
}

describe('timetable checker', () => {
  it('accepts a timetable that keeps every rule', () => {
    expect(checkTimetable(problem(), good)).toEqual([]);
  });

  it('sees blocks that leave their day or span a break', () => {
    const week = { days: 2, periodsPerDay: 4, breaksAfter: [1] };
    expect(blockFits(week, 0, 2)).toBe(true);
    expect(blockFits(week, 1, 2)).toBe(false); // periods 1–2 straddle the break after period 1
    expect(blockFits(week, 3, 2)).toBe(false); // runs into the next day
    expect(blockFits(week, 8, 1)).toBe(false);
    expect(kinds(replace(2, { slot: 1 }))).toContain('block-shape');
    expect(kinds(replace(2, { length: 1 }))).toContain('block-shape');
  });

  it('finds teacher, class and room clashes, kept entries included', () => {
    // art moves onto math's slot: the class clashes (and the room: both in R2).
    const clash = kinds(replace(3, { slot: 0 }));
    expect(clash).toContain('class-clash');
    expect(clash).toContain('room-clash');
    // lab onto slot 0 for class B: T2 has art at slot 1 → move art to 2 to make T2 clash with lab there.
    expect(kinds(replace(3, { slot: 2 }))).toContain('teacher-clash');
    // The kept entry holds class B and room R1 in slot 4.
    const kept = kinds(replace(2, { slot: 4 }));
    expect(kept).toContain('class-clash');
    expect(kept).toContain('room-clash');
  });

  it('finds unavailability of teachers and classes', () => {
    expect(kinds(replace(0, { slot: 3 }))).toContain('teacher-unavailable');
    expect(kinds(replace(1, { slot: 7 }))).toContain('class-unavailable');
  });

  it('finds teachers over their daily and weekly limits', () => {
    const p = problem();
    p.teachers[0]!.maxPeriodsPerDay = 1;
    const both: Placement[] = replace(1, { slot: 1 }).map((x) =>
      x.lessonId === 'art' ? { ...x, slot: 5 } : x,
    );
    expect(kinds(both, p)).toContain('teacher-day-limit');
    // T2 may work one day: lab on day 0, art on day 1.
    expect(kinds(replace(3, { slot: 6 }))).toContain('teacher-week-limit');
  });

  it('finds wrong rooms, wrong kinds, small rooms and missing rooms', () => {
    expect(kinds(replace(3, { roomId: 'R1' }))).toContain('wrong-room');
    expect(kinds(replace(2, { roomId: 'R2' }))).toContain('room-kind');
    expect(kinds(replace(0, { roomId: 'R1' }))).toContain('room-capacity'); // 30 students, 20 seats
    expect(kinds(replace(0, { roomId: null }))).toContain('wrong-room');
    expect(kinds(replace(0, { roomId: 'nowhere' }))).toContain('wrong-room');
  });

  it('finds groups missing, placed twice, or on the same day as their sibling', () => {
    expect(kinds(good.slice(1))).toContain('lesson-count');
    expect(checkTimetable(problem(), good.slice(1), { complete: false })).toEqual([]);
    expect(kinds([...good, good[0]!])).toContain('lesson-count');
    expect(kinds(replace(0, { group: 5 }))).toContain('lesson-count');
    // Both maths groups on day 1.
    expect(kinds(replace(0, { slot: 4 }))).toContain('block-shape');
  });

  it('refuses a kept group placed again', () => {
    const p = problem();
    p.fixed.push({
      lessonId: 'art',
      group: 0,
      slot: 6,
      length: 1,
      teacherIds: ['T2'],
      classIds: ['A'],
      roomId: 'R2',
    });
    const again = kinds(good, p);
    expect(again).toContain('fixed-moved');
    expect(
      kinds(
        good.filter((x) => x.lessonId !== 'art'),
        p,
      ),
    ).toEqual(['teacher-week-limit']);
  });

  it('scores the soft goals: same subject twice a day, gaps, uneven days', () => {
    const p = problem();
    p.lessons.push({ id: 'math2', subject: 'Maths', teacherIds: ['T1'], classIds: ['A'], groups: [1] });
    p.teachers[0]!.maxPeriodsPerDay = 4;
    const placements: Placement[] = [
      ...good,
      { lessonId: 'math2', group: 0, slot: 2, length: 1, roomId: 'R2' },
    ];
    const score = softScore(p, placements);
    // Maths for 9-A: 3 groups over 2 days allow 2 a day; day 0 has 2 → no excess.
    expect(score.sameSubjectSameDay).toBe(0);
    // T1 teaches periods 0 and 2 on day 0: one idle period; day loads 2 and 1.
    expect(score.teacherGaps).toBe(1);
    expect(score.loadImbalance).toBe(1);
    expect(score.total).toBe(2);
  });
});
