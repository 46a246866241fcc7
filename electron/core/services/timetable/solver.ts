/**
 * TEMPORARY — replaced by the solver branch at merge (its solver.ts is the real, strong solver).
 *
 * A simple legal greedy placer honouring the interface of problem.ts, so the timetable service, its channels
 * and screens can be built and tested before the solver lands: it places each lesson group in the first slot
 * (and room) that breaks no hard constraint, and names the reason for each group it cannot place. It never
 * produces a hard violation; it gives up where a real solver would search.
 */
import type {
  Placement,
  SoftScore,
  SolveOptions,
  TimetableProblem,
  TimetableSolution,
  Unplaced,
} from './problem';

interface Busy {
  teacher: Set<string>;
  klass: Set<string>;
  room: Set<string>;
  /** teacher → day → periods taught */
  load: Map<string, Map<number, number>>;
}

const key = (id: string, slot: number) => `${id}@${slot}`;

function occupy(
  busy: Busy,
  p: TimetableProblem,
  slot: number,
  length: number,
  t: string[],
  c: string[],
  r?: string | null,
) {
  const day = Math.floor(slot / p.periodsPerDay);
  for (let s = slot; s < slot + length; s++) {
    for (const id of t) busy.teacher.add(key(id, s));
    for (const id of c) busy.klass.add(key(id, s));
    if (r) busy.room.add(key(r, s));
  }
  for (const id of t) {
    const days = busy.load.get(id) ?? new Map<number, number>();
    days.set(day, (days.get(day) ?? 0) + length);
    busy.load.set(id, days);
  }
}

export function solveTimetable(problem: TimetableProblem, options: SolveOptions): TimetableSolution {
  const started = Date.now();
  const p = problem;
  const teachers = new Map(p.teachers.map((t) => [t.id, t]));
  const classes = new Map(p.classes.map((c) => [c.id, c]));
  const busy: Busy = { teacher: new Set(), klass: new Set(), room: new Set(), load: new Map() };
  const placedGroups = new Set<string>();
  for (const f of p.fixed) {
    occupy(busy, p, f.slot, f.length, f.teacherIds, f.classIds, f.roomId);
    if (f.lessonId !== undefined && f.group !== undefined) placedGroups.add(`${f.lessonId}#${f.group}`);
  }
  const placements: Placement[] = [];
  const unplaced: Unplaced[] = [];
  const work = p.lessons.flatMap((lesson) =>
    lesson.groups.map((length, group) => ({ lesson, group, length })),
  );
  const todo = work.filter((w) => !placedGroups.has(`${w.lesson.id}#${w.group}`));
  todo.sort((a, b) => b.length - a.length || b.lesson.teacherIds.length - a.lesson.teacherIds.length);
  const lessonDays = new Map<string, Set<number>>();
  let done = 0;
  for (const w of todo) {
    if (options.shouldStop?.()) break;
    const { lesson, length } = w;
    const size = lesson.classIds.reduce((sum, id) => sum + (classes.get(id)?.size ?? 0), 0);
    const rooms = p.rooms.filter(
      (r) =>
        (lesson.roomId ? r.id === lesson.roomId : !lesson.roomKind || r.kind === lesson.roomKind) &&
        r.capacity >= size,
    );
    const reasons = new Map<string, number>();
    const blocked = (reason: string) => reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    let placed: Placement | null = null;
    const usedDays = lessonDays.get(lesson.id) ?? new Set<number>();
    const dayOrder = [...Array(p.days).keys()]
      .map((d) => (d + options.seed) % p.days)
      .sort((a, b) => Number(usedDays.has(a)) - Number(usedDays.has(b)));
    if (p.rooms.length > 0 && rooms.length === 0) blocked('no room of the kind or size it needs');
    for (const day of dayOrder) {
      if (placed || (p.rooms.length > 0 && rooms.length === 0)) break;
      for (let start = 0; start + length <= p.periodsPerDay && !placed; start++) {
        if (p.breaksAfter.some((b) => b >= start && b < start + length - 1)) continue;
        const slot = day * p.periodsPerDay + start;
        const slots = [...Array(length).keys()].map((i) => slot + i);
        const teacherProblem = lesson.teacherIds.find((id) => {
          const t = teachers.get(id);
          const days = busy.load.get(id);
          if (slots.some((s) => busy.teacher.has(key(id, s)))) return (blocked('a teacher is busy'), true);
          if (slots.some((s) => t?.unavailable.includes(s)))
            return (blocked('a teacher is unavailable'), true);
          if (t?.maxPeriodsPerDay !== undefined && (days?.get(day) ?? 0) + length > t.maxPeriodsPerDay) {
            return (blocked("a teacher's most periods a day"), true);
          }
          if (t?.maxDaysPerWeek !== undefined && !days?.has(day) && (days?.size ?? 0) >= t.maxDaysPerWeek) {
            return (blocked("a teacher's most working days a week"), true);
          }
          return false;
        });
        if (teacherProblem !== undefined) continue;
        const classProblem = lesson.classIds.some((id) =>
          slots.some((s) => busy.klass.has(key(id, s)) || classes.get(id)?.unavailable.includes(s)),
        );
        if (classProblem) {
          blocked('the class has no free periods left');
          continue;
        }
        let roomId: string | null = null;
        if (p.rooms.length > 0) {
          const free = rooms.find((r) => slots.every((s) => !busy.room.has(key(r.id, s))));
          if (!free) {
            blocked('no free room of the kind it needs');
            continue;
          }
          roomId = free.id;
        }
        placed = { lessonId: lesson.id, group: w.group, slot, length, roomId };
      }
    }
    if (placed) {
      occupy(busy, p, placed.slot, length, lesson.teacherIds, lesson.classIds, placed.roomId);
      placements.push(placed);
      usedDays.add(Math.floor(placed.slot / p.periodsPerDay));
      lessonDays.set(lesson.id, usedDays);
    } else {
      const top = [...reasons.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'no slot is free';
      unplaced.push({ lessonId: lesson.id, group: w.group, reason: `Could not place: ${top}.` });
    }
    done++;
    options.onProgress?.({
      placedGroups: placements.length,
      totalGroups: todo.length,
      hardViolations: 0,
      softTotal: 0,
      elapsedMs: Date.now() - started,
    });
  }
  for (const w of todo.slice(done)) {
    unplaced.push({ lessonId: w.lesson.id, group: w.group, reason: 'Stopped before it was placed.' });
  }
  return {
    placements,
    unplaced,
    hardViolations: 0,
    soft: softScore(problem, placements),
    elapsedMs: Date.now() - started,
    iterations: todo.length,
    seed: options.seed,
  };
}

/** TEMPORARY (see above): the subject spread, teachers' gaps and load balance of a set of placements. */
export function softScore(problem: TimetableProblem, placements: readonly Placement[]): SoftScore {
  const lessons = new Map(problem.lessons.map((l) => [l.id, l]));
  const perDay = new Map<string, number>();
  const teacherDays = new Map<string, Map<number, number[]>>();
  for (const pl of placements) {
    const lesson = lessons.get(pl.lessonId);
    if (!lesson) continue;
    const day = Math.floor(pl.slot / problem.periodsPerDay);
    const k = `${pl.lessonId}|${day}`;
    perDay.set(k, (perDay.get(k) ?? 0) + 1);
    for (const t of lesson.teacherIds) {
      const days = teacherDays.get(t) ?? new Map<number, number[]>();
      const periods = days.get(day) ?? [];
      for (let i = 0; i < pl.length; i++) periods.push((pl.slot % problem.periodsPerDay) + i);
      days.set(day, periods);
      teacherDays.set(t, days);
    }
  }
  const sameSubjectSameDay = [...perDay.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  let teacherGaps = 0;
  let loadImbalance = 0;
  for (const days of teacherDays.values()) {
    const loads = [...days.values()].map((periods) => periods.length);
    for (const periods of days.values()) {
      teacherGaps += Math.max(...periods) - Math.min(...periods) + 1 - periods.length;
    }
    loadImbalance += Math.max(...loads) - Math.min(...loads);
  }
  return {
    sameSubjectSameDay,
    teacherGaps,
    loadImbalance,
    total: sameSubjectSameDay * 10 + teacherGaps * 3 + loadImbalance,
  };
}
