/**
 * The names, roll numbers and class memberships the lists keep between writes (services/kept-references.ts): every write that
 * changes one shows in the very next call, through the services as the API calls them, on the real engine.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  classesList,
  classesSetRollNumber,
  classesUpdate,
  roomsCreate,
  roomsUpdate,
  schedulesList,
  subjectsCreate,
  subjectsList,
  usersUpdate,
} from '../../../shared/contract';
import {
  addStudents,
  assignTeacher,
  createClass,
  listClasses,
  removeStudent,
  updateClass,
  type ClassRecord,
} from '../../../electron/core/services/classes';
import { createAssignment, getAssignment } from '../../../electron/core/services/assignments';
import type { Actor } from '../../../electron/core/services/context';
import { setRollNumber } from '../../../electron/core/services/enrolment';
import { keptNames } from '../../../electron/core/services/kept-references';
import { listSchedules } from '../../../electron/core/services/schedules';
import { createSubject, listSubjects } from '../../../electron/core/services/subjects';
import { createRoom, updateRoom } from '../../../electron/core/services/timetable/rooms';
import { updateUser, type UserRecord } from '../../../electron/core/services/users';
import { referenceGeneration } from '../../../electron/core/db/tenant/reference-generation';
import { openTestDb } from '../../support/test-db';
import {
  actorOf,
  admin,
  deps,
  lesson,
  models,
  person,
  personActor,
  useInstitutions,
} from '../../support/fixture';

useInstitutions();

const schedules = (actor: Actor, input: Record<string, unknown> = {}) =>
  listSchedules(deps, actor, schedulesList.input.parse(input));
const classes = (actor: Actor) => listClasses(deps, actor, classesList.input.parse({}));
const rename = (user: UserRecord, name: string) =>
  updateUser(deps, admin, usersUpdate.input.parse({ id: user.id, name }));

let rao: UserRecord;
let iyer: UserRecord;
let asha: UserRecord;
let c7a: ClassRecord;
let c7b: ClassRecord;

beforeAll(async () => {
  rao = await person('teacher', 'Mr Rao');
  iyer = await person('teacher', 'Ms Iyer');
  asha = await person('student', 'Asha');
  c7a = await createClass(deps, admin, { name: 'Class 7-A', grade: 7, section: 'A', teacherId: rao.id });
  c7b = await createClass(deps, admin, { name: 'Class 7-B', grade: 7, section: 'B' });
  await addStudents(deps, admin, c7a.id, [asha.id]);
  await lesson(rao.id, c7a.id, { subject: 'Maths', day: 'Monday', period: 1, timeSlot: '08:00-08:45' });
  await lesson(iyer.id, c7b.id, { subject: 'Art', day: 'Monday', period: 2, timeSlot: '08:45-09:30' });
});

describe('kept references', () => {
  it('are kept on the embedded engine, and not on a connection this process is not the one writer of', async () => {
    expect(referenceGeneration(models.User.db)).toEqual(expect.any(Number));
    const own = await openTestDb('kept');
    try {
      expect(referenceGeneration(own.db)).toBeUndefined();
      let reads = 0;
      const read = () => {
        reads += 1;
        return Promise.resolve(new Map([['a', 'A']]));
      };
      await keptNames(own.db, 'user-name', ['a'], read);
      await keptNames(own.db, 'user-name', ['a'], read);
      expect(reads).toBe(2);
    } finally {
      await own.drop();
    }
  });

  it('answer from the process once read, and read again only what is missing', async () => {
    const conn = models.User.db;
    const asked: string[][] = [];
    const read = (ids: string[]) => {
      asked.push(ids);
      return Promise.resolve(new Map(ids.filter((id) => id !== 'gone').map((id) => [id, `name of ${id}`])));
    };
    expect(await keptNames(conn, 'room-name', ['x1', 'gone'], read)).toEqual(new Map([['x1', 'name of x1']]));
    expect(await keptNames(conn, 'room-name', ['x1', 'gone', 'x2'], read)).toEqual(
      new Map([
        ['x1', 'name of x1'],
        ['x2', 'name of x2'],
      ]),
    );
    expect(asked).toEqual([['x1', 'gone'], ['x2']]);
  });

  it('keep nothing that a write overtook while it was read', async () => {
    const conn = models.User.db;
    let reads = 0;
    const read = async (ids: string[]) => {
      reads += 1;
      const name = `Read ${reads}`;
      // A write lands while the names are read: what was read may be the old state.
      if (reads === 1) await models.User.updateOne({ _id: iyer.id }, { $set: { name: 'Ms Iyer' } });
      return new Map(ids.map((id) => [id, name]));
    };
    await keptNames(conn, 'user-name', ['overtaken'], read);
    expect(await keptNames(conn, 'user-name', ['overtaken'], read)).toEqual(
      new Map([['overtaken', 'Read 2']]),
    );
    expect(await keptNames(conn, 'user-name', ['overtaken'], read)).toEqual(
      new Map([['overtaken', 'Read 2']]),
    );
    expect(reads).toBe(2);
  });

  it("show a teacher's new name in the next list of subjects, classes and the timetable", async () => {
    await createSubject(
      deps,
      admin,
      subjectsCreate.input.parse({ name: 'Maths', code: 'M7', grade: 7, teacherId: rao.id }),
    );
    const subjectTeacher = async () =>
      (await listSubjects(deps, admin, subjectsList.input.parse({ grade: 7 }))).items[0]?.teacher?.name;
    const classTeacher = async () => (await classes(admin)).items.find((c) => c.id === c7a.id)?.teacher?.name;
    const timetableTeacher = async () => (await schedules(admin, { classId: c7a.id })).items[0]?.teacherName;
    expect([await subjectTeacher(), await classTeacher(), await timetableTeacher()]).toEqual([
      'Mr Rao',
      'Mr Rao',
      'Mr Rao',
    ]);
    await rename(rao, 'Mr Rao Senior');
    expect([await subjectTeacher(), await classTeacher(), await timetableTeacher()]).toEqual([
      'Mr Rao Senior',
      'Mr Rao Senior',
      'Mr Rao Senior',
    ]);
  });

  it("show a class's new name, and a room's, in the next timetable", async () => {
    const room = await createRoom(
      deps,
      admin,
      roomsCreate.input.parse({ name: 'Lab 7', kind: 'lab', capacity: 30 }),
    );
    await models.Schedule.updateOne({ classId: c7b.id }, { $set: { roomId: room.id } });
    const entry = async () => (await schedules(admin, { classId: c7b.id })).items[0];
    expect(await entry()).toMatchObject({ className: 'Class 7-B', roomName: 'Lab 7' });
    await updateClass(deps, admin, classesUpdate.input.parse({ id: c7b.id, name: 'Class 7-B (art)' }));
    await updateRoom(deps, admin, roomsUpdate.input.parse({ id: room.id, name: 'Art lab' }));
    expect(await entry()).toMatchObject({ className: 'Class 7-B (art)', roomName: 'Art lab' });
  });

  it("follow a student's enrolment in their next week", async () => {
    const student = actorOf(asha);
    const week = async () => (await schedules(student)).items.map((e) => e.subject);
    expect(await week()).toEqual(['Maths']);
    await removeStudent(deps, admin, c7a.id, asha.id);
    expect(await week()).toEqual([]);
    await addStudents(deps, admin, c7b.id, [asha.id]);
    expect(await week()).toEqual(['Art']);
    await expect(schedules(student, { classId: c7a.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("follow a teacher's classes as they are given a class or a lesson", async () => {
    const teacher = actorOf(iyer);
    const mine = async () => (await classes(teacher)).items.map((c) => c.name).sort();
    expect(await mine()).toEqual(['Class 7-B (art)']);
    await assignTeacher(deps, admin, c7a.id, iyer.id);
    expect(await mine()).toEqual(['Class 7-A', 'Class 7-B (art)']);
    await assignTeacher(deps, admin, c7a.id, rao.id);
    await models.Schedule.deleteMany({ teacherId: iyer.id });
    expect(await mine()).toEqual([]);
    await lesson(iyer.id, c7a.id, { subject: 'Art', day: 'Tuesday', period: 1, timeSlot: '08:00-08:45' });
    expect(await mine()).toEqual(['Class 7-A']);
  });

  it("follow a class's students and their roll numbers in the next view of an assignment", async () => {
    const teacher = await personActor('teacher', 'Ms Roll');
    const [ravi, sana] = await Promise.all([person('student', 'Ravi'), person('student', 'Sana')]);
    const cls = await createClass(deps, admin, {
      name: 'Class 8-R',
      grade: 8,
      section: 'R',
      teacherId: teacher.userId,
    });
    await addStudents(deps, admin, cls.id, [ravi.id]);
    const work = await createAssignment(deps, teacher, {
      title: 'Roll call',
      classIds: [cls.id],
      dueDate: new Date(Date.now() + 86_400_000),
    });
    const rows = async () =>
      (await getAssignment(deps, teacher, { id: work.id })).submissions?.map((r) => [
        r.studentName,
        r.rollNumber,
      ]);
    expect(await rows()).toEqual([['Ravi', undefined]]);
    await setRollNumber(
      deps,
      admin,
      classesSetRollNumber.input.parse({ classId: cls.id, studentId: ravi.id, rollNumber: 4 }),
    );
    expect(await rows()).toEqual([['Ravi', 4]]);
    await addStudents(deps, admin, cls.id, [sana.id]);
    expect((await rows())?.sort()).toEqual([
      ['Ravi', 4],
      ['Sana', undefined],
    ]);
    await setRollNumber(
      deps,
      admin,
      classesSetRollNumber.input.parse({ classId: cls.id, studentId: ravi.id, rollNumber: null }),
    );
    await removeStudent(deps, admin, cls.id, sana.id);
    expect(await rows()).toEqual([['Ravi', undefined]]);
  });

  it('a class removed is NOT_FOUND in the next timetable call', async () => {
    const spare = await createClass(deps, admin, { name: 'Class 7-C', grade: 7, section: 'C' });
    expect((await schedules(admin, { classId: spare.id })).items).toEqual([]);
    await models.Class.deleteOne({ _id: spare.id });
    await expect(schedules(admin, { classId: spare.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
