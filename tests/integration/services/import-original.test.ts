import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { institutionImportFromOriginal, type OriginalImportReport } from '../../../shared/contract';
import { AppError } from '../../../electron/core/errors/app-error';
import { authenticate, changePassword, login, me, type AuthDeps } from '../../../electron/core/services/auth';
import { importFromOriginal } from '../../../electron/core/services/import-original/import';
import { provisionInstitution } from '../../../electron/core/services/institutions';
import { authDeps, origin, uniqueAdmin } from '../../support/services';
import { admin as office, deps as services, useInstitutions } from '../../support/fixture';
import { VIVA_DATABASE, VIVA_PASSWORDS, vivaExportAs } from '../../support/original-export';

useInstitutions();

let deps: AuthDeps;

beforeAll(() => {
  deps = authDeps(services);
});

const run = (input: Record<string, unknown>) =>
  importFromOriginal(deps, office, institutionImportFromOriginal.input.parse(input), origin);

/** A fresh copy of the school for each test: its own admin name and id. */
function school(only?: (name: string) => boolean) {
  const username = uniqueAdmin('Viva');
  const id = new Types.ObjectId().toHexString();
  return { username, id, files: vivaExportAs(username, id, only) };
}

async function registryHas(id: string): Promise<boolean> {
  return (await services.db.masterModels.AdminRegistry.exists({ _id: id })) !== null;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('malformed exports', () => {
  it('refuses a file that is not JSON, naming the file and line, and creates nothing', async () => {
    const s = school();
    const files = s.files.map((f) =>
      f.name.endsWith('.schedules.json')
        ? { ...f, text: `${f.text}{"_id": {"$oid": "6957a00000000000000000ff"}, "day": \n` }
        : f,
    );
    const err = await refusal(run({ files, dryRun: false, password: VIVA_PASSWORDS.admin }));
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(new RegExp(`^${VIVA_DATABASE}\\.schedules\\.json, line 8: not valid JSON`));
    expect(await registryHas(s.id)).toBe(false);
  });

  it('refuses an export without the users file or the registry, and a file named otherwise', async () => {
    const noUsers = school((name) => !name.endsWith('.users.json'));
    expect((await refusal(run({ files: noUsers.files, dryRun: true }))).message).toMatch(
      /needs the school's users file/,
    );
    const noRegistry = school((name) => !name.includes('adminregistries'));
    expect((await refusal(run({ files: noRegistry.files, dryRun: true }))).message).toMatch(
      /adminregistries\.json/,
    );
    const array = school();
    const notDocs = array.files.map((f) => (f.name.endsWith('.users.json') ? { ...f, text: '[1, 2]' } : f));
    expect((await refusal(run({ files: notDocs, dryRun: true }))).message).toMatch(
      /users\.json, document 1: expected a document/,
    );
    expect(() =>
      institutionImportFromOriginal.input.parse({
        files: [{ name: 'users.json', text: '[]' }],
        dryRun: true,
      }),
    ).toThrow(/mongoexport/);
  });
});

describe('dry run', () => {
  it('shows what will be created, mapped, fixed and skipped, and creates nothing', async () => {
    const s = school();
    const report = await run({ files: s.files, dryRun: true });
    expect(report.imported).toBe(false);
    expect(report.problems).toEqual([]);
    expect(report.institution).toMatchObject({
      username: s.username,
      institutionName: 'VIVA Institute Of Technology',
    });
    const counts = Object.fromEntries(report.counts.map((c) => [c.collection, c]));
    expect(counts.users).toEqual({ collection: 'users', found: 9, created: 6, skipped: 3 });
    expect(counts.classes).toMatchObject({ found: 4, created: 3, skipped: 1 });
    expect(counts.schedules).toMatchObject({ found: 7, created: 4, skipped: 3 });
    expect(counts.subjects).toMatchObject({ found: 4, created: 4, skipped: 1 });
    expect(counts.messages).toMatchObject({ found: 4, created: 3, skipped: 1 });
    expect(counts.adminactivitylogs).toMatchObject({ found: 4, created: 4 });
    const lines = report.notes.map((n) => `${n.kind} ${n.collection} ${n.subject}: ${n.message}`);
    for (const expected of [
      /^skipped users Mrs Kulkarni: Unknown role "parent"/,
      /^mapped users raju: Signs in as "raju \(2\)"/,
      /^fixed users Pratik sir: No name/,
      /^mapped classes A \(9th\): Named "Class 9-A"/,
      /^fixed classes Class 9-B: Anita Desai is also in Class 9-A/,
      /^skipped classes Sunflowers \(Nursery\): Grade "Nursery"/,
      /^skipped schedules .*A duplicate timetable slot/,
      /^skipped subjects Pottery: A subject without a grade/,
      /^fixed messages Voice notes: 1 voice note/,
      /^mapped calendars national_holiday: Calendar type "national_holiday" becomes "holiday"/,
    ]) {
      expect(
        lines.some((l) => expected.test(l)),
        String(expected),
      ).toBe(true);
    }
    expect(report.files.find((f) => f.collection === 'schedulelogs')).toMatchObject({ carried: false });
    expect(await registryHas(s.id)).toBe(false);
  });
});

describe('import', () => {
  const s = school();
  let report: OriginalImportReport;
  const signIn = (username: string, password: string) =>
    login(deps, { institution: s.username, username, password }, origin);

  beforeAll(async () => {
    report = await run({ files: s.files, dryRun: false, password: VIVA_PASSWORDS.admin });
  });

  it('needs the original admin password, and a wrong one creates nothing', async () => {
    const other = school();
    expect(() => institutionImportFromOriginal.input.parse({ files: other.files, dryRun: false })).toThrow(
      /original admin's password/,
    );
    const err = await refusal(run({ files: other.files, dryRun: false, password: 'not-it-1' }));
    expect(err.code).toBe('VALIDATION');
    expect(err.fields).toEqual({ password: 'Wrong password.' });
    expect(await registryHas(other.id)).toBe(false);
  });

  it('creates the institution with the original admin and ids', async () => {
    expect(report.imported).toBe(true);
    const registry = await services.db.masterModels.AdminRegistry.findById(s.id).lean();
    expect(registry).toMatchObject({
      username: s.username,
      state: 'active',
      institutionName: 'VIVA Institute Of Technology',
    });
    expect(report.institution.databaseName).toBe(registry?.databaseName);
    const admin = await login(deps, { username: s.username, password: VIVA_PASSWORDS.admin }, origin);
    expect(admin.user).toMatchObject({ id: s.id, role: 'admin' });
  });

  it('lets an original teacher sign in with the old password', async () => {
    const pratik = await signIn('Pratik sir', VIVA_PASSWORDS.pratik);
    expect(pratik.user).toMatchObject({
      id: '69539c18885d0a21dd14bed6',
      role: 'teacher',
      name: 'Pratik sir',
    });
    expect(pratik.user.mustChangePassword).toBeUndefined();
    // Names are case-insensitive here, as they are on the original's MongoDB only by accident of typing.
    await expect(signIn('PRATIK SIR', VIVA_PASSWORDS.pratik)).resolves.toBeTruthy();
  });

  it('accepts a short old password and asks to change it until it is changed', async () => {
    const shubham = await signIn('Shubham Sir', VIVA_PASSWORDS.shubhamSir);
    expect(shubham.user.mustChangePassword).toBe(true);
    const { actor, claims } = await authenticate(deps, shubham.token, origin);
    expect((await me(deps, actor, claims)).user.mustChangePassword).toBe(true);
    const changed = await changePassword(deps, actor, {
      currentPassword: VIVA_PASSWORDS.shubhamSir,
      newPassword: 'Shubham2026',
    });
    const after = await authenticate(deps, changed.token, origin);
    expect((await me(deps, after.actor, after.claims)).user.mustChangePassword).toBeUndefined();
    expect((await signIn('Shubham Sir', 'Shubham2026')).user.mustChangePassword).toBeUndefined();
  });

  it('keeps every reference: class → students and teacher, schedule → teacher and class, replies, notices', async () => {
    const { models } = await services.db.tenant(report.institution.databaseName ?? '');
    const nineA = await models.Class.findById('69563d25672c6ef22481807a').lean();
    expect(nineA).toMatchObject({ name: 'Class 9-A', grade: 9, section: 'A' });
    expect(nineA?.teacherId?.toString()).toBe('69539c18885d0a21dd14bed6');
    expect(nineA?.students.map(String)).toEqual(['69539ca0885d0a21dd14bee0', '695638e8dd2458d9c638cf74']);
    expect(nineA?.subjects).toEqual(['Operating System', 'Mathematics']);
    for (const schedule of await models.Schedule.find().lean()) {
      const teacher = await models.User.findById(schedule.teacherId).lean();
      expect(teacher?.role).toBe('teacher');
      expect(await models.Class.exists({ _id: schedule.classId })).not.toBeNull();
    }
    const reply = await models.Message.findById('6958b0000000000000000002').lean();
    expect(reply?.replyTo?.toString()).toBe('6958b0000000000000000001');
    expect(await models.Conversation.countDocuments()).toBe(1);
    const subjects = await models.Subject.find({}, { code: 1, grade: 1 }).sort({ grade: 1, code: 1 }).lean();
    expect(subjects.map((x) => `${x.code}/${x.grade}`)).toEqual(['MATH9/9', 'OS9/9', 'SE9/9', 'MATH10/10']);
    const holiday = await models.Calendar.findById('6959c0000000000000000001').lean();
    expect(holiday).toMatchObject({ type: 'holiday', isHoliday: true });
  });

  it('carries the admin log into both logs', async () => {
    const databaseName = report.institution.databaseName ?? '';
    const master = await services.db.masterModels.MasterActivityLog.find({
      databaseName,
      action: 'CREATE_CLASS',
    }).lean();
    expect(master).toHaveLength(1);
    expect(master[0]).toMatchObject({ username: s.username, targetType: 'CLASS' });
    const { models } = await services.db.tenant(databaseName);
    expect(
      await models.ActivityLog.countDocuments({
        action: { $in: ['VIEW_USERS', 'LOGIN', 'CREATE_CLASS', 'CREATE_NOTICE'] },
        role: 'admin',
        timestamp: { $lt: new Date('2026-06-01') },
      }),
    ).toBe(4);
    expect(await models.ActivityLog.exists({ action: 'IMPORT', targetType: 'INSTITUTION' })).not.toBeNull();
  });

  it('refuses to run again on the same files, in the dry run and the import', async () => {
    const again = await run({ files: s.files, dryRun: true });
    expect(again.problems.join()).toMatch(/already moved in/);
    const err = await refusal(run({ files: s.files, dryRun: false, password: VIVA_PASSWORDS.admin }));
    expect(err.code).toBe('CONFLICT');
  });
});

describe('a failure while filling the institution', () => {
  it('leaves neither a registry entry nor a database', async () => {
    const id = new Types.ObjectId().toHexString();
    let databaseName = '';
    const failed = provisionInstitution(
      services,
      {
        id,
        username: uniqueAdmin('Half'),
        password: '$2a$10$abcdefghijklmnopqrstuuL5RQ3hRk7H6q4aV0hW5iNsfB1N2K6yK',
        name: 'x',
        institutionName: 'x',
      },
      undefined,
      (name) => {
        databaseName = name;
        return Promise.reject(new Error('disk full'));
      },
    );
    await expect(failed).rejects.toThrow('disk full');
    expect(await registryHas(id)).toBe(false);
    expect((await services.db.listDatabases()).map((d) => d.name)).not.toContain(databaseName);
  });
});
