import { beforeAll, describe, expect, it } from 'vitest';
import { subjectsCreate, subjectsList, subjectsUpdate } from '../../../shared/contract';
import { createClass } from '../../../electron/core/services/classes';
import type { Actor } from '../../../electron/core/services/context';
import { createSchedule } from '../../../electron/core/services/schedules';
import {
  createSubject,
  deleteSubject,
  listSubjects,
  updateSubject,
} from '../../../electron/core/services/subjects';
import { updateUser, type UserRecord } from '../../../electron/core/services/users';
import { errorCode as code, anyText } from '../../support/services';
import { actorOf, admin, deps, models, other, person, useInstitutions } from '../../support/fixture';

useInstitutions();

let teacher: UserRecord;
let student: UserRecord;

const create = (input: Record<string, unknown>, actor = admin) =>
  createSubject(deps, actor, subjectsCreate.input.parse(input));
const update = (input: Record<string, unknown>) =>
  updateSubject(deps, admin, subjectsUpdate.input.parse(input));
const list = (actor: Actor, input: Record<string, unknown> = {}) =>
  listSubjects(deps, actor, subjectsList.input.parse(input));

beforeAll(async () => {
  teacher = await person('teacher', 'Mr Rao');
  student = await person('student', 'Asha');
});
describe('subjects.create', () => {
  it('adds a subject with its teacher, and logs it', async () => {
    const s = await create({
      name: 'Mathematics',
      code: 'math101',
      grade: 10,
      teacherId: teacher.id,
      description: 'Algebra and geometry',
    });
    expect(s).toMatchObject({
      name: 'Mathematics',
      code: 'MATH101',
      grade: 10,
      teacher: { id: teacher.id, name: 'Mr Rao' },
      description: 'Algebra and geometry',
    });
    expect(() => subjectsCreate.output.parse(s)).not.toThrow();
    expect(
      await models.ActivityLog.exists({ targetId: s.id, action: 'CREATE', targetType: 'SUBJECT' }),
    ).not.toBeNull();
  });

  it('keeps the code unique per grade (CONFLICT), but the same code may exist in another grade', async () => {
    await create({ name: 'English', code: 'ENG1', grade: 4 });
    await expect(create({ name: 'English again', code: 'eng1', grade: 4 })).rejects.toMatchObject({
      code: 'CONFLICT',
      fields: { code: anyText },
    });
    expect((await create({ name: 'English', code: 'ENG1', grade: 5 })).grade).toBe(5);
  });

  it('takes only an active teacher of this institution', async () => {
    await expect(create({ name: 'A', code: 'A1', grade: 1, teacherId: student.id })).rejects.toSatisfy(
      code('VALIDATION'),
    );
    const foreign = await person('teacher', 'Far', other);
    await expect(create({ name: 'A', code: 'A1', grade: 1, teacherId: foreign.id })).rejects.toSatisfy(
      code('NOT_FOUND'),
    );
    const retired = await person('teacher', 'Retired');
    await updateUser(deps, admin, { id: retired.id, isActive: false });
    await expect(create({ name: 'A', code: 'A1', grade: 1, teacherId: retired.id })).rejects.toSatisfy(
      code('VALIDATION'),
    );
    expect(await models.Subject.exists({ code: 'A1' })).toBeNull();
    await expect(create({ name: 'A', code: 'A1', grade: 1 }, actorOf(teacher))).rejects.toSatisfy(
      code('FORBIDDEN'),
    );
  });
});

describe('subjects.list', () => {
  it('lists for everyone signed in, with filters, search and paging', async () => {
    for (const actor of [admin, actorOf(teacher), actorOf(student)]) {
      const all = await list(actor, { pageSize: 100 });
      expect(all.total).toBe(all.items.length);
      expect(all.total).toBeGreaterThanOrEqual(3);
      expect(() => subjectsList.output.parse(all)).not.toThrow();
    }
    expect((await list(admin, { grade: 4 })).items.map((s) => s.code)).toEqual(['ENG1']);
    expect((await list(admin, { teacherId: teacher.id })).items.map((s) => s.code)).toEqual(['MATH101']);
    expect((await list(admin, { search: 'mathem' })).items.map((s) => s.code)).toEqual(['MATH101']);
    expect((await list(admin, { search: 'math1' })).items.map((s) => s.code)).toEqual(['MATH101']);
    expect((await list(admin, { search: 'm.th' })).total).toBe(0);
    const page = await list(admin, { pageSize: 1, page: 2 });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(3);
    const foreign = await person('teacher', 'Far 2', other);
    await expect(list(admin, { teacherId: foreign.id })).rejects.toSatisfy(code('NOT_FOUND'));
  });
});

describe('subjects.update and delete', () => {
  it('changes fields, clears teacher and description with null, and refuses a taken code', async () => {
    const s = await create({
      name: 'Physics',
      code: 'PHY',
      grade: 11,
      teacherId: teacher.id,
      description: 'x',
    });
    await create({ name: 'Chemistry', code: 'CHEM', grade: 11 });
    const changed = await update({
      id: s.id,
      name: 'Physics I',
      code: 'phy1',
      teacherId: null,
      description: null,
    });
    expect(changed).toMatchObject({ name: 'Physics I', code: 'PHY1', grade: 11 });
    expect(changed.teacherId).toBeUndefined();
    expect(changed.description).toBeUndefined();
    expect(() => subjectsUpdate.output.parse(changed)).not.toThrow();
    await expect(update({ id: s.id, code: 'CHEM' })).rejects.toSatisfy(code('CONFLICT'));
    // Moving to a grade where the code is free is fine; the entry itself never clashes.
    expect((await update({ id: s.id, grade: 12, code: 'PHY1' })).grade).toBe(12);
    expect((await update({ id: s.id, teacherId: teacher.id })).teacher?.name).toBe('Mr Rao');
    await expect(update({ id: s.id, teacherId: student.id })).rejects.toSatisfy(code('VALIDATION'));
    expect(await models.ActivityLog.countDocuments({ targetId: s.id, action: 'UPDATE' })).toBe(3);
  });

  it('delete leaves classes and timetable entries with the name, and is NOT_FOUND twice', async () => {
    const s = await create({ name: 'Art', code: 'ART', grade: 6 });
    const cls = await createClass(deps, admin, {
      name: 'Class 6-A',
      grade: 6,
      section: 'A',
      subjects: ['Art'],
    });
    await createSchedule(deps, admin, {
      teacherId: teacher.id,
      classId: cls.id,
      subject: 'Art',
      day: 'Friday',
      period: 4,
      timeSlot: '11:00-11:40',
    });
    await deleteSubject(deps, admin, s.id);
    expect(await models.Subject.findById(s.id)).toBeNull();
    expect((await models.Class.findById(cls.id).lean())?.subjects).toEqual(['Art']);
    expect(await models.Schedule.exists({ classId: cls.id, subject: 'Art' })).not.toBeNull();
    expect(await models.ActivityLog.exists({ targetId: s.id, action: 'DELETE' })).not.toBeNull();
    await expect(deleteSubject(deps, admin, s.id)).rejects.toSatisfy(code('NOT_FOUND'));
  });

  it("never touches another institution's subject", async () => {
    const foreign = await createSubject(
      deps,
      other,
      subjectsCreate.input.parse({ name: 'F', code: 'F', grade: 1 }),
    );
    await expect(update({ id: foreign.id, name: 'Mine' })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(deleteSubject(deps, admin, foreign.id)).rejects.toSatisfy(code('NOT_FOUND'));
  });
});
