// The independent checker: recomputes every hard constraint from scratch, straight from the problem and the
// placements, sharing nothing with the solver's incremental bookkeeping, so tests (and the service, before it
// saves) can trust a timetable only when this finds nothing.
import type { HardViolation, Placement, ProblemLesson, SoftScore, TimetableProblem } from './problem';
import { blockFits, dayOf, groupsPerDayCap, nameOf, slotCount } from './week';

export interface CheckOptions {
  /** false = groups left out (the solver's `unplaced`) are not violations; duplicates and strays still are. */
  complete?: boolean;
}

/** One occupied period of one resource, by a placement (index) or by a fixed entry (-1). */
interface Use {
  placement: number;
  slot: number;
}

export function checkTimetable(
  problem: TimetableProblem,
  placements: Placement[],
  options: CheckOptions = {},
): HardViolation[] {
  const out: HardViolation[] = [];
  const add = (kind: HardViolation['kind'], message: string): void => {
    out.push({ kind, message });
  };
  const lessons = new Map(problem.lessons.map((l) => [l.id, l]));
  const teachers = new Map(problem.teachers.map((t) => [t.id, t]));
  const classes = new Map(problem.classes.map((c) => [c.id, c]));
  const rooms = new Map(problem.rooms.map((r) => [r.id, r]));
  const slots = slotCount(problem);
  const label = (map: Map<string, { id: string; name?: string }>, id: string): string => {
    const found = map.get(id);
    return found ? nameOf(found) : id;
  };

  // Who uses what, period by period: teachers, classes and rooms, fixed entries included.
  const teacherUse = new Map<string, Use[]>();
  const classUse = new Map<string, Use[]>();
  const roomUse = new Map<string, Use[]>();
  const note = (map: Map<string, Use[]>, id: string, use: Use): void => {
    const list = map.get(id);
    if (list) list.push(use);
    else map.set(id, [use]);
  };
  const occupy = (
    placement: number,
    slot: number,
    length: number,
    teacherIds: string[],
    classIds: string[],
    roomId: string | null | undefined,
  ): void => {
    for (let s = slot; s < slot + length; s++) {
      for (const t of teacherIds) note(teacherUse, t, { placement, slot: s });
      for (const c of classIds) note(classUse, c, { placement, slot: s });
      if (roomId) note(roomUse, roomId, { placement, slot: s });
    }
  };

  // Which groups are placed, and how often.
  const placedCount = new Map<string, number>();
  const key = (lessonId: string, group: number): string => `${lessonId}#${group}`;
  const fixedGroups = new Set<string>();
  for (const f of problem.fixed) {
    occupy(-1, f.slot, f.length, f.teacherIds, f.classIds, f.roomId);
    if (f.lessonId !== undefined && f.group !== undefined) {
      fixedGroups.add(key(f.lessonId, f.group));
      placedCount.set(key(f.lessonId, f.group), (placedCount.get(key(f.lessonId, f.group)) ?? 0) + 1);
    }
  }

  // Each lesson's groups by day, for the "two groups of one lesson on one day" rule.
  const lessonDays = new Map<string, number[]>();

  placements.forEach((p, index) => {
    const lesson = lessons.get(p.lessonId);
    const where = `${p.lessonId} group ${p.group}`;
    if (!lesson) {
      add('lesson-count', `${where}: no such lesson`);
      return;
    }
    const subject = `${lesson.subject} (${lesson.classIds.map((c) => label(classes, c)).join(', ')})`;
    if (!Number.isInteger(p.group) || p.group < 0 || p.group >= lesson.groups.length) {
      add('lesson-count', `${subject}: group ${p.group} does not exist`);
      return;
    }
    if (fixedGroups.has(key(p.lessonId, p.group))) {
      add('fixed-moved', `${subject}: group ${p.group} is a kept entry and was placed again`);
    }
    placedCount.set(key(p.lessonId, p.group), (placedCount.get(key(p.lessonId, p.group)) ?? 0) + 1);
    if (p.length !== lesson.groups[p.group]) {
      add(
        'block-shape',
        `${subject}: group ${p.group} is ${p.length} periods, should be ${lesson.groups[p.group]}`,
      );
    }
    if (!blockFits(problem, p.slot, p.length) || p.slot + p.length > slots) {
      add(
        'block-shape',
        `${subject}: a block of ${p.length} at slot ${p.slot} leaves its day or spans a break`,
      );
      return;
    }
    occupy(index, p.slot, p.length, lesson.teacherIds, lesson.classIds, p.roomId);
    const days = lessonDays.get(lesson.id) ?? [];
    days.push(dayOf(problem, p.slot));
    lessonDays.set(lesson.id, days);

    for (let s = p.slot; s < p.slot + p.length; s++) {
      for (const t of lesson.teacherIds) {
        if (teachers.get(t)?.unavailable.includes(s)) {
          add('teacher-unavailable', `${label(teachers, t)} is unavailable in slot ${s} (${subject})`);
        }
      }
      for (const c of lesson.classIds) {
        if (classes.get(c)?.unavailable.includes(s)) {
          add('class-unavailable', `${label(classes, c)} is unavailable in slot ${s} (${subject})`);
        }
      }
    }
    checkRoom(problem, lesson, p, subject, rooms, classes, add);
  });

  for (const lesson of problem.lessons) {
    lesson.groups.forEach((length, group) => {
      const n = placedCount.get(key(lesson.id, group)) ?? 0;
      if (n > 1) add('lesson-count', `${lesson.id} group ${group} (${length} periods) is placed ${n} times`);
      if (n === 0 && options.complete !== false) {
        add('lesson-count', `${lesson.id} group ${group} (${length} periods) is not placed`);
      }
    });
    // Fixed groups of the lesson count for its days too.
    const days = [...(lessonDays.get(lesson.id) ?? [])];
    for (const f of problem.fixed) if (f.lessonId === lesson.id) days.push(dayOf(problem, f.slot));
    const cap = groupsPerDayCap(problem, lesson.groups.length);
    const perDay = new Map<number, number>();
    for (const d of days) perDay.set(d, (perDay.get(d) ?? 0) + 1);
    for (const [d, n] of perDay) {
      if (n > cap && (lessonDays.get(lesson.id) ?? []).includes(d)) {
        add(
          'block-shape',
          `${lesson.subject} (${lesson.id}) has ${n} groups on day ${d}, at most ${cap} allowed`,
        );
      }
    }
  }

  clashes(teacherUse, 'teacher-clash', (id) => label(teachers, id), add);
  clashes(classUse, 'class-clash', (id) => label(classes, id), add);
  clashes(roomUse, 'room-clash', (id) => label(rooms, id), add);

  // Teachers' daily and weekly limits, counting kept entries, reported where a placement takes part.
  for (const teacher of problem.teachers) {
    const uses = teacherUse.get(teacher.id) ?? [];
    const perDay = new Map<number, { periods: number; placed: boolean }>();
    for (const u of uses) {
      const d = dayOf(problem, u.slot);
      const entry = perDay.get(d) ?? { periods: 0, placed: false };
      entry.periods++;
      entry.placed ||= u.placement >= 0;
      perDay.set(d, entry);
    }
    if (teacher.maxPeriodsPerDay !== undefined) {
      for (const [d, { periods, placed }] of perDay) {
        if (placed && periods > teacher.maxPeriodsPerDay) {
          add(
            'teacher-day-limit',
            `${nameOf(teacher)} teaches ${periods} periods on day ${d}, limit ${teacher.maxPeriodsPerDay}`,
          );
        }
      }
    }
    const anyPlaced = uses.some((u) => u.placement >= 0);
    if (teacher.maxDaysPerWeek !== undefined && anyPlaced && perDay.size > teacher.maxDaysPerWeek) {
      add(
        'teacher-week-limit',
        `${nameOf(teacher)} teaches on ${perDay.size} days, limit ${teacher.maxDaysPerWeek}`,
      );
    }
  }
  return out;
}

function checkRoom(
  problem: TimetableProblem,
  lesson: ProblemLesson,
  p: Placement,
  subject: string,
  rooms: Map<string, TimetableProblem['rooms'][number]>,
  classes: Map<string, TimetableProblem['classes'][number]>,
  add: (kind: HardViolation['kind'], message: string) => void,
): void {
  const needsRoom = problem.rooms.length > 0 && lesson.withoutRoom !== true;
  if (!needsRoom) {
    if (p.roomId !== null) add('wrong-room', `${subject} must not have a room, has ${p.roomId}`);
    return;
  }
  if (p.roomId === null) {
    add('wrong-room', `${subject} has no room`);
    return;
  }
  const room = rooms.get(p.roomId);
  if (!room) {
    add('wrong-room', `${subject} is in ${p.roomId}, which does not exist`);
    return;
  }
  if (lesson.roomId !== undefined && lesson.roomId !== room.id) {
    add('wrong-room', `${subject} must be in ${lesson.roomId}, is in ${nameOf(room)}`);
  } else if (lesson.roomId === undefined && lesson.roomKind !== undefined && room.kind !== lesson.roomKind) {
    add('room-kind', `${subject} needs a room of kind ${lesson.roomKind}, ${nameOf(room)} is ${room.kind}`);
  }
  let size = 0;
  for (const c of lesson.classIds) size += classes.get(c)?.size ?? 0;
  if (size > room.capacity) {
    add('room-capacity', `${subject}: ${size} students in ${nameOf(room)}, which seats ${room.capacity}`);
  }
}

/** A resource used twice in one period is a clash, unless only kept entries are involved (not ours to fix). */
function clashes(
  uses: Map<string, Use[]>,
  kind: HardViolation['kind'],
  label: (id: string) => string,
  add: (kind: HardViolation['kind'], message: string) => void,
): void {
  for (const [id, list] of uses) {
    const bySlot = new Map<number, Use[]>();
    for (const u of list) {
      const same = bySlot.get(u.slot);
      if (same) same.push(u);
      else bySlot.set(u.slot, [u]);
    }
    for (const [slot, same] of bySlot) {
      if (same.length > 1 && same.some((u) => u.placement >= 0)) {
        add(kind, `${label(id)} is in ${same.length} places in slot ${slot}`);
      }
    }
  }
}

/** Weights of the soft goals in `total`: a subject twice a day matters more than an idle period. */
export const SOFT_WEIGHTS = { sameSubjectSameDay: 4, teacherGaps: 1, loadImbalance: 1 } as const;

/** The soft goals, recomputed from scratch (see SoftScore). Kept entries count as teachers' periods. */
export function softScore(problem: TimetableProblem, placements: Placement[]): SoftScore {
  const lessons = new Map(problem.lessons.map((l) => [l.id, l]));
  const days = problem.days;
  const ppd = problem.periodsPerDay;
  // Same subject twice a day for a class, beyond what the number of groups forces.
  const subjectDays = new Map<string, number[]>();
  const subjectGroups = new Map<string, number>();
  for (const l of problem.lessons) {
    for (const c of l.classIds) {
      const k = `${c}\u0000${l.subject}`;
      subjectGroups.set(k, (subjectGroups.get(k) ?? 0) + l.groups.length);
    }
  }
  const busy = new Map<string, Uint8Array>();
  const mark = (teacherId: string, slot: number, length: number): void => {
    let grid = busy.get(teacherId);
    if (!grid) busy.set(teacherId, (grid = new Uint8Array(days * ppd)));
    for (let s = slot; s < slot + length && s < grid.length; s++) grid[s] = 1;
  };
  const countSubject = (lesson: ProblemLesson, slot: number): void => {
    for (const c of lesson.classIds) {
      const k = `${c}\u0000${lesson.subject}`;
      const perDay = subjectDays.get(k) ?? new Array<number>(days).fill(0);
      perDay[dayOf(problem, slot)]! += 1;
      subjectDays.set(k, perDay);
    }
  };
  for (const p of placements) {
    const lesson = lessons.get(p.lessonId);
    if (!lesson) continue;
    countSubject(lesson, p.slot);
    for (const t of lesson.teacherIds) mark(t, p.slot, p.length);
  }
  for (const f of problem.fixed) {
    for (const t of f.teacherIds) mark(t, f.slot, f.length);
    const lesson = f.lessonId !== undefined ? lessons.get(f.lessonId) : undefined;
    if (lesson) countSubject(lesson, f.slot);
  }
  let sameSubjectSameDay = 0;
  for (const [k, perDay] of subjectDays) {
    const cap = groupsPerDayCap(problem, subjectGroups.get(k) ?? 1);
    for (const n of perDay) sameSubjectSameDay += Math.max(0, n - cap);
  }
  let teacherGaps = 0;
  let loadImbalance = 0;
  for (const grid of busy.values()) {
    let most = 0;
    let least = Infinity;
    for (let d = 0; d < days; d++) {
      let first = -1;
      let last = -1;
      let load = 0;
      for (let p = 0; p < ppd; p++) {
        if (grid[d * ppd + p]) {
          if (first < 0) first = p;
          last = p;
          load++;
        }
      }
      if (load > 0) {
        teacherGaps += last - first + 1 - load;
        most = Math.max(most, load);
        least = Math.min(least, load);
      }
    }
    if (most > 0) loadImbalance += most - least;
  }
  const total =
    SOFT_WEIGHTS.sameSubjectSameDay * sameSubjectSameDay +
    SOFT_WEIGHTS.teacherGaps * teacherGaps +
    SOFT_WEIGHTS.loadImbalance * loadImbalance;
  return { sameSubjectSameDay, teacherGaps, loadImbalance, total };
}
