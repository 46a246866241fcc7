/**
 * The lessons a teacher may take a register of today, from their week's timetable, and the one to open first:
 * the lesson on now, else the last one that started, else the first of the day. Pure: no React.
 */
import type { ScheduleDto } from '../../../../../shared/contract';
import { parseTimeSlot, type Weekday } from '../../../../../shared/domain';

export interface LessonChoice {
  /** `classId:period`, the Select's value. */
  key: string;
  classId: string;
  className: string;
  period: number;
  subject: string;
  timeSlot: string;
}

export const lessonKey = (classId: string, period: number): string => `${classId}:${period}`;

/** A day's lessons in period order, one per class a lesson is taught to (a shared lesson names several). */
export function lessonsOfDay(
  entries: readonly ScheduleDto[],
  day: Weekday,
  classNames: ReadonlyMap<string, string>,
): LessonChoice[] {
  return entries
    .filter((e) => e.day === day)
    .sort((a, b) => a.period - b.period)
    .flatMap((e) =>
      [e.classId, ...(e.alsoClassIds ?? [])].map((classId) => ({
        key: lessonKey(classId, e.period),
        classId,
        className: classNames.get(classId) ?? (classId === e.classId ? e.className : undefined) ?? 'A class',
        period: e.period,
        subject: e.subject,
        timeSlot: e.timeSlot,
      })),
    );
}

/** The lesson on at `now`, else the last one started before it, else the first. */
export function lessonAt(lessons: readonly LessonChoice[], now: Date): LessonChoice | undefined {
  const minutes = now.getHours() * 60 + now.getMinutes();
  let started: LessonChoice | undefined;
  for (const l of lessons) {
    const slot = parseTimeSlot(l.timeSlot);
    if (!slot || slot.start > minutes) continue;
    if (slot.end > minutes) return l;
    // A shared lesson's first class stands for its period.
    if (started?.period !== l.period) started = l;
  }
  return started ?? lessons[0];
}

/** "Period 2 · Science · 8-A (10:00-10:45)". */
export function lessonLabel(l: LessonChoice): string {
  return `Period ${l.period} · ${l.subject} · ${l.className} (${l.timeSlot})`;
}
