/**
 * Roll numbers and moving students (issue 19) through the API: only the office sets them; a number is unique in
 * the class, cleared when the student leaves; "number alphabetically" numbers the class 1, 2, 3…; the numbers
 * show in class lists, the register, the attendance CSV and assignment reviews. A move is one step that checks
 * capacity and the one-class rule, and leaves the student where they were when refused. Every change is logged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { schoolDayOf } from '../../../shared/domain';
import { api, school, useSchool } from '../../support/api';

useSchool();
let admin: string;
let classB = '';
const ids: Record<string, string> = {};
beforeAll(async () => {
  admin = school.admin.token;
  ids.Asha = school.students[0]!.id;
  ids.Ravi = school.students[1]!.id;
  for (const name of ['Zara', 'Bela']) {
    ids[name] = (
      await api.ok<{ id: string }>(
        'users.create',
        { role: 'student', username: name, password: school.password, name },
        admin,
      )
    ).id;
  }
  await api.ok('classes.addStudents', { classId: school.classId, studentIds: [ids.Zara, ids.Bela] }, admin);
  classB = (
    await api.ok<{ id: string }>(
      'classes.create',
      { name: 'Class 7-B', grade: 7, section: 'B', maxStudents: 1 },
      admin,
    )
  ).id;
});

const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'OK' : result.error?.code);
interface Person {
  id: string;
  name: string;
  rollNumber?: number;
}
const roster = async (classId: string) =>
  (await api.ok<{ items: Person[] }>('users.list', { classId, role: 'student', pageSize: 100 }, admin)).items;
const rollOf = async (name: string) =>
  (await roster(school.classId)).find((p) => p.name === name)?.rollNumber;

describe('roll numbers', () => {
  it('numbers the class alphabetically, then one by one; unique in the class', async () => {
    expect(await api.ok('classes.numberAlphabetically', { classId: school.classId }, admin)).toEqual({
      classId: school.classId,
      numbered: 4,
    });
    const numbered = (await roster(school.classId)).map((p) => [p.name, p.rollNumber]);
    expect(numbered.sort()).toEqual([
      ['Asha', 1],
      ['Bela', 2],
      ['Ravi', 3],
      ['Zara', 4],
    ]);

    const taken = await api.call(
      'classes.setRollNumber',
      { classId: school.classId, studentId: ids.Zara, rollNumber: 1 },
      admin,
    );
    expect(code(taken)).toBe('CONFLICT');
    expect(taken.ok ? '' : taken.error.message).toContain('Asha already has roll number 1');
    expect(
      await api.ok(
        'classes.setRollNumber',
        { classId: school.classId, studentId: ids.Zara, rollNumber: 12 },
        admin,
      ),
    ).toEqual({ studentId: ids.Zara, rollNumber: 12 });
    expect(await rollOf('Zara')).toBe(12);
    expect(
      await api.ok(
        'classes.setRollNumber',
        { classId: school.classId, studentId: ids.Zara, rollNumber: null },
        admin,
      ),
    ).toEqual({ studentId: ids.Zara });
    expect(await rollOf('Zara')).toBeUndefined();
    await api.ok(
      'classes.setRollNumber',
      { classId: school.classId, studentId: ids.Zara, rollNumber: 4 },
      admin,
    );
  });

  it('refuses other roles, bad numbers and a student of another class', async () => {
    const input = { classId: school.classId, studentId: ids.Zara, rollNumber: 5 };
    expect(code(await api.call('classes.setRollNumber', input, school.teacher.token))).toBe('FORBIDDEN');
    expect(code(await api.call('classes.setRollNumber', input, school.students[0]!.token))).toBe('FORBIDDEN');
    expect(
      code(await api.call('classes.numberAlphabetically', { classId: school.classId }, school.teacher.token)),
    ).toBe('FORBIDDEN');
    for (const rollNumber of [0, -1, 1000, 2.5, '3']) {
      expect(code(await api.call('classes.setRollNumber', { ...input, rollNumber }, admin))).toBe(
        'VALIDATION',
      );
    }
    expect(code(await api.call('classes.setRollNumber', { ...input, classId: classB }, admin))).toBe(
      'NOT_FOUND',
    );
  });

  it('shows the numbers in the register, the CSV export and assignment reviews', async () => {
    const today = schoolDayOf(new Date());
    const register = await api.ok<{ students: { name: string; rollNumber?: number }[] }>(
      'attendance.register',
      { classId: school.classId, date: today },
      school.teacher.token,
    );
    {
      const rows = register.students;
      expect(rows.map((r) => [r.rollNumber, r.name])).toEqual([
        [1, 'Asha'],
        [2, 'Bela'],
        [3, 'Ravi'],
        [4, 'Zara'],
      ]);
      await api.ok(
        'attendance.save',
        { classId: school.classId, date: today, entries: [] },
        school.teacher.token,
      );
      const csv = await api.ok<{ csv: string }>(
        'attendance.export',
        { classId: school.classId, from: today, to: today },
        admin,
      );
      expect(csv.csv.split('\r\n')[0]).toContain('class,roll_number,student');
      expect(csv.csv).toContain(',Class 7-A,2,Bela,present');
    }
    const due = new Date(Date.now() + 3 * 86_400_000);
    const a = await api.ok<{ id: string }>(
      'assignments.create',
      { title: 'Rolls', classIds: [school.classId], dueDate: due },
      school.teacher.token,
    );
    const view = await api.ok<{ submissions: { studentName: string; rollNumber?: number }[] }>(
      'assignments.get',
      { id: a.id },
      school.teacher.token,
    );
    expect(view.submissions.find((s) => s.studentName === 'Ravi')?.rollNumber).toBe(3);
  });

  it('logs each change', async () => {
    const handle = await api.deps.db.tenant(school.admin.databaseName);
    const entries = await handle.models.ActivityLog.find({ action: 'UPDATE' }).lean();
    expect(entries.some((e) => JSON.stringify(e.details).includes('alphabetical'))).toBe(true);
    expect(
      entries.some((e) => e.targetName === 'Zara' && JSON.stringify(e.details).includes('rollNumber')),
    ).toBe(true);
  });
});

describe('moving a student to another class', () => {
  it('moves in one step and clears the roll number; logged once', async () => {
    const moved = await api.ok<{
      from?: { id: string; studentIds: string[] };
      to: { id: string; studentIds: string[] };
    }>('classes.moveStudent', { studentId: ids.Bela, toClassId: classB }, admin);
    expect(moved.to.studentIds).toEqual([ids.Bela]);
    expect(moved.from?.id).toBe(school.classId);
    expect(moved.from?.studentIds).not.toContain(ids.Bela);
    expect((await roster(classB)).map((p) => [p.name, p.rollNumber])).toEqual([['Bela', undefined]]);
    const handle = await api.deps.db.tenant(school.admin.databaseName);
    const log = await handle.models.ActivityLog.find({ action: 'MOVE', targetName: 'Bela' }).lean();
    expect(log).toHaveLength(1);
    expect(log[0]?.details).toMatchObject({ from: 'Class 7-A', to: 'Class 7-B' });
  });

  it('refuses a full class, the class they are in, an inactive student, a teacher; nothing changes', async () => {
    const full = await api.call('classes.moveStudent', { studentId: ids.Zara, toClassId: classB }, admin);
    expect(code(full)).toBe('CONFLICT');
    expect((await roster(school.classId)).map((p) => p.name)).toContain('Zara');
    expect(await rollOf('Zara')).toBe(4);
    expect(
      code(await api.call('classes.moveStudent', { studentId: ids.Bela, toClassId: classB }, admin)),
    ).toBe('CONFLICT');
    expect(
      code(await api.call('classes.moveStudent', { studentId: school.teacher.id, toClassId: classB }, admin)),
    ).toBe('NOT_FOUND');
    await api.ok('users.update', { id: ids.Ravi, isActive: false }, admin);
    await api.ok('classes.update', { id: classB, maxStudents: 5 }, admin);
    expect(
      code(await api.call('classes.moveStudent', { studentId: ids.Ravi, toClassId: classB }, admin)),
    ).toBe('VALIDATION');
    expect(
      code(
        await api.call(
          'classes.moveStudent',
          { studentId: ids.Zara, toClassId: classB },
          school.teacher.token,
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('places a student of no class, and removal from a class clears the number', async () => {
    await api.ok('classes.removeStudent', { classId: school.classId, studentId: ids.Zara }, admin);
    const handle = await api.deps.db.tenant(school.admin.databaseName);
    expect((await handle.models.User.findById(ids.Zara).lean())?.rollNumber).toBeUndefined();
    const moved = await api.ok<{ from?: unknown; to: { studentIds: string[] } }>(
      'classes.moveStudent',
      { studentId: ids.Zara, toClassId: classB },
      admin,
    );
    expect(moved.from).toBeUndefined();
    expect(moved.to.studentIds).toContain(ids.Zara);
  });
});

describe('the allotment view (users.list by class, grade, or in no class)', () => {
  it("shows each student's class; lists students in no class and students of a grade", async () => {
    const loose = await api.ok<{ id: string }>(
      'users.create',
      { role: 'student', username: 'Loose', password: school.password, name: 'Loose' },
      admin,
    );
    const none = await api.ok<{ items: Person[] }>(
      'users.list',
      { withoutClass: true, pageSize: 100 },
      admin,
    );
    expect(none.items.map((p) => p.id)).toContain(loose.id);
    expect(none.items.map((p) => p.id)).not.toContain(ids.Asha);

    const seventh = await api.ok<{ items: (Person & { className?: string })[] }>(
      'users.list',
      { grade: 7, pageSize: 100 },
      admin,
    );
    expect(seventh.items.find((p) => p.id === ids.Asha)?.className).toBe('Class 7-A');
    expect(seventh.items.find((p) => p.id === ids.Bela)?.className).toBe('Class 7-B');
    expect(seventh.items.map((p) => p.id)).not.toContain(loose.id);
    expect((await api.ok<{ items: Person[] }>('users.list', { grade: 9 }, admin)).items).toEqual([]);
    expect(code(await api.call('users.list', { withoutClass: true, grade: 7 }, admin))).toBe('VALIDATION');
  });
});
