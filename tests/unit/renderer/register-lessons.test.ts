/** Which lesson the teacher's register opens first, and the lessons of a day it lists. */
import { describe, expect, it } from 'vitest';
import type { ScheduleDto } from '../../../shared/contract';
import { lessonAt, lessonsOfDay } from '../../../renderer/src/features/attendance/utils/register-lessons';

const A = 'a'.repeat(24);
const B = 'b'.repeat(24);
const entry = (period: number, timeSlot: string, extra: Partial<ScheduleDto> = {}): ScheduleDto => ({
  id: String(period).padStart(24, '0'),
  teacherId: 'c'.repeat(24),
  classId: A,
  className: '8-A',
  subject: `Subject ${period}`,
  day: 'Monday',
  period,
  timeSlot,
  createdAt: new Date(0),
  ...extra,
});

describe('register lessons', () => {
  const week = [
    entry(2, '10:00-10:45'),
    entry(1, '9:00-9:45', { alsoClassIds: [B] }),
    entry(3, '11:00-11:45', { day: 'Tuesday' }),
  ];
  const lessons = lessonsOfDay(week, 'Monday', new Map([[B, '8-B']]));
  const at = (h: number, m: number) => new Date(2026, 10, 30, h, m);

  it("lists the day's lessons in period order, one per class of a shared lesson", () => {
    expect(lessons.map((l) => [l.period, l.className])).toEqual([
      [1, '8-A'],
      [1, '8-B'],
      [2, '8-A'],
    ]);
  });

  it('opens the lesson on now, else the last one started, else the first', () => {
    expect(lessonAt(lessons, at(10, 5))?.period).toBe(2);
    expect(lessonAt(lessons, at(9, 50))?.key).toBe(`${A}:1`);
    expect(lessonAt(lessons, at(15, 0))?.period).toBe(2);
    expect(lessonAt(lessons, at(7, 0))?.period).toBe(1);
    expect(lessonAt([], at(9, 0))).toBeUndefined();
  });
});
