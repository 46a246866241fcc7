// Why a group could not be placed, in words an admin can act on: first what the pre-check proved impossible
// for its class, teacher or rooms, else what blocks it in every start it could take in the final timetable.
import type { Model } from './model';
import type { Precheck } from './precheck';
import type { State } from './state';

export function unplacedReason(model: Model, pre: Precheck, state: State, e: number): string {
  const ev = model.events[e]!;
  const lesson = model.problem.lessons[ev.lesson]!;
  const subject = `${lesson.subject} (${ev.classes.map(model.className).join(', ')})`;
  for (const c of ev.classes) {
    const why = pre.class.get(c);
    if (why) return `${subject}: ${why}`;
  }
  for (const t of ev.teachers) {
    const why = pre.teacher.get(t);
    if (why) return `${subject}: ${why}`;
  }
  if (!ev.roomless) {
    const why =
      (lesson.roomId !== undefined ? pre.room.get(ev.rooms[0]!) : undefined) ??
      (lesson.roomKind !== undefined && lesson.roomId === undefined
        ? pre.kind.get(lesson.roomKind)
        : undefined) ??
      pre.anyRoom;
    if (why) return `${subject}: ${why}`;
  }

  // Count, over the starts the group may take, what stands in the way first.
  let classFree = 0;
  const teacherBlock = new Map<number, { busy: number; day: number; week: number }>();
  let roomBlocked = 0;
  let sameDay = 0;
  for (const s of ev.starts) {
    if (ev.classes.some((c) => state.classBusy(c, s, ev.length))) continue;
    classFree++;
    let teacherBlocked = false;
    for (const t of ev.teachers) {
      const why = state.teacherBusyReason(t, s, ev.length);
      if (!why) continue;
      teacherBlocked = true;
      const count = teacherBlock.get(t) ?? { busy: 0, day: 0, week: 0 };
      if (why === 'busy') count.busy++;
      else if (why === 'day-limit') count.day++;
      else count.week++;
      teacherBlock.set(t, count);
    }
    if (teacherBlocked) continue;
    if (state.lessonDayFull(e, s)) {
      sameDay++;
      continue;
    }
    if (!ev.roomless && ev.rooms.every((r) => state.roomBusy(r, s, ev.length))) roomBlocked++;
  }
  const classes = ev.classes.map(model.className).join(', ');
  if (classFree === 0) {
    return `${subject}: ${classes} has no free slot left for a block of ${ev.length} period${ev.length > 1 ? 's' : ''}`;
  }
  const worst = [...teacherBlock.entries()].sort((a, b) => total(b[1]) - total(a[1]))[0];
  if (worst && total(worst[1]) >= classFree) {
    const [t, c] = worst;
    const limits = [
      c.busy > 0 ? 'busy' : '',
      c.day > 0 ? 'at their daily limit' : '',
      c.week > 0 ? 'at their limit of working days' : '',
    ].filter(Boolean);
    return `${subject}: ${model.teacherName(t)} is ${limits.join(' or ')} in every slot ${classes} is free`;
  }
  if (roomBlocked > 0 && sameDay === 0) {
    const kind =
      lesson.roomId !== undefined ? `room ${roomName(model, ev.rooms[0]!)}` : roomKind(lesson.roomKind);
    return `${subject}: no free ${kind} in any slot where ${classes} and the teacher are free`;
  }
  if (sameDay > 0 && roomBlocked === 0) {
    return `${subject}: its other groups already take every day on which ${classes} and the teacher are free`;
  }
  return `${subject}: no slot has ${classes}, the teacher and a room free at once; free a slot or relax a limit`;
}

function total(c: { busy: number; day: number; week: number }): number {
  return c.busy + c.day + c.week;
}

function roomName(model: Model, r: number): string {
  const room = model.problem.rooms[r]!;
  return room.name ?? room.id;
}

function roomKind(kind: string | undefined): string {
  return kind !== undefined ? `room of kind ${kind}` : 'room';
}
