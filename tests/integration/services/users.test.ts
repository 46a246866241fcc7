import { beforeAll, describe, expect, it } from 'vitest';
import { usersGet, usersImport, usersList, usersUpdate, type ImportReport } from '../../../shared/contract';
import { CSV_IMPORT_LIMITS } from '../../../shared/domain';
import { AppError } from '../../../electron/core/errors/app-error';
import { login } from '../../../electron/core/services/auth';
import {
  addStudents,
  createClass,
  deleteClass,
  removeStudent,
  updateClass,
} from '../../../electron/core/services/classes';
import type { Actor } from '../../../electron/core/services/context';
import {
  createUser,
  deleteUser,
  getUser,
  importUsers,
  listUsers,
  parseCsv,
  updateUser,
  type ImportHooks,
  type UserRecord,
} from '../../../electron/core/services/users';
import {
  actorFor,
  authDeps,
  origin,
  errorCode as code,
  matching,
  newInstitution,
} from '../../support/services';
import { actorOf, admin, deps, models, other, useInstitutions } from '../../support/fixture';

useInstitutions();

// Asymmetric matchers are typed `any`; this names what it stands for.

let seq = 0;
async function person(role: 'teacher' | 'student', name = `${role} ${++seq}`, actor = admin) {
  return createUser(deps, actor, { role, username: `${name} u`, password: 'Secret123', name });
}
const list = (actor: Actor, input: Record<string, unknown> = {}) =>
  listUsers(deps, actor, usersList.input.parse(input));
const update = (input: Record<string, unknown>) => updateUser(deps, admin, usersUpdate.input.parse(input));
const runImport = (input: Record<string, unknown>, hooks?: ImportHooks) =>
  importUsers(deps, admin, usersImport.input.parse(input), hooks);

describe('users.list', () => {
  let teacher: UserRecord;
  let colleague: UserRecord;
  let ledStudents: UserRecord[];
  let taughtStudent: UserRecord;
  let strangerStudent: UserRecord;
  let classA: string;
  let classB: string;
  let classC: string;

  beforeAll(async () => {
    teacher = await person('teacher', 'Ravi Rao');
    colleague = await person('teacher', 'Meera Iyer');
    ledStudents = [await person('student', 'Anu Das'), await person('student', 'Bala K')];
    taughtStudent = await person('student', 'Chitra M');
    strangerStudent = await person('student', 'Dev P');
    // Class A: Ravi is its class teacher. Class B: Ravi teaches it in the timetable. Class C: not his.
    classA = (
      await createClass(deps, admin, { name: 'Class 6-A', grade: 6, section: 'A', teacherId: teacher.id })
    ).id;
    classB = (await createClass(deps, admin, { name: 'Class 6-B', grade: 6, section: 'B' })).id;
    classC = (
      await createClass(deps, admin, { name: 'Class 6-C', grade: 6, section: 'C', teacherId: colleague.id })
    ).id;
    await addStudents(
      deps,
      admin,
      classA,
      ledStudents.map((s) => s.id),
    );
    await addStudents(deps, admin, classB, [taughtStudent.id]);
    await addStudents(deps, admin, classC, [strangerStudent.id]);
    await models.Schedule.create({
      teacherId: teacher.id,
      classId: classB,
      subject: 'Maths',
      day: 'Monday',
      period: 1,
      timeSlot: '9:00-9:40',
    });
  });

  it('pages on the server for the admin, with the total', async () => {
    const all = await list(admin, { pageSize: 100 });
    expect(all.total).toBe(all.items.length);
    const p1 = await list(admin, { pageSize: 2, page: 1 });
    const p2 = await list(admin, { pageSize: 2, page: 2 });
    expect(p1).toMatchObject({ total: all.total, page: 1, pageSize: 2 });
    expect(p1.items).toHaveLength(2);
    expect(p2.items.map((u) => u.id)).toEqual(all.items.slice(2, 4).map((u) => u.id));
    // Sorted by name.
    const names = all.items.map((u) => u.name);
    expect([...names].sort()).toEqual(names);
    expect(() => usersList.output.parse(all)).not.toThrow();
    expect(JSON.stringify(all)).not.toMatch(/password|\$2[aby]\$|tokenVersion|usernameKey/);
  });

  it('filters by role, active state and a literal, case-insensitive search', async () => {
    const teachers = await list(admin, { role: 'teacher', pageSize: 100 });
    expect(teachers.items.every((u) => u.role === 'teacher')).toBe(true);
    expect(teachers.items.map((u) => u.id)).toEqual(expect.arrayContaining([teacher.id, colleague.id]));

    expect((await list(admin, { search: 'rAvI' })).items.map((u) => u.id)).toEqual([teacher.id]);
    // Matches the username too, and regex characters are literal.
    expect((await list(admin, { search: 'dev p u' })).items.map((u) => u.id)).toEqual([strangerStudent.id]);
    expect((await list(admin, { search: 'R.vi' })).total).toBe(0);
    expect((await list(admin, { search: '.*' })).total).toBe(0);

    const inactive = await person('student', 'Sleeping Sam');
    await update({ id: inactive.id, isActive: false });
    expect((await list(admin, { isActive: false })).items.map((u) => u.id)).toEqual([inactive.id]);
    expect((await list(admin, { isActive: true, pageSize: 100 })).items.map((u) => u.id)).not.toContain(
      inactive.id,
    );
  });

  it('filters by class for the admin: its students, class teacher and timetable teachers', async () => {
    const inA = await list(admin, { classId: classA });
    expect(inA.items.map((u) => u.id).sort()).toEqual([teacher.id, ...ledStudents.map((s) => s.id)].sort());
    const inB = await list(admin, { classId: classB, role: 'teacher' });
    expect(inB.items.map((u) => u.id)).toEqual([teacher.id]);
    const foreignClass = await createClass(deps, other, { name: 'Far', grade: 6, section: 'A' });
    await expect(list(admin, { classId: foreignClass.id })).rejects.toSatisfy(code('NOT_FOUND'));
  });

  it('shows a teacher only the students of the classes they lead or teach', async () => {
    const me = actorOf(teacher);
    const mine = await list(me, { pageSize: 100 });
    expect(mine.items.map((u) => u.id).sort()).toEqual(
      [...ledStudents.map((s) => s.id), taughtStudent.id].sort(),
    );
    expect(mine.total).toBe(3);
    expect((await list(me, { classId: classB })).items.map((u) => u.id)).toEqual([taughtStudent.id]);
    expect((await list(me, { search: 'anu' })).items.map((u) => u.id)).toEqual([ledStudents[0]!.id]);
    // Teachers are not theirs to list; another class is not found.
    expect(await list(me, { role: 'teacher' })).toMatchObject({ items: [], total: 0 });
    await expect(list(me, { classId: classC })).rejects.toSatisfy(code('NOT_FOUND'));
    // A teacher without classes sees nobody.
    const idle = await person('teacher', 'Idle teacher');
    expect((await list(actorOf(idle))).total).toBe(0);
  });

  it('is closed to students', async () => {
    await expect(list(actorOf(strangerStudent))).rejects.toSatisfy(code('FORBIDDEN'));
  });

  describe('users.get', () => {
    it('answers the admin for anyone, never with a password', async () => {
      const got = await getUser(deps, admin, teacher.id);
      expect(got).toEqual(teacher);
      expect(() => usersGet.output.parse(got)).not.toThrow();
      expect(JSON.stringify(got)).not.toMatch(/password|\$2[aby]\$/);
    });

    it('answers a teacher for themselves and their students only', async () => {
      const me = actorOf(teacher);
      expect((await getUser(deps, me, teacher.id)).id).toBe(teacher.id);
      expect((await getUser(deps, me, taughtStudent.id)).id).toBe(taughtStudent.id);
      await expect(getUser(deps, me, strangerStudent.id)).rejects.toSatisfy(code('NOT_FOUND'));
      await expect(getUser(deps, me, colleague.id)).rejects.toSatisfy(code('NOT_FOUND'));
    });

    it('answers a student only for themselves', async () => {
      const me = actorOf(ledStudents[0]!);
      expect((await getUser(deps, me, ledStudents[0]!.id)).id).toBe(ledStudents[0]!.id);
      await expect(getUser(deps, me, ledStudents[1]!.id)).rejects.toSatisfy(code('NOT_FOUND'));
      await expect(getUser(deps, me, teacher.id)).rejects.toSatisfy(code('NOT_FOUND'));
    });

    it("never reaches another institution's people", async () => {
      const foreign = await person('student', 'Foreigner', other);
      await expect(getUser(deps, admin, foreign.id)).rejects.toSatisfy(code('NOT_FOUND'));
    });
  });
});

describe('users.list beside a row (after / before)', () => {
  // An institution of its own, so its rows are known: four people share one name, told apart by id.
  let office: Actor;
  let lead: UserRecord;
  let classId: string;
  const cursor = (u: UserRecord) => ({ name: u.name, id: u.id });
  const ids = (page: { items: UserRecord[] }) => page.items.map((u) => u.id);

  beforeAll(async () => {
    ({ actor: office } = await newInstitution(deps));
    const add = (role: 'teacher' | 'student', name: string, username: string) =>
      createUser(deps, office, { role, username, password: 'Secret123', name });
    lead = await add('teacher', 'Same Name', 'same-t');
    const students = [];
    for (const [i, name] of ['Same Name', 'Same Name', 'Same Name', 'Anil', 'Zoya', 'Mira', 'Bo'].entries()) {
      students.push(await add('student', name, `pupil-${i}`));
    }
    await add('teacher', 'Uma', 'uma-t');
    classId = (
      await createClass(deps, office, { name: 'Class 7-A', grade: 7, section: 'A', teacherId: lead.id })
    ).id;
    await addStudents(
      deps,
      office,
      classId,
      students.slice(0, 5).map((s) => s.id),
    );
  });

  /** Every page of `input` read by offset, then by walking forwards and backwards from row to row. */
  async function walk(actor: Actor, input: Record<string, unknown>) {
    const pageSize = 2;
    const all = await list(actor, { ...input, pageSize: 100 });
    const pages = Math.ceil(all.total / pageSize);
    const byOffset = [];
    for (let page = 1; page <= pages; page += 1)
      byOffset.push(await list(actor, { ...input, page, pageSize }));
    const forwards = [byOffset[0]!];
    for (let page = 2; page <= pages; page += 1) {
      const shown = forwards.at(-1)!;
      forwards.push(await list(actor, { ...input, page, pageSize, after: cursor(shown.items.at(-1)!) }));
    }
    const backwards = [byOffset.at(-1)!];
    for (let page = pages - 1; page >= 1; page -= 1) {
      const shown = backwards[0]!;
      backwards.unshift(await list(actor, { ...input, page, pageSize, before: cursor(shown.items[0]!) }));
    }
    return { all, byOffset, forwards, backwards };
  }

  it('reads the same pages as the offset, forwards and backwards, through equal names', async () => {
    const { all, byOffset, forwards, backwards } = await walk(office, {});
    expect(all.total).toBe(9);
    expect(all.items.filter((u) => u.name === 'Same Name')).toHaveLength(4);
    expect(ids(all)).toEqual(byOffset.flatMap(ids));
    expect(forwards).toEqual(byOffset);
    expect(backwards).toEqual(byOffset);
    // The class of each student comes along as on an offset page.
    expect(forwards.flatMap((p) => p.items).filter((u) => u.className === 'Class 7-A')).toHaveLength(5);
  });

  it('keeps every filter: role, search, class, active state, and a teacher’s own students', async () => {
    for (const input of [
      { role: 'student' },
      { role: 'teacher' },
      { search: 'same' },
      { search: 'pupil', role: 'student' },
      { classId },
      { isActive: true },
    ]) {
      const { all, byOffset, forwards, backwards } = await walk(office, input);
      expect(all.total).toBeGreaterThan(0);
      expect(forwards, JSON.stringify(input)).toEqual(byOffset);
      expect(backwards, JSON.stringify(input)).toEqual(byOffset);
    }
    const mine = await walk(actorFor(lead, office.databaseName), {});
    expect(mine.all.total).toBe(5);
    expect(mine.forwards).toEqual(mine.byOffset);
    expect(mine.backwards).toEqual(mine.byOffset);
  });

  it('takes a row of another filter only as a place in the order', async () => {
    const everyone = await list(office, { pageSize: 100 });
    const teacherRow = everyone.items.find((u) => u.role === 'teacher' && u.name === 'Same Name')!;
    const students = await list(office, { role: 'student', pageSize: 100 });
    const past = (u: UserRecord) =>
      u.name > teacherRow.name || (u.name === teacherRow.name && u.id > teacherRow.id);
    const after = await list(office, { role: 'student', pageSize: 100, after: cursor(teacherRow) });
    expect(ids(after)).toEqual(ids({ items: students.items.filter(past) }));
    expect(after.total).toBe(students.total);
    // A row of nobody (a name no one has, an unknown id) is a place all the same.
    const nowhere = { name: 'N', id: '0'.repeat(24) };
    expect(ids(await list(office, { pageSize: 100, after: nowhere }))).toEqual(
      ids({ items: everyone.items.filter((u) => u.name > 'N') }),
    );
    // A teacher walking from the admin's rows still sees only their own students.
    const fromLead = await list(actorFor(lead, office.databaseName), { pageSize: 100, after: nowhere });
    expect(fromLead.items.every((u) => u.role === 'student' && u.className === 'Class 7-A')).toBe(true);
    // And another institution's people are never reached from a row of theirs.
    expect(ids(await list(admin, { pageSize: 100, after: cursor(teacherRow) }))).not.toContain(teacherRow.id);
  });

  it('shows each student’s class as it is now: renamed, moved, left, deleted', async () => {
    const classOf = async (name: string) =>
      (await list(office, { role: 'student', pageSize: 100 })).items.find((u) => u.name === name)?.className;
    expect(await classOf('Anil')).toBe('Class 7-A');
    await updateClass(deps, office, { id: classId, name: 'Class 7-A (Lab)' });
    expect(await classOf('Anil')).toBe('Class 7-A (Lab)');
    const anil = (await list(office, { search: 'Anil' })).items[0]!;
    await removeStudent(deps, office, classId, anil.id);
    expect(await classOf('Anil')).toBeUndefined();
    const other = await createClass(deps, office, { name: 'Class 7-B', grade: 7, section: 'B' });
    await addStudents(deps, office, other.id, [anil.id]);
    expect(await classOf('Anil')).toBe('Class 7-B');
    await deleteClass(deps, office, other.id);
    expect(await classOf('Anil')).toBeUndefined();
    // And back where the walks above found them, for any test that runs after.
    await addStudents(deps, office, classId, [anil.id]);
    await updateClass(deps, office, { id: classId, name: 'Class 7-A' });
    expect(await classOf('Anil')).toBe('Class 7-A');
  });

  it('refuses a malformed row with a clear validation error', () => {
    const id = '0'.repeat(24);
    const refused = (input: Record<string, unknown>) => {
      const parsed = usersList.input.safeParse(input);
      expect(parsed.success, JSON.stringify(input)).toBe(false);
      return parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    };
    expect(refused({ after: { name: '', id } })).toEqual(['after.name: must not be empty']);
    expect(refused({ after: { name: 'x'.repeat(121), id } })).toEqual([
      'after.name: At most 120 characters.',
    ]);
    expect(refused({ before: { name: 'A', id: 'nope' } })).toEqual(['before.id: must be an id']);
    expect(refused({ after: { name: 'A' } })[0]).toMatch(/^after\.id: /);
    expect(refused({ after: { name: 'A', id, skip: 5 } })[0]).toMatch(/^after: /);
    expect(refused({ after: { name: 'A', id }, before: { name: 'B', id } })).toEqual([
      'before: A page is read after one row or before another, not both.',
    ]);
  });
});

describe('users.update', () => {
  it('changes fields, clears with null and keeps what is absent', async () => {
    const u = await createUser(deps, admin, {
      role: 'student',
      username: 'Kiran',
      password: 'Secret123',
      name: 'Kiran',
      email: 'kiran@school.org',
      phone: '12345',
      dateOfBirth: new Date('2012-05-01T00:00:00Z'),
    });
    const changed = await update({
      id: u.id,
      name: 'Kiran Kumar',
      email: null,
      address: '12 Lake Road',
      dateOfBirth: null,
    });
    expect(changed).toMatchObject({ name: 'Kiran Kumar', phone: '12345', address: '12 Lake Road' });
    expect(changed.email).toBeUndefined();
    expect(changed.dateOfBirth).toBeUndefined();
    expect(changed.updatedAt.getTime()).toBeGreaterThanOrEqual(u.updatedAt.getTime());
    expect(() => usersUpdate.output.parse(changed)).not.toThrow();
    const stored = await models.User.findById(u.id).lean();
    expect(stored).not.toHaveProperty('email');
    expect(stored?.tokenVersion).toBe(0);
  });

  it('keeps usernames unique case-insensitively, and lets a person change their own case', async () => {
    const a = await person('student', 'Uma');
    const b = await person('student', 'Vani');
    await expect(update({ id: b.id, username: a.username.toUpperCase() })).rejects.toSatisfy(
      code('CONFLICT'),
    );
    expect((await update({ id: a.id, username: a.username.toUpperCase() })).username).toBe(
      a.username.toUpperCase(),
    );
  });

  it('treats look-alike usernames as the same name, and refuses invisible characters (issue 13 §6)', async () => {
    const make = (username: string) =>
      createUser(deps, admin, { role: 'student', username, password: 'Secret123', name: 'Look Alike' });
    await make('tone1');
    // Full-width letters and digits look the same and fold to the same key (NFKC): a conflict, not a new account.
    await expect(make('ｔｏｎｅ１')).rejects.toSatisfy(code('CONFLICT'));
    // Straight from the service (the contract refuses it earlier too): a zero-width space hides nothing here.
    await expect(make('tone1\u200b')).rejects.toSatisfy(code('VALIDATION'));
    await expect(make('to\u202ene1')).rejects.toSatisfy(code('VALIDATION'));
  });

  it('an account whose key was made before keys were NFKC still signs in by its old key', async () => {
    const legacy = await person('student', 'Legacy');
    // As an older version stored it: NFC and lower case only.
    await models.User.updateOne(
      { _id: legacy.id },
      { $set: { username: 'ｌｅｇａｃｙ', usernameKey: 'ｌｅｇａｃｙ' } },
    );
    const signedIn = await login(
      authDeps(deps),
      { institution: admin.username, username: 'ｌｅｇａｃｙ', password: 'Secret123' },
      origin,
    );
    expect(signedIn.user.id).toBe(legacy.id);
  });

  it('deactivation and a password reset end the sessions (token version) and are logged without the password', async () => {
    const u = await person('teacher', 'Leaving Lata');
    const off = await update({ id: u.id, isActive: false });
    expect(off.isActive).toBe(false);
    expect((await models.User.findById(u.id).lean())?.tokenVersion).toBe(1);

    await update({ id: u.id, password: 'NewSecret456' });
    const stored = await models.User.findById(u.id).select('+password').lean();
    expect(stored?.tokenVersion).toBe(2);
    expect(await deps.passwords.verify('NewSecret456', stored!.password)).toBe(true);
    expect(await deps.passwords.verify('Secret123', stored!.password)).toBe(false);

    const back = await update({ id: u.id, isActive: true });
    expect(back.isActive).toBe(true);
    expect((await models.User.findById(u.id).lean())?.tokenVersion).toBe(2);

    const logs = await models.ActivityLog.find({ targetId: u.id, action: 'UPDATE' }).lean();
    expect(logs).toHaveLength(3);
    expect(JSON.stringify(logs)).not.toMatch(/NewSecret456|\$2[aby]\$/);
    expect(logs.some((l) => (l.details as { passwordReset?: boolean }).passwordReset)).toBe(true);
  });

  it('is NOT_FOUND for someone missing or in another institution, and admin-only', async () => {
    const foreign = await person('student', 'Abroad', other);
    await expect(update({ id: foreign.id, name: 'X' })).rejects.toSatisfy(code('NOT_FOUND'));
    const t = await person('teacher');
    await expect(
      updateUser(deps, actorOf(t), usersUpdate.input.parse({ id: t.id, name: 'Me' })),
    ).rejects.toSatisfy(code('FORBIDDEN'));
  });
});

describe('users.delete', () => {
  it('deletes and logs; a second delete is NOT_FOUND', async () => {
    const u = await person('student', 'Gone');
    await deleteUser(deps, admin, u.id);
    expect(await models.User.findById(u.id)).toBeNull();
    expect(await models.ActivityLog.exists({ targetId: u.id, action: 'DELETE' })).not.toBeNull();
    await expect(deleteUser(deps, admin, u.id)).rejects.toSatisfy(code('NOT_FOUND'));
  });
});

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, commas and line breaks inside quotes, CRLF/LF/CR', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\n1,,3\r4,5,6';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['x, y', 'say "hi"', 'two\r\nlines'] },
      { line: 4, cells: ['1', '', '3'] },
      { line: 5, cells: ['4', '5', '6'] },
    ]);
    expect(parseCsv('a,b\n"",x\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['', 'x'] },
    ]);
  });

  it('refuses broken quoting with the line', () => {
    expect(() => parseCsv('a\n"open')).toThrow(/Line 2/);
    expect(() => parseCsv('a\n"x"y')).toThrow(/Line 2.*closing quote/);
  });
});

describe('users.import', () => {
  const header = 'username,password,name,email,phone,address,dateOfBirth,joiningDate';
  const row = (i: number, tag: string) =>
    `${tag} ${i},Secret${i}x,"${tag}, number ${i}",${tag.toLowerCase()}${i}@school.org,+91 98450 ${String(i).padStart(5, '0')},"${i} Main Road\nBengaluru",2010-01-15,`;

  it('imports 300 students in one go, hashing on the worker pool', async () => {
    const csv = [header, ...Array.from({ length: 300 }, (_, i) => row(i + 1, 'Pupil'))].join('\r\n');
    const report = await runImport({ role: 'student', csv });
    expect(() => usersImport.output.parse(report)).not.toThrow();
    expect(report).toMatchObject({ imported: true, created: 300 });
    expect(report.rows.every((r) => r.status === 'created' && r.id)).toBe(true);
    expect(report.rows[0]).toMatchObject({ line: 2, username: 'Pupil 1' });
    // Line numbers count the line breaks inside quoted addresses.
    expect(report.rows[1]?.line).toBe(4);

    const stored = await models.User.find({ usernameKey: /^pupil / })
      .select('+password')
      .lean();
    expect(stored).toHaveLength(300);
    const first = stored.find((u) => u.username === 'Pupil 1')!;
    expect(first).toMatchObject({
      role: 'student',
      name: 'Pupil, number 1',
      email: 'pupil1@school.org',
      address: '1 Main Road\nBengaluru',
      dateOfBirth: new Date('2010-01-15T00:00:00Z'),
    });
    expect(first).not.toHaveProperty('joiningDate');
    expect(await deps.passwords.verify('Secret1x', first.password)).toBe(true);
    expect(new Set(stored.map((u) => u.password)).size).toBe(300);
    const log = await models.ActivityLog.findOne({ action: 'CREATE', 'details.import': true }).lean();
    expect(log?.details).toMatchObject({ count: 300, role: 'student' });
    expect(JSON.stringify(log)).not.toMatch(/Secret1x/);
  });

  it('imports nothing when one row is bad, and names the row and the field', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => row(i + 1, 'Batch'));
    rows[11] = 'Batch 12,short,"Batch, 12",not-an-email,,,,';
    const report = await runImport({ role: 'teacher', csv: [header, ...rows].join('\n') });
    expect(report).toMatchObject({ imported: false, created: 0 });
    const bad = report.rows.filter((r) => r.status === 'invalid');
    expect(bad).toHaveLength(1);
    // Rows 1–11 span two lines each (their addresses), so row 12 starts on line 24.
    expect(bad[0]).toMatchObject({ line: 24, username: 'Batch 12' });
    expect(Object.keys(bad[0]!.errors!).sort()).toEqual(['email', 'password']);
    expect(JSON.stringify(report)).not.toMatch(/short/);
    expect(report.rows.filter((r) => r.status === 'valid')).toHaveLength(19);
    expect(await models.User.countDocuments({ usernameKey: /^batch / })).toBe(0);
  });

  it('checks usernames against the file and the institution, case-insensitively', async () => {
    await person('teacher', 'Existing');
    const csv = [
      'Username, Password ,Full_Name'.replace('Full_Name', 'name'),
      'New One,Secret123,N',
      'existing U,Secret123,E',
      'NEW ONE,Secret123,N2',
      'Blank name,Secret123,',
    ].join('\n');
    const report = await runImport({ role: 'teacher', csv });
    expect(report.imported).toBe(false);
    expect(report.rows).toEqual([
      { line: 2, username: 'New One', status: 'valid' },
      { line: 3, username: 'existing U', status: 'invalid', errors: { username: 'This username is taken.' } },
      {
        line: 4,
        username: 'NEW ONE',
        status: 'invalid',
        errors: { username: 'The same username is on line 2.' },
      },
      { line: 5, username: 'Blank name', status: 'invalid', errors: { name: 'Required.' } },
    ]);
    expect(await models.User.exists({ usernameKey: 'new one' })).toBeNull();
  });

  it('reports a row with more cells than the header', async () => {
    const report = await runImport({ role: 'student', csv: 'username,password,name\nA,Secret123,A,extra\n' });
    expect(report.rows[0]).toMatchObject({
      status: 'invalid',
      errors: { _: matching(/4 cells/) },
    });
  });

  it('a dry run checks every row and creates nothing', async () => {
    const report = await runImport({
      role: 'student',
      csv: 'username,password,name,Date of birth\nDry 1,Secret123,D,2011-02-03\nDry 2,Secret123,E,\n',
      dryRun: true,
    });
    expect(report).toEqual({
      imported: false,
      created: 0,
      rows: [
        { line: 2, username: 'Dry 1', status: 'valid' },
        { line: 3, username: 'Dry 2', status: 'valid' },
      ],
    });
    expect(await models.User.exists({ usernameKey: 'dry 1' })).toBeNull();
  });

  it('refuses a file it cannot map: unknown, repeated or missing columns, no rows, too many rows', async () => {
    const refused = async (csv: string, pattern: RegExp) => {
      const err = await runImport({ role: 'student', csv }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'VALIDATION', fields: { csv: matching(pattern) } });
    };
    await refused('username,password,name,e-mail address\nA,Secret123,A,a@b.org', /e-mail address/);
    await refused('username,password,name,Name\nA,Secret123,A,B', /twice/);
    await refused('username,name\nA,A', /password/);
    await refused('username,password,name\n\n', /No rows/);
    await refused('\n\n', /empty/);
    await refused('username,password,name\nA,"Secret123,A', /never closed/);
    const tooMany = ['username,password,name'];
    for (let i = 0; i <= CSV_IMPORT_LIMITS.maxRows; i += 1) tooMany.push(`M${i},Secret123,M`);
    await refused(tooMany.join('\n'), /at most 2000 rows/);
  });

  it('undoes a write that fails part-way (a username taken meanwhile): nothing is kept', async () => {
    const csv = [header, ...Array.from({ length: 40 }, (_, i) => row(i + 1, 'Racer'))].join('\n');
    const report: ImportReport = await runImport(
      { role: 'student', csv },
      {
        // Someone creates "Racer 25" between the checks and the write.
        beforeInsert: async () => {
          await createUser(deps, admin, {
            role: 'teacher',
            username: 'RACER 25',
            password: 'Secret123',
            name: 'R',
          });
        },
      },
    );
    expect(report).toMatchObject({ imported: false, created: 0 });
    expect(report.rows.filter((r) => r.status === 'invalid')).toEqual([
      { line: 50, username: 'Racer 25', status: 'invalid', errors: { username: 'This username is taken.' } },
    ]);
    expect(await models.User.countDocuments({ usernameKey: /^racer / })).toBe(1);
  });

  it('is admin-only', async () => {
    const t = await person('teacher');
    await expect(
      importUsers(
        deps,
        actorOf(t),
        usersImport.input.parse({ role: 'student', csv: 'username,password,name\n' }),
      ),
    ).rejects.toSatisfy(code('FORBIDDEN'));
  });
});
