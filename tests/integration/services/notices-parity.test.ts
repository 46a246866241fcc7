/**
 * Notices of issue 19 through the API and the reminder job with an injected clock: editing a notice (author or
 * admin), the notice to a class when a teacher sets an assignment (with its due date), and the day-before
 * reminder to the students who have not handed in — once per assignment, however often the job runs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sendDueReminders, sendDueRemindersEverywhere } from '../../../electron/core/services/due-reminders';
import { api, buildSchool, school, useSchool, type School } from '../../support/api';

useSchool();
let other: School;
beforeAll(async () => {
  other = await buildSchool(api);
});

interface Notice {
  id: string;
  title: string;
  body: string;
  assignmentId?: string;
  editable: boolean;
  editedAt?: Date;
}
const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'OK' : result.error?.code);
const notices = async (token: string) =>
  (await api.ok<{ items: Notice[] }>('notices.list', { pageSize: 100 }, token)).items;
const HOUR = 3_600_000;

describe('editing a notice', () => {
  it('lets the admin edit any notice; a teacher only their own; students never', async () => {
    const n = await api.ok<Notice>(
      'notices.create',
      { title: 'Sports day', body: 'On Thursday.', audience: ['teacher', 'student'] },
      school.admin.token,
    );
    const edited = await api.ok<Notice>(
      'notices.update',
      { id: n.id, body: 'On Friday.' },
      school.admin.token,
    );
    expect(edited).toMatchObject({ title: 'Sports day', body: 'On Friday.', editable: true });
    expect(edited.editedAt).toBeInstanceOf(Date);
    const seen = (await notices(school.students[0]!.token)).find((x) => x.id === n.id);
    expect(seen).toMatchObject({ body: 'On Friday.', editable: false });
    expect(code(await api.call('notices.update', { id: n.id, title: 'Mine' }, school.teacher.token))).toBe(
      'NOT_FOUND',
    );
    expect(code(await api.call('notices.update', { id: n.id, title: 'X' }, school.students[0]!.token))).toBe(
      'FORBIDDEN',
    );
    expect(code(await api.call('notices.update', { id: n.id, title: 'X' }, other.admin.token))).toBe(
      'NOT_FOUND',
    );
    expect(code(await api.call('notices.update', { id: n.id, title: '' }, school.admin.token))).toBe(
      'VALIDATION',
    );
    const handle = await api.deps.db.tenant(school.admin.databaseName);
    expect(await handle.models.ActivityLog.exists({ action: 'UPDATE', targetType: 'NOTICE' })).not.toBeNull();
  });
});

describe('the notice to the class when a teacher sets an assignment', () => {
  it('reaches the students of the class with the due date; the teacher may edit it', async () => {
    const due = new Date(Date.now() + 5 * 24 * HOUR);
    const a = await api.ok<{ id: string }>(
      'assignments.create',
      { title: 'Fractions worksheet', classIds: [school.classId], dueDate: due },
      school.teacher.token,
    );
    for (const s of school.students) {
      const n = (await notices(s.token)).find((x) => x.assignmentId === a.id);
      expect(n?.title).toBe('New assignment: Fractions worksheet');
      expect(n?.body).toContain('Pratik sir set “Fractions worksheet”. It is due');
      expect(n?.body).toContain(String(due.getFullYear()));
    }
    // A student of another class does not see it.
    const loose = await api.ok<{ id: string }>(
      'users.create',
      { role: 'student', username: 'Elsewhere', password: school.password, name: 'Elsewhere' },
      school.admin.token,
    );
    const looseLogin = await api.ok<{ token: string }>('auth.login', {
      institution: school.admin.username,
      username: 'Elsewhere',
      password: school.password,
    });
    expect(loose.id).toBeTruthy();
    expect((await notices(looseLogin.token)).some((x) => x.assignmentId === a.id)).toBe(false);
    // The teacher sees and edits their notice.
    const mine = (await notices(school.teacher.token)).find((x) => x.assignmentId === a.id);
    expect(mine?.editable).toBe(true);
    await api.ok('notices.update', { id: mine!.id, body: 'Bring a ruler.' }, school.teacher.token);
  });
});

describe('the day-before reminder (injected clock)', () => {
  it('reminds only students who have not handed in, once per assignment', async () => {
    const due = new Date(Date.now() + 3 * 24 * HOUR);
    const a = await api.ok<{ id: string }>(
      'assignments.create',
      { title: 'Atlas project', classIds: [school.classId], dueDate: due },
      school.teacher.token,
    );
    const [asha, ravi] = school.students;
    const file = await api.ok<{ id: string }>(
      'files.upload',
      {
        name: 'work.pdf',
        mimeType: 'application/pdf',
        data: new Uint8Array(Buffer.from('%PDF-1.7\nwork')),
        purpose: 'submission',
      },
      asha!.token,
    );
    await api.ok('assignments.submit', { assignmentId: a.id, files: [file.id] }, asha!.token);
    const handle = await api.deps.db.tenant(school.admin.databaseName);

    // Two days before: nothing yet.
    expect(await sendDueReminders(handle.models, new Date(due.getTime() - 48 * HOUR))).toBe(0);
    // The day before: one reminder, to Ravi only; again and again: none.
    const dayBefore = new Date(due.getTime() - 20 * HOUR);
    expect(await sendDueReminders(handle.models, dayBefore)).toBe(1);
    expect(await sendDueReminders(handle.models, new Date(dayBefore.getTime() + HOUR))).toBe(0);
    // The pass over every institution adds none here (other suites' schools on the shared engine may get theirs).
    await sendDueRemindersEverywhere(api.deps.db, new Date(dayBefore.getTime() + 2 * HOUR));
    const reminders = (await notices(ravi!.token)).filter((n) => n.title === 'Due tomorrow: Atlas project');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.body).toContain('you have not handed it in yet');
    expect((await notices(asha!.token)).some((n) => n.title === 'Due tomorrow: Atlas project')).toBe(false);

    // A new due date earns a new reminder.
    const later = new Date(due.getTime() + 2 * 24 * HOUR);
    await api.ok('assignments.update', { id: a.id, dueDate: later }, school.teacher.token);
    // (Other assignments of this school fall in that day too: count this one's reminders.)
    expect(await sendDueReminders(handle.models, new Date(later.getTime() - 10 * HOUR))).toBeGreaterThan(0);
    const ravis = (await notices(ravi!.token)).filter((n) => n.title === 'Due tomorrow: Atlas project');
    expect(ravis).toHaveLength(2);
  });
});

describe('assignment due dates on the calendar (finding 11)', () => {
  it('lists the work due in the range to its students, its teacher and the admin', async () => {
    const due = new Date(Date.now() + 6 * 24 * HOUR);
    const a = await api.ok<{ id: string }>(
      'assignments.create',
      { title: 'Calendar essay', classIds: [school.classId], dueDate: due },
      school.teacher.token,
    );
    const range = { from: new Date(Date.now()), to: new Date(Date.now() + 30 * 24 * HOUR) };
    for (const token of [school.students[0]!.token, school.teacher.token, school.admin.token]) {
      const cal = await api.ok<{ due?: { assignmentId: string; title: string; dueDate: Date }[] }>(
        'calendar.list',
        range,
        token,
      );
      expect(cal.due?.find((d) => d.assignmentId === a.id)).toMatchObject({
        title: 'Calendar essay',
        dueDate: due,
      });
    }
    const outside = await api.ok<{ due?: unknown[] }>(
      'calendar.list',
      { from: new Date(Date.now() + 40 * 24 * HOUR), to: new Date(Date.now() + 50 * 24 * HOUR) },
      school.students[0]!.token,
    );
    expect(outside.due).toEqual([]);
    const otherSchool = await api.ok<{ due?: { assignmentId: string }[] }>(
      'calendar.list',
      range,
      other.admin.token,
    );
    expect(otherSchool.due?.some((d) => d.assignmentId === a.id)).toBe(false);
  });
});
