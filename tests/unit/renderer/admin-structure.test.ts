/** The pure parts of the admin's structure pages: form values → inputs, the week grid, the import report. */
import { describe, expect, it } from 'vitest';
import type { ClassDto, ImportReport, ScheduleDto, UserDto } from '../../../shared/contract';
import {
  updateClassInput,
  enrolment,
  suggestedName,
} from '../../../renderer/src/features/admin-classes/utils/class-form';
import {
  activitySentence,
  todayWeekday,
  upcomingWindow,
} from '../../../renderer/src/features/admin-dashboard/utils/dates';
import {
  rowProblems,
  rowsToShow,
  summarize,
} from '../../../renderer/src/features/admin-people/utils/csv-import';
import {
  createInput,
  personValuesOf,
  updateInput,
} from '../../../renderer/src/features/admin-people/utils/person-form';
import { updateSubjectInput } from '../../../renderer/src/features/admin-subjects/utils/subject-form';
import { updateEntryInput } from '../../../renderer/src/features/admin-timetable/utils/entry-form';
import { isBareWeek, viewOfRest } from '../../../renderer/src/features/admin-timetable/utils/grid';
import { createRouteStore } from '../../../renderer/src/stores/route-store';
import { parseGroups } from '../../../renderer/src/features/admin-timetable/utils/lesson-form';
import { DEFAULT_WEEK, bellTime, gridDays, gridPeriods, weekProblem } from '../../../shared/school-week';
import { checkSubjectCode, checkTimeSlot } from '../../../renderer/src/lib/admin-rules';

const ID = 'a'.repeat(24);
const OTHER = 'b'.repeat(24);
const at = new Date('2025-01-01T00:00:00Z');

const user: UserDto = {
  id: ID,
  role: 'student',
  username: 'anya',
  name: 'Anya Kapoor',
  email: 'anya@school.org',
  dateOfBirth: new Date('2012-04-18T00:00:00Z'),
  isActive: true,
  createdAt: at,
  updatedAt: at,
};

function entry(day: ScheduleDto['day'], period: number, timeSlot: string): ScheduleDto {
  return { id: ID, teacherId: ID, classId: OTHER, subject: 'Maths', day, period, timeSlot, createdAt: at };
}

describe('person form', () => {
  it('creates with trimmed values and leaves empty dates out', () => {
    const values = { ...personValuesOf(user), username: ' kabir ', name: ' Kabir ', password: 'pass-word-1' };
    expect(createInput({ ...values, dateOfBirth: null })).toEqual({
      role: 'student',
      username: 'kabir',
      password: 'pass-word-1',
      name: 'Kabir',
      email: 'anya@school.org',
      phone: '',
      address: '',
    });
  });

  it('updates only what changed; an emptied field or date is cleared with null', () => {
    const values = personValuesOf(user);
    expect(values.dateOfBirth).toBe('2012-04-18');
    expect(updateInput(user, values)).toEqual({ id: ID });
    expect(updateInput(user, { ...values, email: ' ', phone: '12345', dateOfBirth: null })).toEqual({
      id: ID,
      email: null,
      phone: '12345',
      dateOfBirth: null,
    });
  });
});

describe('class and subject forms', () => {
  const cls: ClassDto = {
    id: ID,
    name: 'Class 10-A',
    grade: 10,
    section: 'A',
    teacherId: OTHER,
    studentIds: [],
    studentCount: 38,
    maxStudents: 40,
    subjects: ['Maths'],
    createdAt: at,
    updatedAt: at,
  };

  it('names a class after its grade and section, and shows enrolment against capacity', () => {
    expect(suggestedName('10', ' a ')).toBe('Class 10-A');
    expect(suggestedName(null, 'A')).toBe('');
    expect(enrolment(cls)).toEqual({ text: '38 / 40', percent: 95, color: 'orange' });
    expect(enrolment({ studentCount: 40, maxStudents: 40 }).color).toBe('red');
  });

  it('sends a removed class teacher as null and a changed section once', () => {
    const values = {
      name: 'Class 10-A',
      grade: '10',
      section: 'a',
      teacherId: null,
      maxStudents: 40,
      subjects: ['Maths'],
    };
    expect(updateClassInput(cls, values)).toEqual({ id: ID, teacherId: null });
    expect(updateClassInput(cls, { ...values, teacherId: OTHER, subjects: ['Maths', ' Art '] })).toEqual({
      id: ID,
      subjects: ['Maths', 'Art'],
    });
  });

  it('upper-cases subject codes and clears an emptied description', () => {
    const subject = {
      id: ID,
      name: 'Maths',
      code: 'MATH101',
      grade: 10,
      description: 'Algebra',
      createdAt: at,
    };
    const values = { name: 'Maths', code: 'math101', grade: '10', teacherId: null, description: '' };
    expect(updateSubjectInput(subject, values)).toEqual({ id: ID, description: null });
    expect(checkSubjectCode('math-101')).toBeNull();
    expect(checkSubjectCode('MATH 101')).not.toBeNull();
  });
});

describe('timetable grid', () => {
  it("follows the school's week: its days and periods, plus any an entry still uses", () => {
    expect(gridDays(DEFAULT_WEEK, [])).toHaveLength(6);
    expect(gridDays({ ...DEFAULT_WEEK, days: ['Monday', 'Friday'] }, ['Sunday'])).toEqual([
      'Monday',
      'Friday',
      'Sunday',
    ]);
    expect(gridPeriods(DEFAULT_WEEK, [])).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(gridPeriods(DEFAULT_WEEK, [10])).toHaveLength(10);
    expect(bellTime(DEFAULT_WEEK, 1)).toBe('08:00-08:45');
    expect(bellTime(DEFAULT_WEEK, 9)).toBe('');
    expect(weekProblem(DEFAULT_WEEK)).toBeNull();
    expect(parseGroups('2+2')).toEqual([2, 2]);
    expect(parseGroups('1, 1 1')).toEqual([1, 1, 1]);
    expect(parseGroups('2+9')).toBeNull();
    expect(parseGroups('')).toBeNull();
  });

  it('reads the view from the address and sends only changed fields', () => {
    expect(viewOfRest(['teacher', ID])).toEqual({ tab: 'week', view: 'teacher', id: ID });
    expect(viewOfRest(undefined)).toEqual({ tab: 'week', view: 'class', id: null });
    expect(viewOfRest(['generate'])).toEqual({ tab: 'generate', view: 'class', id: null });
    const e = entry('Monday', 3, '9:00-9:45');
    expect(
      updateEntryInput(e, {
        day: 'Monday',
        period: '4',
        subject: 'Maths',
        teacherId: ID,
        classId: OTHER,
        roomId: null,
      }),
    ).toEqual({ id: ID, period: 4 });
    expect(checkTimeSlot('9:45-9:00')).not.toBeNull();
    expect(checkTimeSlot('9:00-9:45')).toBeNull();
  });
});

describe('the week tab picking the first class', () => {
  it('picks only while the address is still the bare week grid of that view', () => {
    const timetable = (rest?: string[]) => ({ workspace: 'admin', page: 'timetable', rest }) as const;
    expect(isBareWeek(timetable(), 'class')).toBe(true);
    expect(isBareWeek(timetable(['class']), 'class')).toBe(true);
    expect(isBareWeek(timetable(['teacher']), 'teacher')).toBe(true);
    expect(isBareWeek(timetable(['teacher']), 'class')).toBe(false);
    expect(isBareWeek(timetable(['class', ID]), 'class')).toBe(false);
    expect(isBareWeek(timetable(['lessons']), 'class')).toBe(false);
    expect(isBareWeek({ workspace: 'admin', page: 'classes' }, 'class')).toBe(false);
    expect(isBareWeek(null, 'class')).toBe(false);
  });

  it('does not take back a tab clicked between the render and its effect', () => {
    const store = createRouteStore(undefined);
    store.getState().navigate({ workspace: 'admin', page: 'timetable', rest: ['class'] });
    // The render saw no class chosen; before its effect runs, the office opens the Lessons tab.
    const seenByRender = viewOfRest(store.getState().route?.rest);
    store.getState().navigate({ workspace: 'admin', page: 'timetable', rest: ['lessons'] });
    expect(seenByRender.id).toBeNull();
    expect(isBareWeek(store.getState().route, seenByRender.view)).toBe(false);
  });
});

describe('CSV import report and dashboard', () => {
  it('counts rows and lists problems first', () => {
    const report: ImportReport = {
      imported: false,
      created: 0,
      rows: [
        { line: 2, username: 'a', status: 'valid' },
        { line: 3, username: 'b', status: 'invalid', errors: { email: 'Bad.', _: 'Too many cells.' } },
      ],
    };
    expect(summarize(report)).toEqual({ rows: 2, valid: 1, invalid: 1, created: 0 });
    expect(rowsToShow(report, 10).map((r) => r.line)).toEqual([3, 2]);
    expect(rowProblems(report.rows[1]!)).toEqual(['email: Bad.', 'Too many cells.']);
  });

  it('finds today and the next two weeks as the calendar stores days', () => {
    const tuesday = new Date(2025, 8, 2, 23, 30);
    expect(todayWeekday(tuesday)).toBe('Tuesday');
    const { from, to } = upcomingWindow(tuesday, 14);
    expect(from.toISOString()).toBe('2025-09-02T00:00:00.000Z');
    expect(to.toISOString()).toBe('2025-09-16T23:59:59.999Z');
  });

  it('says what happened in activity entries', () => {
    expect(activitySentence({ action: 'CREATE', targetType: 'CLASS', targetName: 'Class 10-A' })).toBe(
      'created class Class 10-A',
    );
    expect(activitySentence({ action: 'LOGIN', targetType: 'USER', targetName: 'anya' })).toBe('signed in');
  });
});
