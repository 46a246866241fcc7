/**
 * The institution report with its class list and assignment figures kept in the process
 * (services/institution-report-base.ts, as the station on its embedded engine runs): the same report as read
 * afresh, a change shows from the next call, time passing moves work from pending to overdue, and a kept call
 * reads neither the classes nor the figures. (Every kind of assignment and enrolment write is compared after
 * each write in analytics-figures.test.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { institutionAnalytics } from '../../../electron/core/services/analytics';
import { createAssignment, submitAssignment } from '../../../electron/core/services/assignments';
import { addStudents, createClass, updateClass } from '../../../electron/core/services/classes';
import type { Actor, ServiceDeps } from '../../../electron/core/services/context';
import { uploadFile } from '../../../electron/core/services/files';
import { createInstitutionReports } from '../../../electron/core/services/institution-report-base';
import { admin, deps, personActor, useInstitutions } from '../../support/fixture';
import { commandsDuring as sentDuring } from '../../support/commands';

useInstitutions();

const DAY = 24 * 3600 * 1000;
let kept: ServiceDeps;
let teacher: Actor;
let students: Actor[];
let classId: string;

/** The kept report at `now`, which must equal the report read afresh at `now`. */
async function report(now = new Date()) {
  const read = await institutionAnalytics(deps, admin, {}, now);
  const fromKept = await institutionAnalytics(kept, admin, {}, now);
  expect(fromKept).toEqual(read);
  return fromKept;
}

/** The commands the tenant database is sent while `work` runs, as `find classes`, sorted. */
async function commandsDuring(work: () => Promise<unknown>): Promise<string[]> {
  return (await sentDuring(deps.db.master.getClient(), work, admin.databaseName)).sort();
}

beforeAll(async () => {
  kept = { ...deps, institutionReports: createInstitutionReports() };
  teacher = await personActor('teacher', 'Kept Kavya');
  students = [await personActor('student', 'Kept Arun'), await personActor('student', 'Kept Bela')];
  classId = (
    await createClass(deps, admin, { name: 'K-A', grade: 4, section: 'K', teacherId: teacher.userId })
  ).id;
  await addStudents(deps, admin, classId, [students[0]!.userId]);
});

describe('the kept institution report', () => {
  it('shows a new class, a renamed one and a new student from the next call', async () => {
    const before = await report();
    const perClass = (r: typeof before) => r.perClass.map((c) => [c.name, c.grade, c.students]);
    expect(perClass(before)).toEqual([['K-A', 4, 1]]);

    await addStudents(deps, admin, classId, [students[1]!.userId]);
    expect(perClass(await report())).toEqual([['K-A', 4, 2]]);
    await updateClass(deps, admin, { id: classId, name: 'K-A renamed', grade: 5 });
    expect(perClass(await report())).toEqual([['K-A renamed', 5, 2]]);
    const other = await createClass(deps, admin, { name: 'K-B', grade: 3, section: 'K' });
    const after = await report();
    expect(perClass(after)).toEqual([
      ['K-B', 3, 0],
      ['K-A renamed', 5, 2],
    ]);
    expect(after.totals.classes).toBe(2);
    expect(other.id).toBeTruthy();
  });

  it('shows a hand-in from the next call, and work moves from pending to overdue when due', async () => {
    const now = Date.now();
    const a = await createAssignment(deps, teacher, {
      title: 'Kept work',
      classIds: [classId],
      dueDate: new Date(now + 2 * DAY),
    });
    const open = await report(new Date(now));
    expect(open.totals.assignments).toBe(1);
    const file = await uploadFile(deps, students[0]!, {
      name: 'work.pdf',
      mimeType: 'application/pdf',
      data: Buffer.from('%PDF-1.7\nkept'),
      purpose: 'submission',
    });
    await submitAssignment(deps, students[0]!, { assignmentId: a.id, files: [file.id] });
    const handedIn = await report(new Date(now + 1000));
    expect(handedIn.completionRate).not.toEqual(open.completionRate);

    // Three days on, the work is due: the other student's row counts as overdue, from what was kept.
    const later = await report(new Date(now + 3 * DAY));
    expect(later.completionRate).toBe(0.5);
    // And a report for an earlier moment than what was kept reads afresh (and agrees).
    await report(new Date(now - DAY));
  });

  it('reads neither the classes nor the figures while nothing changed', async () => {
    await institutionAnalytics(kept, admin, {});
    const commands = await commandsDuring(() => institutionAnalytics(kept, admin, {}));
    expect(commands.filter((c) => /classes|assignmentfigures/.test(c))).toEqual([]);
    const read = await commandsDuring(() => institutionAnalytics(deps, admin, {}));
    expect(read).toEqual(expect.arrayContaining(['find assignmentfigures', 'find classes']));
  });
});
