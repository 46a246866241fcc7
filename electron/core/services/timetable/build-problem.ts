/**
 * The institution's week, rooms, lessons, teachers' limits and timetable as the solver's TimetableProblem, and
 * back: a solution's placements as timetable entries. Entries that stay (hand-made ones, those of lessons out
 * of scope, and with "keep" those already in the timetable) become fixed entries the solver works around.
 * (docs/architecture.md, "Timetabling")
 */
import type { Types } from 'mongoose';
import type { GenerateScope } from '../../../../shared/contract';
import type { Weekday } from '../../../../shared/domain';
import { bellTime, breaksAfter, type SchoolWeek } from '../../../../shared/school-week';
import type { TenantModels } from '../../db/tenant';
import type { StoredSchedule } from '../schedules';
import { allTeacherLimits } from './availability';
import type { StoredLesson } from './lessons';
import type { FixedEntry, Placement, TimetableProblem } from './problem';
import { schoolWeekOf } from './week-settings';

/** One period of the timetable as the service writes it. */
export interface PlannedEntry {
  lessonId?: string | undefined;
  subject: string;
  classIds: string[];
  teacherIds: string[];
  roomId?: string | undefined;
  day: Weekday;
  period: number;
  timeSlot: string;
  kept: boolean;
}

export interface BuiltProblem {
  problem: TimetableProblem;
  week: SchoolWeek;
  lessons: Map<string, StoredLesson>;
  /** Entries that stay as they are (shown in the preview beside the new ones). */
  kept: PlannedEntry[];
  /** Ids of the generated entries accepting would remove. */
  replaces: Types.ObjectId[];
  /** Everything the problem was built from, to refuse accepting after the data changed. */
  fingerprint: string;
}

const ids = (list: readonly Types.ObjectId[] | null | undefined) => (list ?? []).map(String);

function inScope(lesson: StoredLesson, scope: GenerateScope): boolean {
  if (scope.kind === 'school') return true;
  if (scope.kind === 'classes') return lesson.classIds.some((id) => scope.classIds.includes(id.toString()));
  return lesson.teacherIds.some((id) => scope.teacherIds.includes(id.toString()));
}

function toPlanned(entry: StoredSchedule): PlannedEntry {
  return {
    lessonId: entry.lessonId?.toString(),
    subject: entry.subject,
    classIds: [entry.classId.toString(), ...ids(entry.alsoClassIds)],
    teacherIds: [entry.teacherId.toString(), ...ids(entry.alsoTeacherIds)],
    roomId: entry.roomId?.toString(),
    day: entry.day as Weekday,
    period: entry.period,
    timeSlot: entry.timeSlot,
    kept: true,
  };
}

/**
 * Kept entries of a lesson as blocks: runs of consecutive periods on one day, each cut into the lesson's groups
 * (a run of 3 of a [2, 1] lesson is its double and its single). Periods moved by hand out of their blocks still
 * count: loose pieces whose periods add up to a group take that group, so the lesson is not placed twice. Other
 * pieces only occupy their slots.
 */
function fixedOfLesson(
  lesson: StoredLesson | undefined,
  entries: readonly PlannedEntry[],
  slotOf: (e: PlannedEntry) => number,
): FixedEntry[] {
  const sorted = [...entries].sort((a, b) => slotOf(a) - slotOf(b));
  const runs: PlannedEntry[][] = [];
  for (const e of sorted) {
    const last = runs.at(-1);
    const prev = last?.at(-1);
    if (last && prev && prev.day === e.day && slotOf(prev) + 1 === slotOf(e)) last.push(e);
    else runs.push([e]);
  }
  const free = new Set(lesson ? lesson.groups.map((_, i) => i) : []);
  const lengthOf = (g: number): number => lesson?.groups[g] ?? 0;
  /** A free group of exactly `n` periods, else the longest shorter one (taken), else none. */
  const take = (n: number): number | undefined => {
    let best: number | undefined;
    for (const g of free) {
      if (lengthOf(g) === n) {
        best = g;
        break;
      }
      if (lengthOf(g) < n && (best === undefined || lengthOf(g) > lengthOf(best))) best = g;
    }
    if (best !== undefined) free.delete(best);
    return best;
  };
  const pieces: { run: PlannedEntry[]; group: number | undefined }[] = [];
  for (const run of runs) {
    for (let rest = run; rest.length > 0;) {
      const group = take(rest.length);
      const n = group === undefined ? rest.length : lengthOf(group);
      pieces.push({ run: rest.slice(0, n), group });
      rest = rest.slice(n);
    }
  }
  const loose = pieces.filter((p) => p.group === undefined);
  let periods = loose.reduce((n, p) => n + p.run.length, 0);
  for (const g of [...free].sort((a, b) => lengthOf(b) - lengthOf(a))) {
    const piece = loose[0];
    if (!piece || periods < lengthOf(g)) continue;
    loose.shift();
    piece.group = g;
    periods -= lengthOf(g);
  }
  return pieces.map(({ run, group }) => {
    const first = run[0]!;
    return {
      ...(lesson && group !== undefined ? { lessonId: lesson._id.toString(), group } : {}),
      slot: slotOf(first),
      length: run.length,
      teacherIds: first.teacherIds,
      classIds: first.classIds,
      ...(first.roomId ? { roomId: first.roomId } : {}),
    };
  });
}

export async function buildProblem(
  models: TenantModels,
  options: { scope: GenerateScope; existing: 'keep' | 'replace' },
): Promise<BuiltProblem> {
  const [week, lessonDocs, rooms, entries, limits, teachers] = await Promise.all([
    schoolWeekOf(models),
    models.Lesson.find({}).sort({ _id: 1 }).lean<StoredLesson[]>(),
    models.Room.find({}).sort({ _id: 1 }).lean(),
    models.Schedule.find({}).sort({ _id: 1 }).lean<StoredSchedule[]>(),
    allTeacherLimits(models),
    // Sorted like the rest: the order reaches the problem's fingerprint, which the save compares again.
    models.User.find({ role: 'teacher' }, { _id: 1, name: 1, username: 1 }).sort({ _id: 1 }).lean(),
  ]);
  const dayIndex = new Map(week.days.map((d, i) => [d as string, i]));
  const perDay = week.periods.length;
  const slotOf = (e: { day: string; period: number }) => (dayIndex.get(e.day) ?? 0) * perDay + e.period - 1;
  const lessons = new Map(lessonDocs.map((l) => [l._id.toString(), l]));
  const scoped = lessonDocs.filter((l) => inScope(l, options.scope));
  const scopedIds = new Set(scoped.map((l) => l._id.toString()));

  // What stays: everything outside the week's grid is ignored (it cannot clash inside it).
  const kept: PlannedEntry[] = [];
  const replaces: Types.ObjectId[] = [];
  for (const e of entries) {
    if (!dayIndex.has(e.day) || e.period > perDay) continue;
    const lessonId = e.lessonId?.toString();
    if (options.existing === 'replace' && lessonId !== undefined && scopedIds.has(lessonId)) {
      replaces.push(e._id);
    } else {
      kept.push(toPlanned(e));
    }
  }
  const byLesson = new Map<string, PlannedEntry[]>();
  for (const e of kept) {
    const k = e.lessonId !== undefined && lessons.has(e.lessonId) ? e.lessonId : '';
    byLesson.set(k, [...(byLesson.get(k) ?? []), e]);
  }
  const fixed: FixedEntry[] = [];
  for (const [lessonId, list] of byLesson) {
    if (lessonId === '') {
      fixed.push(...list.map((e) => fixedOfLesson(undefined, [e], slotOf)[0]!));
    } else {
      fixed.push(...fixedOfLesson(lessons.get(lessonId), list, slotOf));
    }
  }

  const slotsOf = (list: readonly { day: string; period: number }[]) =>
    list.filter((s) => dayIndex.has(s.day) && s.period <= perDay).map(slotOf);
  const teacherIds = new Set([
    ...teachers.map((t) => t._id.toString()),
    ...kept.flatMap((e) => e.teacherIds),
  ]);
  const classIds = new Set([...scoped.flatMap((l) => ids(l.classIds)), ...kept.flatMap((e) => e.classIds)]);
  const classDocs = await models.Class.find({ _id: { $in: [...classIds] } }, { students: 1, name: 1 }).lean();
  const sizes = new Map(classDocs.map((c) => [c._id.toString(), c.students.length]));
  // Names make the solver's reasons readable ("Ravi Rao is busy…", "Class 9-A has…").
  const classNames = new Map(classDocs.map((c) => [c._id.toString(), c.name]));
  const teacherNames = new Map(teachers.map((t) => [t._id.toString(), t.name || t.username]));

  const problem: TimetableProblem = {
    days: week.days.length,
    periodsPerDay: perDay,
    breaksAfter: breaksAfter(week),
    teachers: [...teacherIds].map((id) => {
      const l = limits.get(id);
      return {
        id,
        ...(teacherNames.has(id) ? { name: teacherNames.get(id) } : {}),
        unavailable: slotsOf(l?.unavailable ?? []),
        ...(l?.maxPeriodsPerDay !== undefined ? { maxPeriodsPerDay: l.maxPeriodsPerDay } : {}),
        ...(l?.maxDaysPerWeek !== undefined ? { maxDaysPerWeek: l.maxDaysPerWeek } : {}),
      };
    }),
    classes: [...classIds].map((id) => ({
      id,
      ...(classNames.has(id) ? { name: classNames.get(id) } : {}),
      ...(sizes.has(id) ? { size: sizes.get(id) } : {}),
      unavailable: [],
    })),
    rooms: rooms.map((r) => ({ id: r._id.toString(), name: r.name, kind: r.kind, capacity: r.capacity })),
    lessons: scoped.map((l) => ({
      id: l._id.toString(),
      subject: l.subject,
      teacherIds: ids(l.teacherIds),
      classIds: ids(l.classIds),
      groups: [...l.groups],
      ...(l.roomId ? { roomId: l.roomId.toString() } : {}),
      ...(l.roomKind && !l.roomId ? { roomKind: l.roomKind } : {}),
      // A lesson that asks for no room is taught in the class's own classroom: rooms are for those that need one.
      ...(!l.roomId && !l.roomKind ? { withoutRoom: true } : {}),
    })),
    fixed,
  };
  const fingerprint = JSON.stringify({
    week,
    lessons: lessonDocs.map((l) => [
      l._id,
      l.classIds,
      l.teacherIds,
      l.subject,
      l.groups,
      l.roomId,
      l.roomKind,
    ]),
    rooms: rooms.map((r) => [r._id, r.kind, r.capacity]),
    entries: entries.map((e) => [e._id, e.day, e.period, e.teacherId, e.classId, e.roomId, e.lessonId]),
    limits: [...limits.entries()],
    teachers: [...teacherIds],
  });
  return { problem, week, lessons, kept, replaces, fingerprint };
}

/** A solution's placements as entries, one per period (the reverse of the mapping above). */
export function entriesOf(built: BuiltProblem, placements: readonly Placement[]): PlannedEntry[] {
  const perDay = built.problem.periodsPerDay;
  const out: PlannedEntry[] = [];
  for (const p of placements) {
    const lesson = built.lessons.get(p.lessonId);
    if (!lesson) continue;
    const day = built.week.days[Math.floor(p.slot / perDay)];
    if (!day) continue;
    for (let i = 0; i < p.length; i++) {
      const period = (p.slot % perDay) + i + 1;
      out.push({
        lessonId: p.lessonId,
        subject: lesson.subject,
        classIds: ids(lesson.classIds),
        teacherIds: ids(lesson.teacherIds),
        roomId: p.roomId ?? undefined,
        day,
        period,
        timeSlot: bellTime(built.week, period),
        kept: false,
      });
    }
  }
  return out;
}
