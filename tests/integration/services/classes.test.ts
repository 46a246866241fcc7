import { beforeAll, describe, expect, it } from 'vitest';
import { classesGet, classesList, classesUpdate } from '../../../shared/contract';
import * as classes from '../../../electron/core/services/classes';
import type { Actor } from '../../../electron/core/services/context';
import { createUser, updateUser, type UserRecord } from '../../../electron/core/services/users';
import { errorCode as code, anyText, matching } from '../../support/services';
import { actorOf, admin, deps, lesson, models, other, useInstitutions } from '../../support/fixture';

useInstitutions();

let seq = 0;
async function person(role: 'teacher' | 'student', name = `${role} ${++seq}`, actor = admin) {
  return createUser(deps, actor, { role, username: `${name} ${++seq}`, password: 'Secret123', name });
}
const list = (actor: Actor, input: Record<string, unknown> = {}) =>
  classes.listClasses(deps, actor, classesList.input.parse(input));
const update = (input: Record<string, unknown>) =>
  classes.updateClass(deps, admin, classesUpdate.input.parse(input));

let rao: UserRecord;
let iyer: UserRecord;
let c7a: classes.ClassRecord;
let c7b: classes.ClassRecord;
let c8a: classes.ClassRecord;
let pupil: UserRecord;

beforeAll(async () => {
  rao = await person('teacher', 'Mr Rao');
  iyer = await person('teacher', 'Ms Iyer');
  pupil = await person('student', 'Pupil');
  c7a = await classes.createClass(deps, admin, {
    name: 'Class 7-A',
    grade: 7,
    section: 'A',
    teacherId: rao.id,
  });
  c7b = await classes.createClass(deps, admin, {
    name: 'Class 7-B',
    grade: 7,
    section: 'B',
    teacherId: iyer.id,
  });
  c8a = await classes.createClass(deps, admin, {
    name: 'Class 8-A',
    grade: 8,
    section: 'A',
    teacherId: iyer.id,
  });
  await classes.addStudents(deps, admin, c7b.id, [pupil.id]);
  // Rao teaches 7-B in the timetable, without being its class teacher.
  await lesson(rao.id, c7b.id, { subject: 'Science', day: 'Tuesday', period: 2, timeSlot: '9:40-10:20' });
});
describe('classes.list and classes.get', () => {
  it('list every class for the admin with the class teacher name and the student count, paged', async () => {
    const all = await list(admin);
    expect(all.total).toBe(3);
    expect(all.items.map((c) => c.name)).toEqual(['Class 7-A', 'Class 7-B', 'Class 8-A']);
    expect(all.items[1]).toMatchObject({
      teacherId: iyer.id,
      teacher: { id: iyer.id, name: 'Ms Iyer' },
      studentIds: [pupil.id],
      studentCount: 1,
      maxStudents: 40,
    });
    expect(() => classesList.output.parse(all)).not.toThrow();
    const page2 = await list(admin, { pageSize: 2, page: 2 });
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((c) => c.name)).toEqual(['Class 8-A']);
  });

  it('filter by grade, name (literal, any case) and teacher (leads or teaches)', async () => {
    expect((await list(admin, { grade: 8 })).items.map((c) => c.id)).toEqual([c8a.id]);
    expect((await list(admin, { search: '7-b' })).items.map((c) => c.id)).toEqual([c7b.id]);
    expect((await list(admin, { search: '7.B' })).total).toBe(0);
    expect((await list(admin, { teacherId: rao.id })).items.map((c) => c.id)).toEqual([c7a.id, c7b.id]);
    const foreign = await person('teacher', 'Foreign', other);
    await expect(list(admin, { teacherId: foreign.id })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(list(admin, { teacherId: pupil.id })).rejects.toSatisfy(code('NOT_FOUND'));
  });

  it('show a teacher the classes they lead or teach, and nothing else', async () => {
    const me = actorOf(rao);
    expect((await list(me)).items.map((c) => c.id)).toEqual([c7a.id, c7b.id]);
    expect((await list(me, { teacherId: rao.id })).total).toBe(2);
    // A colleague who teaches one of Rao's classes narrows to it; one who teaches none of them is not found.
    expect((await list(me, { teacherId: iyer.id })).items.map((c) => c.id)).toEqual([c7b.id]);
    const stranger = await person('teacher', 'Stranger');
    await expect(list(me, { teacherId: stranger.id })).rejects.toSatisfy(code('NOT_FOUND'));
    expect((await classes.getClass(deps, me, c7b.id)).id).toBe(c7b.id);
    await expect(classes.getClass(deps, me, c8a.id)).rejects.toSatisfy(code('NOT_FOUND'));
    expect((await list(actorOf(stranger))).total).toBe(0);
  });

  it('show a student their own class only', async () => {
    const me = actorOf(pupil);
    expect((await list(me)).items.map((c) => c.id)).toEqual([c7b.id]);
    const got = await classes.getClass(deps, me, c7b.id);
    expect(() => classesGet.output.parse(got)).not.toThrow();
    await expect(classes.getClass(deps, me, c7a.id)).rejects.toSatisfy(code('NOT_FOUND'));
    const loner = await person('student', 'Loner');
    expect((await list(actorOf(loner))).total).toBe(0);
  });

  it("never show another institution's class", async () => {
    const foreign = await classes.createClass(deps, other, { name: 'Far', grade: 7, section: 'A' });
    await expect(classes.getClass(deps, admin, foreign.id)).rejects.toSatisfy(code('NOT_FOUND'));
  });
});

describe('classes.update', () => {
  it('changes name, grade, section, subjects, capacity and teacher, and logs it', async () => {
    const c = await classes.createClass(deps, admin, {
      name: 'Class 9-A',
      grade: 9,
      section: 'A',
      teacherId: rao.id,
    });
    const changed = await update({
      id: c.id,
      name: 'Class 9-D',
      section: 'd',
      subjects: ['Maths', 'Science', 'Maths'],
      maxStudents: 30,
      teacherId: iyer.id,
    });
    expect(changed).toMatchObject({
      name: 'Class 9-D',
      grade: 9,
      section: 'D',
      subjects: ['Maths', 'Science'],
      maxStudents: 30,
      teacher: { id: iyer.id, name: 'Ms Iyer' },
    });
    expect(() => classesUpdate.output.parse(changed)).not.toThrow();
    const cleared = await update({ id: c.id, teacherId: null, grade: 10 });
    expect(cleared.teacherId).toBeUndefined();
    expect(cleared.teacher).toBeUndefined();
    expect(cleared.grade).toBe(10);
    expect((await models.Class.findById(c.id).lean())?.teacherId).toBeUndefined();
    expect(await models.ActivityLog.countDocuments({ targetId: c.id, action: 'UPDATE' })).toBe(2);
  });

  it('refuses a capacity below the enrolment, a taken grade and section, and a non-teacher', async () => {
    const c = await classes.createClass(deps, admin, { name: 'Class 11-A', grade: 11, section: 'A' });
    const kids = [await person('student'), await person('student'), await person('student')];
    await classes.addStudents(
      deps,
      admin,
      c.id,
      kids.map((k) => k.id),
    );
    await expect(update({ id: c.id, maxStudents: 2 })).rejects.toMatchObject({
      code: 'CONFLICT',
      fields: { maxStudents: matching(/3/) },
    });
    expect((await update({ id: c.id, maxStudents: 3 })).maxStudents).toBe(3);

    await expect(update({ id: c.id, grade: 7, section: 'b' })).rejects.toMatchObject({
      code: 'CONFLICT',
      fields: { section: anyText },
    });
    await expect(update({ id: c.id, teacherId: kids[0]!.id })).rejects.toSatisfy(code('VALIDATION'));
    const inactive = await person('teacher', 'Retired');
    await updateUser(deps, admin, { id: inactive.id, isActive: false });
    await expect(update({ id: c.id, teacherId: inactive.id })).rejects.toSatisfy(code('VALIDATION'));
    const foreign = await person('teacher', 'Elsewhere', other);
    await expect(update({ id: c.id, teacherId: foreign.id })).rejects.toSatisfy(code('NOT_FOUND'));
    const stored = await models.Class.findById(c.id).lean();
    expect(stored).toMatchObject({ grade: 11, section: 'A', maxStudents: 3 });
  });

  it('is NOT_FOUND for a missing class and admin-only', async () => {
    const foreign = await classes.createClass(deps, other, { name: 'Far 2', grade: 2, section: 'A' });
    await expect(update({ id: foreign.id, name: 'Mine' })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(
      classes.updateClass(deps, actorOf(rao), classesUpdate.input.parse({ id: c7a.id, name: 'Mine' })),
    ).rejects.toSatisfy(code('FORBIDDEN'));
  });
});

describe('classes.addStudents, removeStudent, assignTeacher, delete', () => {
  it('enrol within capacity, naming the numbers when full', async () => {
    const c = await classes.createClass(deps, admin, {
      name: 'Class 12-A',
      grade: 12,
      section: 'A',
      maxStudents: 2,
    });
    const [a, b, d] = [await person('student'), await person('student'), await person('student')];
    const added = await classes.addStudents(deps, admin, c.id, [a.id, b.id]);
    expect(added).toMatchObject({ studentCount: 2, studentIds: [a.id, b.id] });
    await expect(classes.addStudents(deps, admin, c.id, [d.id])).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Class 12-A holds 2; 2 enrolled, 1 more asked.',
    });
  });

  it('remove an enrolled student; one not enrolled is NOT_FOUND', async () => {
    const c = await classes.createClass(deps, admin, { name: 'Class 12-B', grade: 12, section: 'B' });
    const [a, b] = [await person('student'), await person('student')];
    await classes.addStudents(deps, admin, c.id, [a.id, b.id]);
    const after = await classes.removeStudent(deps, admin, c.id, a.id);
    expect(after).toMatchObject({ studentIds: [b.id], studentCount: 1 });
    expect((await models.Class.findById(c.id).lean())?.students.map(String)).toEqual([b.id]);
    await expect(classes.removeStudent(deps, admin, c.id, a.id)).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(classes.removeStudent(deps, admin, c7a.id, b.id)).rejects.toSatisfy(code('NOT_FOUND'));
    const foreign = await classes.createClass(deps, other, { name: 'Far 3', grade: 3, section: 'A' });
    await expect(classes.removeStudent(deps, admin, foreign.id, b.id)).rejects.toSatisfy(code('NOT_FOUND'));
    expect(
      await models.ActivityLog.exists({ targetId: c.id, action: 'UPDATE', 'details.removedStudent': a.id }),
    ).not.toBeNull();
    // The removed student may now join another class.
    expect((await classes.addStudents(deps, admin, c7a.id, [a.id])).studentIds).toContain(a.id);
  });

  it('assign a teacher with their name in the answer; delete answers NOT_FOUND the second time', async () => {
    const c = await classes.createClass(deps, admin, { name: 'Class 1-Z', grade: 1, section: 'Z' });
    expect((await classes.assignTeacher(deps, admin, c.id, rao.id)).teacher).toEqual({
      id: rao.id,
      name: 'Mr Rao',
    });
    await classes.deleteClass(deps, admin, c.id);
    await expect(classes.deleteClass(deps, admin, c.id)).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(classes.deleteClass(deps, actorOf(rao), c7a.id)).rejects.toSatisfy(code('FORBIDDEN'));
  });
});
