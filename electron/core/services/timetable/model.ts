// The solver's view of a problem: everything turned into small integers and typed arrays, each lesson group an
// "event" with its static domain (the start slots and rooms it may ever use). Groups whose domain is empty are
// set aside here with the reason.
import type { Slot, TimetableProblem, Unplaced } from './problem';
import { blockFits, dayOf, groupsPerDayCap, nameOf, slotCount } from './week';

export interface Event {
  lesson: number;
  group: number;
  length: number;
  teachers: number[];
  classes: number[];
  /** Rooms the event may use; empty when it takes no room. */
  rooms: number[];
  roomless: boolean;
  starts: Slot[];
  /** Keys (class × subject) for the "same subject twice a day" goal. */
  subjectKeys: number[];
}

export interface Model {
  problem: TimetableProblem;
  slots: number;
  days: number;
  ppd: number;
  teacherCount: number;
  classCount: number;
  roomCount: number;
  events: Event[];
  /** events[e].starts as a bitmap, `e * slots + s`. */
  startAllowed: Uint8Array;
  maxPerDay: Int32Array;
  maxDays: Int32Array;
  /** Groups per day a lesson may have. */
  lessonCap: Int32Array;
  subjectCap: Int32Array;
  subjectKeyCount: number;
  /** Kept entries, as occupancy counts. */
  fixedTeacher: Int16Array;
  fixedClass: Int16Array;
  fixedRoom: Int16Array;
  fixedLessonDay: Int16Array;
  fixedSubjectDay: Int16Array;
  /** Events sharing a teacher or a class with each event, and the events that may use each room. */
  neighbours: number[][];
  byRoom: number[][];
  /** Groups that can never be placed, with why. */
  impossible: Unplaced[];
  teacherName: (t: number) => string;
  className: (c: number) => string;
}

const NO_LIMIT = 1 << 20;

export function buildModel(problem: TimetableProblem): Model {
  const slots = slotCount(problem);
  const days = problem.days;
  const ppd = problem.periodsPerDay;
  const tIndex = new Map(problem.teachers.map((t, i) => [t.id, i]));
  const cIndex = new Map(problem.classes.map((c, i) => [c.id, i]));
  const rIndex = new Map(problem.rooms.map((r, i) => [r.id, i]));
  const lIndex = new Map(problem.lessons.map((l, i) => [l.id, i]));
  const nT = problem.teachers.length;
  const nC = problem.classes.length;
  const nR = problem.rooms.length;
  const nL = problem.lessons.length;

  const fixedTeacher = new Int16Array(nT * slots);
  const fixedClass = new Int16Array(nC * slots);
  const fixedRoom = new Int16Array(nR * slots);
  const fixedLessonDay = new Int16Array(nL * days);
  const fixedGroups = new Set<string>();
  const subjectKeys = new Map<string, number>();
  const subjectGroups: number[] = [];
  const subjectKey = (c: number, subject: string): number => {
    const k = `${c}\u0000${subject}`;
    let i = subjectKeys.get(k);
    if (i === undefined) {
      i = subjectKeys.size;
      subjectKeys.set(k, i);
      subjectGroups.push(0);
    }
    return i;
  };
  for (const l of problem.lessons) {
    for (const c of l.classIds) {
      const ci = cIndex.get(c);
      if (ci !== undefined) subjectGroups[subjectKey(ci, l.subject)]! += l.groups.length;
    }
  }
  const fixedSubject: Array<[number, number]> = [];
  for (const f of problem.fixed) {
    for (let s = f.slot; s < f.slot + f.length && s < slots; s++) {
      for (const t of f.teacherIds) {
        const i = tIndex.get(t);
        if (i !== undefined) fixedTeacher[i * slots + s]! += 1;
      }
      for (const c of f.classIds) {
        const i = cIndex.get(c);
        if (i !== undefined) fixedClass[i * slots + s]! += 1;
      }
      const r = f.roomId !== undefined ? rIndex.get(f.roomId) : undefined;
      if (r !== undefined) fixedRoom[r * slots + s]! += 1;
    }
    const li = f.lessonId !== undefined ? lIndex.get(f.lessonId) : undefined;
    if (li !== undefined && f.group !== undefined) {
      fixedGroups.add(`${li}#${f.group}`);
      fixedLessonDay[li * days + dayOf(problem, f.slot)]! += 1;
      for (const c of problem.lessons[li]!.classIds) {
        const ci = cIndex.get(c);
        if (ci !== undefined)
          fixedSubject.push([subjectKey(ci, problem.lessons[li]!.subject), dayOf(problem, f.slot)]);
      }
    }
  }
  const fixedSubjectDay = new Int16Array(subjectKeys.size * days);
  for (const [k, d] of fixedSubject) fixedSubjectDay[k * days + d]! += 1;

  const maxPerDay = new Int32Array(nT).fill(NO_LIMIT);
  const maxDays = new Int32Array(nT).fill(NO_LIMIT);
  const teacherOff = new Uint8Array(nT * slots);
  problem.teachers.forEach((t, i) => {
    if (t.maxPeriodsPerDay !== undefined) maxPerDay[i] = t.maxPeriodsPerDay;
    if (t.maxDaysPerWeek !== undefined) maxDays[i] = t.maxDaysPerWeek;
    for (const s of t.unavailable) if (s >= 0 && s < slots) teacherOff[i * slots + s] = 1;
  });
  const classOff = new Uint8Array(nC * slots);
  problem.classes.forEach((c, i) => {
    for (const s of c.unavailable) if (s >= 0 && s < slots) classOff[i * slots + s] = 1;
  });
  const teacherName = (t: number): string => nameOf(problem.teachers[t]!);
  const className = (c: number): string => nameOf(problem.classes[c]!);

  const events: Event[] = [];
  const impossible: Unplaced[] = [];
  const lessonCap = new Int32Array(nL);
  problem.lessons.forEach((lesson, li) => {
    lessonCap[li] = groupsPerDayCap(problem, lesson.groups.length);
    const teachers = lesson.teacherIds.map((t) => tIndex.get(t));
    const classes = lesson.classIds.map((c) => cIndex.get(c));
    const unknown = [
      ...lesson.teacherIds.filter((_, i) => teachers[i] === undefined).map((t) => `teacher ${t}`),
      ...lesson.classIds.filter((_, i) => classes[i] === undefined).map((c) => `class ${c}`),
    ];
    const rooms = allowedRooms(problem, lesson, cIndex);
    lesson.groups.forEach((length, group) => {
      if (fixedGroups.has(`${li}#${group}`)) return;
      const refuse = (reason: string): void => {
        impossible.push({ lessonId: lesson.id, group, reason });
      };
      if (unknown.length > 0) return refuse(`${lesson.subject}: unknown ${unknown.join(', ')}`);
      if (rooms.problem) return refuse(`${lesson.subject}: ${rooms.problem}`);
      const ts = teachers as number[];
      const cs = classes as number[];
      const starts: Slot[] = [];
      let fits = 0;
      let classFree = 0;
      for (let s = 0; s < slots; s++) {
        if (!blockFits(problem, s, length)) continue;
        fits++;
        let ok = true;
        for (let p = s; p < s + length && ok; p++) {
          for (const c of cs) if (classOff[c * slots + p] || fixedClass[c * slots + p]) ok = false;
        }
        if (!ok) continue;
        classFree++;
        for (let p = s; p < s + length && ok; p++) {
          for (const t of ts) if (teacherOff[t * slots + p] || fixedTeacher[t * slots + p]) ok = false;
        }
        if (ok) starts.push(s);
      }
      if (starts.length === 0) {
        const who = lesson.classIds.map((c) => nameOf(problem.classes[cIndex.get(c)!]!)).join(', ');
        const teacherNames = ts.map(teacherName).join(', ');
        if (fits === 0)
          return refuse(`${lesson.subject}: a block of ${length} periods fits in no day between breaks`);
        if (classFree === 0) {
          return refuse(
            `${lesson.subject}: ${who} is unavailable or has kept entries wherever a block of ${length} fits`,
          );
        }
        return refuse(
          `${lesson.subject}: ${teacherNames} is unavailable or already busy in every slot ${who} is free`,
        );
      }
      events.push({
        lesson: li,
        group,
        length,
        teachers: ts,
        classes: cs,
        rooms: rooms.list,
        roomless: rooms.roomless,
        starts,
        subjectKeys: cs.map((c) => subjectKey(c, lesson.subject)),
      });
    });
  });

  const startAllowed = new Uint8Array(events.length * slots);
  events.forEach((e, i) => {
    for (const s of e.starts) startAllowed[i * slots + s] = 1;
  });
  const subjectCap = new Int32Array(subjectKeys.size);
  subjectGroups.forEach((n, k) => {
    subjectCap[k] = groupsPerDayCap(problem, n);
  });

  const byTeacher: number[][] = Array.from({ length: nT }, () => []);
  const byClass: number[][] = Array.from({ length: nC }, () => []);
  const byRoom: number[][] = Array.from({ length: nR }, () => []);
  events.forEach((e, i) => {
    for (const t of e.teachers) byTeacher[t]!.push(i);
    for (const c of e.classes) byClass[c]!.push(i);
    for (const r of e.rooms) byRoom[r]!.push(i);
  });
  const neighbours = events.map((e, i) => {
    const set = new Set<number>();
    for (const t of e.teachers) for (const f of byTeacher[t]!) set.add(f);
    for (const c of e.classes) for (const f of byClass[c]!) set.add(f);
    set.delete(i);
    return [...set].sort((a, b) => a - b);
  });

  return {
    problem,
    slots,
    days,
    ppd,
    teacherCount: nT,
    classCount: nC,
    roomCount: nR,
    events,
    startAllowed,
    maxPerDay,
    maxDays,
    lessonCap,
    subjectCap,
    subjectKeyCount: subjectKeys.size,
    fixedTeacher,
    fixedClass,
    fixedRoom,
    fixedLessonDay,
    fixedSubjectDay,
    neighbours,
    byRoom,
    impossible,
    teacherName,
    className,
  };
}

/** The rooms a lesson may use (fixed room, else its kind, else any), big enough for its classes together. */
function allowedRooms(
  problem: TimetableProblem,
  lesson: TimetableProblem['lessons'][number],
  cIndex: Map<string, number>,
): { list: number[]; roomless: boolean; problem?: string } {
  if (problem.rooms.length === 0 || lesson.withoutRoom === true) return { list: [], roomless: true };
  let size = 0;
  for (const c of lesson.classIds) {
    const i = cIndex.get(c);
    size += i !== undefined ? (problem.classes[i]!.size ?? 0) : 0;
  }
  const indexed = problem.rooms.map((room, i) => ({ room, i }));
  let candidates: typeof indexed;
  let what: string;
  if (lesson.roomId !== undefined) {
    candidates = indexed.filter(({ room }) => room.id === lesson.roomId);
    if (candidates.length === 0)
      return { list: [], roomless: false, problem: `room ${lesson.roomId} does not exist` };
    what = `room ${nameOf(candidates[0]!.room)}`;
  } else if (lesson.roomKind !== undefined) {
    candidates = indexed.filter(({ room }) => room.kind === lesson.roomKind);
    if (candidates.length === 0)
      return { list: [], roomless: false, problem: `no room of kind ${lesson.roomKind} exists` };
    what = `no room of kind ${lesson.roomKind}`;
  } else {
    candidates = indexed;
    what = 'no room';
  }
  const big = candidates.filter(({ room }) => room.capacity >= size);
  if (big.length === 0) {
    return {
      list: [],
      roomless: false,
      problem:
        lesson.roomId !== undefined
          ? `${what} seats fewer than its ${size} students`
          : `${what} seats its ${size} students`,
    };
  }
  return { list: big.map(({ i }) => i), roomless: false };
}
