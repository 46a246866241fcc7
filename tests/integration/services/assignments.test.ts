/**
 * Assignments against the real engine: the whole teacher/student flow, concurrent hand-ins, and every access
 * rule of the contract (someone else's assignment or submission, another institution's ids → NOT_FOUND).
 */
import { randomBytes } from 'node:crypto';
import { commandsDuring } from '../../support/commands';
import { beforeAll, describe, expect, it } from 'vitest';
import * as channels from '../../../shared/contract/assignments';
import { AppError } from '../../../electron/core/errors/app-error';
import * as assignments from '../../../electron/core/services/assignments';
import { addStudents, createClass, removeStudent } from '../../../electron/core/services/classes';
import type { Actor } from '../../../electron/core/services/context';
import { getFile, uploadFile } from '../../../electron/core/services/files';
import { createUser } from '../../../electron/core/services/users';
import { origin, errorCode as code } from '../../support/services';
import { admin, deps, models, other as otherAdmin, useInstitutions } from '../../support/fixture';

useInstitutions();

/** Teachers, students and classes of the main institution, by name. */
const people: Record<string, Actor> = {};
const classes: Record<string, string> = {};

const field = (expected: string, name: string) => (err: unknown) =>
  err instanceof AppError && err.code === expected && err.fields?.[name] !== undefined;

const DAY = 24 * 3600 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);
const pdf = (size = 200) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size)]);

async function person(owner: Actor, role: 'teacher' | 'student', name: string): Promise<Actor> {
  const u = await createUser(deps, owner, { role, username: name, password: 'Secret123', name });
  const actor: Actor = {
    userId: u.id,
    username: u.username,
    role,
    databaseName: owner.databaseName,
    ...origin,
  };
  if (owner === admin) people[name] = actor;
  return actor;
}

function p(name: string): Actor {
  const actor = people[name];
  if (!actor) throw new Error(`no person ${name}`);
  return actor;
}

function c(name: string): string {
  const id = classes[name];
  if (!id) throw new Error(`no class ${name}`);
  return id;
}

async function upload(
  actor: Actor,
  purpose: 'attachment' | 'submission',
  name = 'work.pdf',
): Promise<string> {
  const ref = await uploadFile(deps, actor, { name, mimeType: 'application/pdf', data: pdf(), purpose });
  return ref.id;
}

const list = (actor: Actor, input: Partial<Parameters<typeof assignments.listAssignments>[2]> = {}) =>
  assignments.listAssignments(deps, actor, channels.assignmentsList.input.parse(input));

beforeAll(async () => {
  for (const t of ['Tara', 'Tomas', 'Tess']) await person(admin, 'teacher', t);
  for (const s of ['Asha', 'Bina', 'Chen', 'Dara', 'Eli']) await person(admin, 'student', s);

  // 7-A: Tara is class teacher. 7-B: led by Tomas, but Tara teaches it in the timetable. 8-C: Tomas only.
  classes['7-A'] = (
    await createClass(deps, admin, { name: '7-A', grade: 7, section: 'A', teacherId: p('Tara').userId })
  ).id;
  classes['7-B'] = (
    await createClass(deps, admin, { name: '7-B', grade: 7, section: 'B', teacherId: p('Tomas').userId })
  ).id;
  classes['8-C'] = (
    await createClass(deps, admin, { name: '8-C', grade: 8, section: 'C', teacherId: p('Tomas').userId })
  ).id;
  await models.Schedule.create({
    teacherId: p('Tara').userId,
    classId: c('7-B'),
    subject: 'Science',
    day: 'Monday',
    period: 1,
    timeSlot: '9:00-9:45',
  });
  await addStudents(deps, admin, c('7-A'), [p('Asha').userId, p('Bina').userId]);
  await addStudents(deps, admin, c('7-B'), [p('Chen').userId]);
  await addStudents(deps, admin, c('8-C'), [p('Dara').userId]);
  // Eli is enrolled nowhere.
});
describe('the whole flow', () => {
  it('create → submit → reject → resubmit → accept → grade, with overdue for who did nothing', async () => {
    const tara = p('Tara');
    const asha = p('Asha');
    const attachment = await upload(tara, 'attachment', 'worksheet.pdf');
    const created = await assignments.createAssignment(deps, tara, {
      title: 'Fractions',
      description: 'Exercises 1–10',
      classIds: [c('7-A'), c('7-B')],
      dueDate: inDays(3),
      attachments: [attachment],
    });
    expect(created).toMatchObject({
      title: 'Fractions',
      teacherId: tara.userId,
      teacherName: 'Tara',
      classIds: [c('7-A'), c('7-B')],
      attachments: [{ id: attachment, name: 'worksheet.pdf', mimeType: 'application/pdf' }],
      counts: { students: 3, pending: 3, submitted: 0, graded: 0, overdue: 0 },
    });
    expect(created.submissions?.map((s) => s.studentName).sort()).toEqual(['Asha', 'Bina', 'Chen']);

    // The students of both classes see it, with the attachment; Dara (8-C) does not.
    const seen = await assignments.getAssignment(deps, p('Chen'), { id: created.id });
    expect(seen.submissions).toEqual([
      { studentId: p('Chen').userId, studentName: 'Chen', status: 'pending', files: [] },
    ]);
    expect((await getFile(deps, p('Chen'), { id: attachment })).name).toBe('worksheet.pdf');
    await expect(assignments.getAssignment(deps, p('Dara'), { id: created.id })).rejects.toSatisfy(
      code('NOT_FOUND'),
    );

    // Asha hands in; while it waits for review she cannot hand in again.
    const first = await upload(asha, 'submission', 'answers.pdf');
    const submitted = await assignments.submitAssignment(deps, asha, {
      assignmentId: created.id,
      files: [first],
      note: 'Done',
    });
    expect(submitted.submission).toMatchObject({
      studentId: asha.userId,
      status: 'submitted',
      files: [{ id: first, name: 'answers.pdf' }],
      note: 'Done',
    });
    expect(submitted.submission.outcome).toBeUndefined();
    await expect(
      assignments.submitAssignment(deps, asha, { assignmentId: created.id, files: [first] }),
    ).rejects.toSatisfy(code('CONFLICT'));

    // Rejected: back with Asha, with feedback; it cannot be graded until she hands it in again.
    const rejected = await assignments.reviewSubmission(deps, tara, {
      assignmentId: created.id,
      studentId: asha.userId,
      decision: 'reject',
      feedback: 'Show your working.',
    });
    expect(rejected.submission).toMatchObject({
      status: 'pending',
      outcome: 'rejected',
      feedback: 'Show your working.',
    });
    await expect(
      assignments.gradeSubmission(deps, tara, {
        assignmentId: created.id,
        studentId: asha.userId,
        grade: 50,
      }),
    ).rejects.toSatisfy(code('CONFLICT'));
    await expect(
      assignments.reviewSubmission(deps, tara, {
        assignmentId: created.id,
        studentId: asha.userId,
        decision: 'accept',
      }),
    ).rejects.toSatisfy(code('CONFLICT'));

    // Resubmitted with a new file: the replaced file is deleted, the outcome and feedback start afresh.
    const second = await upload(asha, 'submission', 'answers-v2.pdf');
    const again = await assignments.submitAssignment(deps, asha, {
      assignmentId: created.id,
      files: [second],
    });
    expect(again.submission).toMatchObject({ status: 'submitted', files: [{ id: second }] });
    expect(again.submission.outcome).toBeUndefined();
    expect(again.submission.feedback).toBeUndefined();
    await expect(getFile(deps, asha, { id: first })).rejects.toSatisfy(code('NOT_FOUND'));

    // Accepted, then graded.
    const accepted = await assignments.reviewSubmission(deps, tara, {
      assignmentId: created.id,
      studentId: asha.userId,
      decision: 'accept',
    });
    expect(accepted.submission).toMatchObject({ status: 'submitted', outcome: 'accepted' });
    const graded = await assignments.gradeSubmission(deps, tara, {
      assignmentId: created.id,
      studentId: asha.userId,
      grade: 88,
      feedback: 'Well done.',
    });
    expect(graded.submission).toMatchObject({
      status: 'graded',
      outcome: 'accepted',
      grade: 88,
      feedback: 'Well done.',
    });
    await expect(
      assignments.submitAssignment(deps, asha, { assignmentId: created.id, files: [second] }),
    ).rejects.toSatisfy(code('CONFLICT'));

    // The due date passes: Bina and Chen, who handed in nothing, are overdue.
    await models.Assignment.updateOne({ _id: created.id }, { $set: { dueDate: inDays(-1) } });

    // Asha sees her own row only: grade and feedback.
    const mine = await assignments.getAssignment(deps, asha, { id: created.id });
    expect(mine.submissions).toHaveLength(1);
    expect(mine.submissions?.[0]).toMatchObject({
      studentId: asha.userId,
      status: 'graded',
      grade: 88,
      feedback: 'Well done.',
    });
    expect(mine.counts).toBeUndefined();
    expect(
      (await assignments.getAssignment(deps, p('Bina'), { id: created.id })).submissions?.[0]?.status,
    ).toBe('overdue');

    const teacherView = await assignments.getAssignment(deps, tara, { id: created.id });
    expect(teacherView.counts).toEqual({ students: 3, pending: 0, submitted: 0, graded: 1, overdue: 2 });
    expect(Object.fromEntries(teacherView.submissions?.map((s) => [s.studentName, s.status]) ?? [])).toEqual({
      Asha: 'graded',
      Bina: 'overdue',
      Chen: 'overdue',
    });

    // Lists filter on the student's own row, or on any row for the teacher.
    expect((await list(asha, { status: 'graded' })).items.map((a) => a.id)).toContain(created.id);
    expect((await list(asha, { status: 'overdue' })).items.map((a) => a.id)).not.toContain(created.id);
    const binaOverdue = await list(p('Bina'), { status: 'overdue' });
    expect(binaOverdue.items.map((a) => a.id)).toContain(created.id);
    expect(binaOverdue.items[0]?.submissions).toHaveLength(1);
    expect((await list(tara, { status: 'overdue' })).items.map((a) => a.id)).toContain(created.id);
    expect((await list(tara, { status: 'pending' })).items.map((a) => a.id)).not.toContain(created.id);

    // A first hand-in after the due date is taken, and shows it.
    const late = await assignments.submitAssignment(deps, p('Chen'), {
      assignmentId: created.id,
      files: [await upload(p('Chen'), 'submission')],
    });
    expect(late.submission.status).toBe('submitted');
    expect(late.submission.submittedAt?.getTime()).toBeGreaterThan(Date.now() - DAY);

    // Every answer is what the contract's (strict) output schemas accept.
    channels.assignmentsCreate.output.parse(created);
    channels.assignmentsGet.output.parse(teacherView);
    channels.assignmentsGet.output.parse(mine);
    channels.assignmentsList.output.parse(binaOverdue);
    channels.assignmentsList.output.parse(await list(tara));
    channels.assignmentsList.output.parse(await list(admin));
    channels.assignmentsSubmit.output.parse(submitted);
    channels.assignmentsSubmit.output.parse(late);
    channels.assignmentsReview.output.parse(rejected);
    channels.assignmentsGrade.output.parse(graded);

    // Every step is in the institution's log.
    const log = await models.ActivityLog.find({ targetId: created.id }).lean();
    expect(log.map((e) => e.action).sort()).toEqual(
      ['CREATE', 'GRADE', 'REVIEW', 'REVIEW', 'SUBMIT', 'SUBMIT', 'SUBMIT'].sort(),
    );
    // A review or a grade says whose work it was about (issue 19: "graded Fractions worksheet" twice said nobody).
    const judged = log.filter((e) => e.action === 'GRADE' || e.action === 'REVIEW');
    for (const entry of judged) expect(entry.targetName).toMatch(/ — \S/);
  });

  it('reassign sends work back for another try, like reject', async () => {
    const tara = p('Tara');
    const a = await assignments.createAssignment(deps, tara, {
      title: 'Poem',
      classIds: [c('7-A')],
      dueDate: inDays(2),
    });
    const bina = p('Bina');
    await assignments.submitAssignment(deps, bina, {
      assignmentId: a.id,
      files: [await upload(bina, 'submission')],
    });
    const graded = await assignments.gradeSubmission(deps, tara, {
      assignmentId: a.id,
      studentId: bina.userId,
      grade: 40,
    });
    expect(graded.submission).toMatchObject({ status: 'graded', outcome: 'accepted', grade: 40 });
    const back = await assignments.reviewSubmission(deps, tara, {
      assignmentId: a.id,
      studentId: bina.userId,
      decision: 'reassign',
      feedback: 'Try a sonnet.',
    });
    expect(back.submission).toMatchObject({
      status: 'pending',
      outcome: 'reassigned',
      feedback: 'Try a sonnet.',
    });
    expect(back.submission.grade).toBeUndefined();
    const resubmitted = await assignments.submitAssignment(deps, bina, {
      assignmentId: a.id,
      files: [await upload(bina, 'submission')],
    });
    expect(resubmitted.submission.status).toBe('submitted');
  });
});

describe('concurrency', () => {
  it('ten students handing in at once all land', async () => {
    const tess = p('Tess');
    const classId = (
      await createClass(deps, admin, { name: '9-D', grade: 9, section: 'D', teacherId: tess.userId })
    ).id;
    const students: Actor[] = [];
    for (let i = 0; i < 10; i += 1) students.push(await person(admin, 'student', `Crowd ${i}`));
    await addStudents(
      deps,
      admin,
      classId,
      students.map((s) => s.userId),
    );
    const a = await assignments.createAssignment(deps, tess, {
      title: 'Rush',
      classIds: [classId],
      dueDate: inDays(1),
    });
    const files = await Promise.all(students.map((s) => upload(s, 'submission')));
    const results = await Promise.all(
      students.map((s, i) =>
        assignments.submitAssignment(deps, s, { assignmentId: a.id, files: [files[i] ?? ''] }),
      ),
    );
    expect(results.every((r) => r.submission.status === 'submitted')).toBe(true);
    const stored = await models.Assignment.findById(a.id).lean();
    expect(stored?.submissions).toHaveLength(10);
    expect((await assignments.getAssignment(deps, tess, { id: a.id })).counts).toMatchObject({
      students: 10,
      submitted: 10,
    });
  });
});

describe('a hand-in takes the straight road', () => {
  it('reads what the rule needs once, at the same time, and writes once: six round trips and the figures’ six', async () => {
    const tess = p('Tess');
    const classId = (
      await createClass(deps, admin, { name: '9-E', grade: 9, section: 'E', teacherId: tess.userId })
    ).id;
    const student = await person(admin, 'student', 'Straight Road');
    await addStudents(deps, admin, classId, [student.userId]);
    const a = await assignments.createAssignment(deps, tess, {
      title: 'Road',
      classIds: [classId],
      dueDate: inDays(1),
    });
    const file = await upload(student, 'submission');

    const commands = await commandsDuring(
      deps.db.master.getClient(),
      async () => {
        const result = await assignments.submitAssignment(deps, student, {
          assignmentId: a.id,
          files: [file],
        });
        expect(result.submission).toMatchObject({ status: 'submitted', studentName: 'Straight Road' });
        expect(result.submission.files).toHaveLength(1);
      },
      student.databaseName,
    );
    // My classes and my uploads (at once; my name is kept since the assignment's answer named me:
    // services/kept-references.ts); the assignment read and saved; the file marked referenced (the sweep of
    // abandoned uploads skips it: db/files.ts); the activity entry; and the
    // institution report's figures of this assignment refreshed (db/tenant/figures-upkeep.ts): its figures and
    // the sum read at once, the assignment and its classes read again, the sum marked, its figures replaced, the
    // sum changed.
    expect(commands.sort()).toEqual(
      [
        'find classes',
        'find files.files',
        'find assignments',
        'update assignments',
        'update files.files',
        'insert activitylogs',
        'find assignmentfigures',
        'find assignments',
        'find classes',
        'update assignmentfigures',
        'update assignmentfigures',
        'update assignmentfigures',
      ].sort(),
    );
  });
});

describe('access rules', () => {
  let assignmentId: string;
  let ashaFile: string;
  let attachment: string;

  beforeAll(async () => {
    const tara = p('Tara');
    attachment = await upload(tara, 'attachment');
    assignmentId = (
      await assignments.createAssignment(deps, tara, {
        title: 'Rules',
        classIds: [c('7-A')],
        dueDate: inDays(5),
        attachments: [attachment],
      })
    ).id;
    ashaFile = await upload(p('Asha'), 'submission');
    await assignments.submitAssignment(deps, p('Asha'), { assignmentId, files: [ashaFile] });
  });

  it('a teacher sets work only for classes they lead or teach in the timetable', async () => {
    await expect(
      assignments.createAssignment(deps, p('Tara'), { title: 'X', classIds: [c('8-C')], dueDate: inDays(1) }),
    ).rejects.toSatisfy(field('NOT_FOUND', 'classIds'));
    await expect(
      assignments.createAssignment(deps, p('Tess'), { title: 'X', classIds: [c('7-A')], dueDate: inDays(1) }),
    ).rejects.toSatisfy(field('NOT_FOUND', 'classIds'));
    await expect(
      assignments.createAssignment(deps, p('Tara'), {
        title: 'X',
        classIds: ['0123456789abcdef01234567'],
        dueDate: inDays(1),
      }),
    ).rejects.toSatisfy(field('NOT_FOUND', 'classIds'));
  });

  it('the due date must be in the future', async () => {
    await expect(
      assignments.createAssignment(deps, p('Tara'), {
        title: 'X',
        classIds: [c('7-A')],
        dueDate: inDays(-1),
      }),
    ).rejects.toSatisfy(field('VALIDATION', 'dueDate'));
  });

  it("attachments are the teacher's own attachment uploads", async () => {
    const tomasFile = await upload(p('Tomas'), 'attachment');
    await expect(
      assignments.createAssignment(deps, p('Tara'), {
        title: 'X',
        classIds: [c('7-A')],
        dueDate: inDays(1),
        attachments: [tomasFile],
      }),
    ).rejects.toSatisfy(field('NOT_FOUND', 'attachments'));
    const voice = await uploadFile(deps, p('Tara'), {
      name: 'note.ogg',
      mimeType: 'audio/ogg',
      data: Buffer.concat([Buffer.from('OggS'), randomBytes(50)]),
      purpose: 'audio',
    });
    await expect(
      assignments.createAssignment(deps, p('Tara'), {
        title: 'X',
        classIds: [c('7-A')],
        dueDate: inDays(1),
        attachments: [voice.id],
      }),
    ).rejects.toSatisfy(field('NOT_FOUND', 'attachments'));
  });

  it("another teacher's assignment is NOT_FOUND for every teacher channel", async () => {
    const tomas = p('Tomas');
    const asha = p('Asha').userId;
    await expect(assignments.getAssignment(deps, tomas, { id: assignmentId })).rejects.toSatisfy(
      code('NOT_FOUND'),
    );
    await expect(
      assignments.updateAssignment(deps, tomas, { id: assignmentId, title: 'Mine' }),
    ).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(assignments.deleteAssignment(deps, tomas, { id: assignmentId })).rejects.toSatisfy(
      code('NOT_FOUND'),
    );
    await expect(
      assignments.reviewSubmission(deps, tomas, { assignmentId, studentId: asha, decision: 'accept' }),
    ).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(
      assignments.gradeSubmission(deps, tomas, { assignmentId, studentId: asha, grade: 90 }),
    ).rejects.toSatisfy(code('NOT_FOUND'));
    expect((await list(tomas)).items.map((a) => a.id)).not.toContain(assignmentId);
  });

  it("a student sees only their own row, and not another student's files", async () => {
    const bina = p('Bina');
    const view = await assignments.getAssignment(deps, bina, { id: assignmentId });
    expect(view.submissions?.map((s) => s.studentId)).toEqual([bina.userId]);
    const listed = (await list(bina)).items.find((a) => a.id === assignmentId);
    expect(listed?.submissions?.map((s) => s.studentId)).toEqual([bina.userId]);
    await expect(getFile(deps, bina, { id: ashaFile })).rejects.toSatisfy(code('NOT_FOUND'));
    // Handing in someone else's upload is refused.
    await expect(
      assignments.submitAssignment(deps, bina, { assignmentId, files: [ashaFile] }),
    ).rejects.toSatisfy(field('NOT_FOUND', 'files'));
  });

  it('submission files: the student, the assignment’s teacher and the admin; attachments: its classes', async () => {
    expect((await getFile(deps, p('Asha'), { id: ashaFile })).id).toBe(ashaFile);
    expect((await getFile(deps, p('Tara'), { id: ashaFile })).id).toBe(ashaFile);
    expect((await getFile(deps, admin, { id: ashaFile })).id).toBe(ashaFile);
    await expect(getFile(deps, p('Tomas'), { id: ashaFile })).rejects.toSatisfy(code('NOT_FOUND'));
    expect((await getFile(deps, p('Bina'), { id: attachment })).id).toBe(attachment);
    expect((await getFile(deps, admin, { id: attachment })).id).toBe(attachment);
    await expect(getFile(deps, p('Dara'), { id: attachment })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(getFile(deps, p('Tomas'), { id: attachment })).rejects.toSatisfy(code('NOT_FOUND'));
  });

  it('students outside the classes, or in none, neither see nor hand in', async () => {
    for (const name of ['Dara', 'Eli']) {
      const s = p(name);
      await expect(assignments.getAssignment(deps, s, { id: assignmentId })).rejects.toSatisfy(
        code('NOT_FOUND'),
      );
      await expect(
        assignments.submitAssignment(deps, s, { assignmentId, files: [await upload(s, 'submission')] }),
      ).rejects.toSatisfy(code('NOT_FOUND'));
      expect((await list(s)).items.map((a) => a.id)).not.toContain(assignmentId);
    }
  });

  it('review and grade: only students of the classes, only work that was handed in, grades 0–100', async () => {
    const tara = p('Tara');
    const accept = (student: string) =>
      assignments.reviewSubmission(deps, tara, {
        assignmentId,
        studentId: p(student).userId,
        decision: 'accept',
      });
    await expect(accept('Dara')).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(accept('Bina')).rejects.toSatisfy(code('CONFLICT'));
    await expect(
      assignments.gradeSubmission(deps, tara, { assignmentId, studentId: p('Bina').userId, grade: 70 }),
    ).rejects.toSatisfy(code('CONFLICT'));
    for (const grade of [-1, 100.5, Number.NaN]) {
      await expect(
        assignments.gradeSubmission(deps, tara, { assignmentId, studentId: p('Asha').userId, grade }),
      ).rejects.toSatisfy(field('VALIDATION', 'grade'));
    }
    const zero = await assignments.gradeSubmission(deps, tara, {
      assignmentId,
      studentId: p('Asha').userId,
      grade: 0,
    });
    expect(zero.submission).toMatchObject({ status: 'graded', grade: 0, outcome: 'accepted' });
    const full = await assignments.gradeSubmission(deps, tara, {
      assignmentId,
      studentId: p('Asha').userId,
      grade: 100,
    });
    expect(full.submission.grade).toBe(100);
  });

  it("another institution's ids are NOT_FOUND", async () => {
    const foreignTeacher = await person(otherAdmin, 'teacher', 'Tara');
    const foreignStudent = await person(otherAdmin, 'student', 'Asha');
    await expect(assignments.getAssignment(deps, otherAdmin, { id: assignmentId })).rejects.toSatisfy(
      code('NOT_FOUND'),
    );
    await expect(assignments.getAssignment(deps, foreignTeacher, { id: assignmentId })).rejects.toSatisfy(
      code('NOT_FOUND'),
    );
    await expect(assignments.deleteAssignment(deps, otherAdmin, { id: assignmentId })).rejects.toSatisfy(
      code('NOT_FOUND'),
    );
    await expect(
      assignments.gradeSubmission(deps, foreignTeacher, {
        assignmentId,
        studentId: p('Asha').userId,
        grade: 1,
      }),
    ).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(
      assignments.submitAssignment(deps, foreignStudent, { assignmentId, files: [ashaFile] }),
    ).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(getFile(deps, otherAdmin, { id: attachment })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(
      assignments.createAssignment(deps, foreignTeacher, {
        title: 'X',
        classIds: [c('7-A')],
        dueDate: inDays(1),
      }),
    ).rejects.toSatisfy(code('NOT_FOUND'));
    expect((await list(otherAdmin)).total).toBe(0);
  });
});

describe('update, list and delete', () => {
  it('taking a class off hides its rows; a changed due date must be in the future', async () => {
    const tara = p('Tara');
    const a = await assignments.createAssignment(deps, tara, {
      title: 'Maps',
      classIds: [c('7-A'), c('7-B')],
      dueDate: inDays(4),
    });
    const chen = p('Chen');
    await assignments.submitAssignment(deps, chen, {
      assignmentId: a.id,
      files: [await upload(chen, 'submission')],
    });
    await expect(
      assignments.updateAssignment(deps, tara, { id: a.id, dueDate: inDays(-2) }),
    ).rejects.toSatisfy(field('VALIDATION', 'dueDate'));
    await expect(
      assignments.updateAssignment(deps, tara, { id: a.id, classIds: [c('8-C')] }),
    ).rejects.toSatisfy(field('NOT_FOUND', 'classIds'));
    const updated = await assignments.updateAssignment(deps, tara, {
      id: a.id,
      title: 'World maps',
      description: null,
      classIds: [c('7-A')],
    });
    expect(updated).toMatchObject({ title: 'World maps', description: '', classIds: [c('7-A')] });
    channels.assignmentsUpdate.output.parse(updated);
    expect(updated.counts).toMatchObject({ students: 2, submitted: 0 });
    await expect(assignments.getAssignment(deps, chen, { id: a.id })).rejects.toSatisfy(code('NOT_FOUND'));
    // Kept, not deleted: putting the class back shows Chen's work again.
    const back = await assignments.updateAssignment(deps, tara, { id: a.id, classIds: [c('7-A'), c('7-B')] });
    expect(back.counts).toMatchObject({ students: 3, submitted: 1 });
    const log = await models.ActivityLog.find({ targetId: a.id, action: 'UPDATE' }).lean();
    expect(log).toHaveLength(2);
  });

  it('changing attachments deletes the ones taken off', async () => {
    const tara = p('Tara');
    const [one, two] = [await upload(tara, 'attachment'), await upload(tara, 'attachment')];
    const a = await assignments.createAssignment(deps, tara, {
      title: 'Atlas',
      classIds: [c('7-A')],
      dueDate: inDays(4),
      attachments: [one ?? ''],
    });
    const updated = await assignments.updateAssignment(deps, tara, { id: a.id, attachments: [two ?? ''] });
    expect(updated.attachments.map((f) => f.id)).toEqual([two]);
    await expect(getFile(deps, tara, { id: one ?? '' })).rejects.toSatisfy(code('NOT_FOUND'));
  });

  it('lists: admin all, teacher their own; search, class and due-date filters; paging', async () => {
    const tara = p('Tara');
    const tomas = p('Tomas');
    const mine = await assignments.createAssignment(deps, tomas, {
      title: 'Zebra [crossing]',
      classIds: [c('8-C')],
      dueDate: inDays(10),
    });
    const all = await list(admin, { pageSize: 100 });
    expect(all.items.map((a) => a.id)).toContain(mine.id);
    expect(all.items.every((a) => a.counts !== undefined && a.submissions === undefined)).toBe(true);
    const dues = all.items.map((a) => a.dueDate.getTime());
    expect(dues).toEqual([...dues].sort((x, y) => y - x));
    expect((await list(tara, { pageSize: 100 })).items.every((a) => a.teacherId === tara.userId)).toBe(true);
    expect((await list(admin, { search: 'zebra [cross' })).items.map((a) => a.id)).toEqual([mine.id]);
    expect((await list(admin, { classId: c('8-C') })).items.map((a) => a.id)).toEqual([mine.id]);
    // A class filter names a class the caller can see, else NOT_FOUND (another institution's class too).
    await expect(list(p('Dara'), { classId: c('7-A') })).rejects.toSatisfy(field('NOT_FOUND', 'classId'));
    await expect(list(p('Tess'), { classId: c('8-C') })).rejects.toSatisfy(field('NOT_FOUND', 'classId'));
    await expect(list(otherAdmin, { classId: c('8-C') })).rejects.toSatisfy(field('NOT_FOUND', 'classId'));
    expect((await list(p('Dara'), { classId: c('8-C') })).items.map((a) => a.id)).toEqual([mine.id]);
    const window = await list(admin, { dueFrom: inDays(9), dueTo: inDays(11) });
    expect(window.items.map((a) => a.id)).toEqual([mine.id]);
    const page1 = await list(admin, { pageSize: 2, page: 1 });
    const page2 = await list(admin, { pageSize: 2, page: 2 });
    expect(page1.total).toBe(all.total);
    expect(page1.items).toHaveLength(2);
    expect(page2.items[0]?.id).not.toBe(page1.items[0]?.id);
  });

  it('delete: the teacher their own, the admin any; files of the assignment and its submissions go too', async () => {
    const tara = p('Tara');
    const attachment = await upload(tara, 'attachment');
    const a = await assignments.createAssignment(deps, tara, {
      title: 'Gone',
      classIds: [c('7-A')],
      dueDate: inDays(2),
      attachments: [attachment],
    });
    const handedIn = await upload(p('Bina'), 'submission');
    await assignments.submitAssignment(deps, p('Bina'), { assignmentId: a.id, files: [handedIn] });
    expect(
      channels.assignmentsDelete.output.parse(await assignments.deleteAssignment(deps, tara, { id: a.id })),
    ).toEqual({
      id: a.id,
      deleted: true,
    });
    expect(await models.Assignment.exists({ _id: a.id })).toBeNull();
    await expect(getFile(deps, tara, { id: attachment })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(getFile(deps, p('Bina'), { id: handedIn })).rejects.toSatisfy(code('NOT_FOUND'));
    expect(await models.ActivityLog.exists({ targetId: a.id, action: 'DELETE' })).not.toBeNull();

    const b = await assignments.createAssignment(deps, p('Tomas'), {
      title: 'Admin removes',
      classIds: [c('8-C')],
      dueDate: inDays(2),
    });
    await assignments.deleteAssignment(deps, admin, { id: b.id });
    await expect(assignments.getAssignment(deps, admin, { id: b.id })).rejects.toSatisfy(code('NOT_FOUND'));
  });
});

describe("a student's list (finding 5)", () => {
  it('puts overdue and due-soon work first, earliest due first; handed-in work after, latest due first', async () => {
    const tomas = p('Tomas');
    const make = async (title: string, days: number) => {
      const a = await assignments.createAssignment(deps, tomas, {
        title,
        classIds: [c('8-C')],
        dueDate: inDays(30),
      });
      await models.Assignment.updateOne({ _id: a.id }, { $set: { dueDate: inDays(days) } });
      return a.id;
    };
    const lateOld = await make('Order: overdue long ago', -5);
    const lateNew = await make('Order: overdue yesterday', -1);
    const soon = await make('Order: due tomorrow', 1);
    const later = await make('Order: due in a fortnight', 14);
    const done = await assignments.createAssignment(deps, tomas, {
      title: 'Order: handed in',
      classIds: [c('8-C')],
      dueDate: inDays(20),
    });
    await assignments.submitAssignment(deps, p('Dara'), {
      assignmentId: done.id,
      files: [await upload(p('Dara'), 'submission')],
    });

    const all = (await list(p('Dara'), { pageSize: 100 })).items;
    const ids = all.map((a) => a.id).filter((id) => [lateOld, lateNew, soon, later, done.id].includes(id));
    expect(ids).toEqual([lateOld, lateNew, soon, later, done.id]);
    // The whole list keeps the rule: open work (ascending due) before handed-in work (descending due).
    const open = all.filter((a) => ['overdue', 'pending'].includes(a.submissions?.[0]?.status ?? ''));
    expect(all.slice(0, open.length)).toEqual(open);
    const dues = open.map((a) => a.dueDate.getTime());
    expect(dues).toEqual([...dues].sort((x, y) => x - y));
    const rest = all.slice(open.length).map((a) => a.dueDate.getTime());
    expect(rest).toEqual([...rest].sort((x, y) => y - x));
    // Paging follows the same order.
    const second = await list(p('Dara'), { pageSize: 1, page: 2 });
    expect(second.items[0]?.id).toBe(all[1]?.id);
    expect(second.total).toBe(all.length);
  });

  it('shows their own hand-in of the work listed, in a due window too, and none of a class they left', async () => {
    const tomas = p('Tomas');
    const mo = await person(admin, 'student', 'Mo');
    await addStudents(deps, admin, c('8-C'), [mo.userId]);
    const left = await assignments.createAssignment(deps, tomas, {
      title: 'Move: handed in before leaving',
      classIds: [c('8-C')],
      dueDate: inDays(40),
    });
    const open = await assignments.createAssignment(deps, tomas, {
      title: 'Move: not handed in',
      classIds: [c('8-C')],
      dueDate: inDays(41),
    });
    const handedIn = new Map<string, string>();
    for (const who of [mo, p('Dara')]) {
      handedIn.set(who.userId, await upload(who, 'submission'));
      await assignments.submitAssignment(deps, who, {
        assignmentId: left.id,
        files: [handedIn.get(who.userId)!],
      });
    }
    const rowsOf = (
      items: Array<{ id: string; submissions?: Array<{ studentId: string; status: string }> }>,
    ) => new Map(items.map((a) => [a.id, a.submissions?.map((r) => `${r.studentId}:${r.status}`)]));

    const window = rowsOf((await list(mo, { dueFrom: inDays(39), dueTo: inDays(42) })).items);
    expect(window).toEqual(
      new Map([
        [left.id, [`${mo.userId}:submitted`]],
        [open.id, [`${mo.userId}:pending`]],
      ]),
    );
    expect(rowsOf((await list(mo, { pageSize: 100 })).items).get(left.id)).toEqual([
      `${mo.userId}:submitted`,
    ]);

    // In another class now: 8-C's work is not theirs to list, hand-in or not, and 7-B's shows only their rows.
    await removeStudent(deps, admin, c('8-C'), mo.userId);
    await addStudents(deps, admin, c('7-B'), [mo.userId]);
    const after = (await list(mo, { pageSize: 100 })).items;
    expect(after.map((a) => a.id)).not.toContain(left.id);
    expect(after.every((a) => a.classIds.includes(c('7-B')))).toBe(true);
    expect(after.flatMap((a) => a.submissions ?? []).every((r) => r.studentId === mo.userId)).toBe(true);
    // The hand-in is still the work's: its teacher and the admin open it though its student left the class
    // (the admin's check looks beyond the student's classes then); another teacher and student do not.
    const moFile = handedIn.get(mo.userId)!;
    expect((await getFile(deps, tomas, { id: moFile })).id).toBe(moFile);
    expect((await getFile(deps, admin, { id: moFile })).id).toBe(moFile);
    await expect(getFile(deps, p('Tara'), { id: moFile })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(getFile(deps, p('Dara'), { id: moFile })).rejects.toSatisfy(code('NOT_FOUND'));
    expect((await getFile(deps, admin, { id: handedIn.get(p('Dara').userId)! })).id).toBeTruthy();
  });
});
