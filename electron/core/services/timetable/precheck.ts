// The cheap feasibility pre-check: counts, before any search, whether each class, teacher and kind of room has
// enough slots for the periods asked of it. What it finds is certain (no timetable can exist), and it becomes
// the reason given for the groups the solver then cannot place.
import type { Model } from './model';
import { nameOf } from './week';

export interface Precheck {
  /** Every impossibility found, in words an admin can act on. */
  issues: string[];
  teacher: Map<number, string>;
  class: Map<number, string>;
  /** By room index, for lessons bound to one room. */
  room: Map<number, string>;
  /** By room kind. */
  kind: Map<string, string>;
  /** Rooms in general are too few for the lessons that need one. */
  anyRoom?: string;
}

export function precheck(model: Model): Precheck {
  const { problem, slots, days, ppd, events } = model;
  const result: Precheck = {
    issues: [],
    teacher: new Map(),
    class: new Map(),
    room: new Map(),
    kind: new Map(),
  };
  const teacherNeed = new Int32Array(model.teacherCount);
  const classNeed = new Int32Array(model.classCount);
  const roomNeed = new Int32Array(model.roomCount);
  const kindNeed = new Map<string, number>();
  let roomedNeed = 0;
  for (const e of events) {
    for (const t of e.teachers) teacherNeed[t]! += e.length;
    for (const c of e.classes) classNeed[c]! += e.length;
    const lesson = problem.lessons[e.lesson]!;
    if (e.roomless) continue;
    roomedNeed += e.length;
    if (lesson.roomId !== undefined) roomNeed[e.rooms[0]!]! += e.length;
    else if (lesson.roomKind !== undefined)
      kindNeed.set(lesson.roomKind, (kindNeed.get(lesson.roomKind) ?? 0) + e.length);
  }
  const note = <K>(map: Map<K, string>, key: K, message: string): void => {
    map.set(key, message);
    result.issues.push(message);
  };

  problem.classes.forEach((c, i) => {
    let free = 0;
    let kept = 0;
    for (let s = 0; s < slots; s++) {
      if (model.fixedClass[i * slots + s]) kept++;
      else if (!c.unavailable.includes(s)) free++;
    }
    if (classNeed[i]! > free) {
      const keptNote = kept > 0 ? ` (besides ${kept} kept periods)` : '';
      note(
        result.class,
        i,
        `class ${nameOf(c)} has ${free} free slots${keptNote} and needs ${classNeed[i]} periods`,
      );
    }
  });

  problem.teachers.forEach((t, i) => {
    // What the teacher can give each day: free slots, capped by the daily limit; then the best allowed days.
    const perDay: number[] = [];
    let keptTotal = 0;
    for (let d = 0; d < days; d++) {
      let free = 0;
      let kept = 0;
      for (let p = 0; p < ppd; p++) {
        const s = d * ppd + p;
        if (model.fixedTeacher[i * slots + s]) kept++;
        else if (!t.unavailable.includes(s)) free++;
      }
      keptTotal += kept;
      perDay.push(Math.max(0, Math.min(free, model.maxPerDay[i]! - kept)));
    }
    perDay.sort((a, b) => b - a);
    const capacity = perDay.slice(0, Math.min(days, model.maxDays[i]!)).reduce((a, b) => a + b, 0);
    if (teacherNeed[i]! > capacity) {
      const limits: string[] = [];
      if (t.unavailable.length > 0) limits.push('unavailability');
      if (t.maxPeriodsPerDay !== undefined) limits.push(`at most ${t.maxPeriodsPerDay} a day`);
      if (t.maxDaysPerWeek !== undefined) limits.push(`at most ${t.maxDaysPerWeek} days a week`);
      if (keptTotal > 0) limits.push(`${keptTotal} kept periods`);
      const why = limits.length > 0 ? ` (${limits.join(', ')})` : '';
      note(
        result.teacher,
        i,
        `${nameOf(t)} can teach at most ${capacity} more periods a week${why} and is asked for ${teacherNeed[i]}`,
      );
    }
  });

  problem.rooms.forEach((r, i) => {
    let kept = 0;
    for (let s = 0; s < slots; s++) if (model.fixedRoom[i * slots + s]) kept++;
    if (roomNeed[i]! > slots - kept) {
      note(
        result.room,
        i,
        `room ${nameOf(r)} is needed for ${roomNeed[i]} periods and has ${slots - kept} free slots`,
      );
    }
  });
  for (const [kind, need] of kindNeed) {
    const count = problem.rooms.filter((r) => r.kind === kind).length;
    if (need > count * slots) {
      note(
        result.kind,
        kind,
        `rooms of kind ${kind}: ${count} rooms give ${count * slots} periods, lessons need ${need}`,
      );
    }
  }
  if (model.roomCount > 0 && roomedNeed > model.roomCount * slots) {
    result.anyRoom = `the school's ${model.roomCount} rooms give ${model.roomCount * slots} periods, lessons need ${roomedNeed}`;
    result.issues.push(result.anyRoom);
  }
  return result;
}
