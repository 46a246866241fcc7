/**
 * The admin's structure pages as a new school would use them, in Debian Chromium against the real station and
 * engine. Through the UI: register an institution; on People add a teacher and two students (and check a CSV
 * file, whose dry run reports a bad row); on Classes create Class 10-A with the teacher and enrol both students;
 * on Subjects add Mathematics (and be refused the same code again, at the field); on Timetable add a lesson and
 * try a clashing one, refused with the server's reason. The dashboard then counts what was made. Every page is
 * photographed and checked with axe. Last, People pages through 22 people: next and previous pages are read
 * beside the rows shown (`after` / `before`), a page number by offset, and every page shows the same rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { WEEKDAYS } from '../../shared/domain';
import { decodeRpc } from '../../shared/rpc-encoding';
import { callApi, openApp, registerSchool, screenshot, sessionToken } from './support/app';
import { expectNoSeriousViolations, useStationAndBrowser } from './support/rig';

const rig = useStationAndBrowser('admin-structure', {
  expectedConsoleErrors: /status of 409/,
  waitForEngine: false,
});
let page: Page;

const school = {
  username: `greenvalley_${Date.now().toString(36)}`,
  password: 'admin-Pass-1',
  name: 'Kavita Menon',
  institutionName: 'Green Valley High School',
};
const teacher = {
  username: 'Mr Rao',
  password: 'teacher-Pass-1',
  name: 'Ravi Rao',
  email: 'ravi@school.org',
};
/** How selects show a teacher: "Ravi Rao (Mr Rao)". */
const teacherOption = `${teacher.name} (${teacher.username})`;
const students = [
  { username: 'anya', password: 'student-Pass-1', name: 'Anya Kapoor' },
  { username: 'kabir', password: 'student-Pass-2', name: 'Kabir Singh' },
];

beforeAll(() => {
  page = rig.page;
});

const nav = () => page.getByRole('navigation', { name: 'Office workspace' });

async function goTo(label: string, heading = label): Promise<void> {
  await nav().getByRole('link', { name: label, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** A Mantine Select or MultiSelect by its label. */
function select(scope: Page | Locator, label: string): Locator {
  return scope.getByRole('combobox', { name: label, exact: true });
}

/** Picks an option of a Mantine Select or MultiSelect by its visible text (whole, or a pattern). */
async function choose(field: Locator, option: string | RegExp): Promise<void> {
  await field.click();
  await page.getByRole('option', { name: option, exact: true }).first().click();
}

/** Opens a row's "Manage" menu and picks an item of that menu. */
async function menuAction(menu: string, item: string): Promise<void> {
  await page.getByRole('button', { name: menu }).click();
  await page.getByRole('menu', { name: menu }).getByRole('menuitem', { name: item }).click();
}

/** The message under a form field (not its description). */
function fieldError(scope: Locator, text: string): Locator {
  return scope.locator('.mantine-InputWrapper-error').filter({ hasText: text }).first();
}

/** Waits for a success notification containing `text`, then closes every notification. */
async function notified(text: string | RegExp): Promise<void> {
  await page.locator('.mantine-Notification-root').filter({ hasText: text }).first().waitFor();
  // A string, not a function: the tests compile without the DOM's types.
  await page.evaluate(
    `document.querySelectorAll('.mantine-Notification-root button[aria-label="Close notification"]').forEach((b) => b.click())`,
  );
}

describe('admin structure: people, classes, subjects, timetable, dashboard', () => {
  it('registers a school and shows an empty dashboard', async () => {
    await openApp(page, rig.station.url);
    await registerSchool(page, school);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await expect.poll(() => page.getByTestId('count-teachers').innerText()).toBe('0');
    expect(await page.getByTestId('count-classes').innerText()).toBe('0');
    await page.getByText(/No lessons on/).waitFor();
    await screenshot(page, 'admin-dashboard-empty');
    await expectNoSeriousViolations(page, 'empty dashboard');
  });

  it('adds a teacher and two students on the People page', async () => {
    await goTo('People');
    await page.getByTestId('people-empty').waitFor();
    await expectNoSeriousViolations(page, 'people, empty');

    await page.getByRole('button', { name: 'Add teacher' }).click();
    let dialog = page.getByRole('dialog', { name: 'Add a teacher' });
    // The form's own checks speak before anything is sent.
    await dialog.getByRole('button', { name: 'Add teacher' }).click();
    await fieldError(dialog, 'Use 8–72 characters with at least one letter and one digit.').waitFor();
    await screenshot(page, 'admin-people-form-errors');
    await expectNoSeriousViolations(page, 'add person dialog');
    await dialog.getByLabel('Full name').fill(teacher.name);
    await dialog.getByLabel('Username').fill(teacher.username);
    await dialog.getByLabel('First password').fill(teacher.password);
    await dialog.getByLabel('Email').fill(teacher.email);
    await dialog.getByRole('button', { name: 'Add teacher' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await notified(`${teacher.name} was added as a teacher.`);

    for (const student of students) {
      await page.getByRole('button', { name: 'Add student' }).click();
      dialog = page.getByRole('dialog', { name: 'Add a student' });
      await dialog.getByLabel('Full name').fill(student.name);
      await dialog.getByLabel('Username').fill(student.username);
      await dialog.getByLabel('First password').fill(student.password);
      await dialog.getByRole('button', { name: 'Add student' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await notified(`${student.name} was added as a student.`);
    }

    // A username already used is refused at the field, in the server's words.
    await page.getByRole('button', { name: 'Add student' }).click();
    dialog = page.getByRole('dialog', { name: 'Add a student' });
    await dialog.getByLabel('Full name').fill('Another Anya');
    await dialog.getByLabel('Username').fill('ANYA');
    await dialog.getByLabel('First password').fill('student-Pass-3');
    await dialog.getByRole('button', { name: 'Add student' }).click();
    await fieldError(dialog, 'This username is taken.').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const table = page.getByRole('table', { name: 'Teachers and students' });
    await expect.poll(() => table.getByRole('row').count()).toBe(4);
    await page.getByText('3 people', { exact: true }).waitFor();

    // The role filter and the search go to the server.
    await choose(select(page, 'Role'), 'Students');
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    await page.getByLabel('Search').fill('kab');
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    expect(await table.innerText()).toContain(students[1]?.name);
    await page.getByLabel('Search').fill('');
    await choose(select(page, 'Role'), 'Teachers and students');
    await expect.poll(() => table.getByRole('row').count()).toBe(4);
    await screenshot(page, 'admin-people');
    await expectNoSeriousViolations(page, 'people page');

    // Deactivate and reactivate from the row's menu.
    await menuAction(`Manage ${students[1]?.name}`, 'Deactivate');
    await notified(`${students[1]?.name} was deactivated.`);
    await menuAction(`Manage ${students[1]?.name}`, 'Reactivate');
    await notified(`${students[1]?.name} can sign in again.`);

    // The delete confirmation names the person; cancelling keeps them.
    await menuAction(`Manage ${students[0]?.name}`, 'Delete');
    const confirm = page.getByRole('dialog', { name: `Delete ${students[0]?.name}?` });
    await confirm.getByRole('button', { name: `Delete ${students[0]?.name}` }).waitFor();
    await screenshot(page, 'admin-people-delete');
    await expectNoSeriousViolations(page, 'delete confirmation');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
  });

  it('checks a CSV file: the dry run reports each row, and a bad row blocks the import', async () => {
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import teachers or students from CSV' });
    expect(await dialog.getByTestId('csv-header').innerText()).toContain(
      'username,password,name,email,phone,address,dateOfBirth,joiningDate',
    );
    const csv = [
      'username,password,name,email',
      'meera,student-Pass-4,Meera Das,meera@school.org',
      'anya,student-Pass-5,Anya Again,',
      'zoya,short,Zoya Khan,not-an-email',
    ].join('\n');
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name: 'students.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await dialog.getByText('students.csv').waitFor();
    await dialog.getByRole('button', { name: 'Check file' }).click();
    const report = dialog.getByTestId('import-report');
    await report.getByText('2 rows with problems; nothing imported').waitFor();
    expect(await report.innerText()).toContain('email: Enter an email address such as name@school.org.');
    expect(await dialog.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await screenshot(page, 'admin-people-import');
    await expectNoSeriousViolations(page, 'CSV import dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('creates Class 10-A with the teacher and enrols both students', async () => {
    await goTo('Classes');
    await page.getByText('No classes yet').waitFor();
    await page.getByRole('button', { name: 'Create class' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a class' });
    await choose(select(dialog, 'Grade'), 'Grade 10');
    await dialog.getByLabel('Section').fill('a');
    // The name follows grade and section until someone types their own.
    await expect.poll(() => dialog.getByLabel('Class name').inputValue()).toBe('Class 10-A');
    await choose(select(dialog, 'Class teacher'), teacherOption);
    await dialog.getByLabel('Subjects').fill('Mathematics');
    await dialog.getByLabel('Subjects').press('Enter');
    await dialog.getByLabel('Subjects').fill('Science');
    await dialog.getByLabel('Subjects').press('Enter');
    await screenshot(page, 'admin-classes-form');
    await expectNoSeriousViolations(page, 'class form');
    await dialog.getByRole('button', { name: 'Create class' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await notified('Class 10-A was created.');

    // A new class opens in its drawer, ready for students.
    const drawer = page.getByRole('dialog', { name: 'Class 10-A' });
    await drawer.getByTestId('class-detail').waitFor();
    const add = select(drawer, 'Students in no class');
    for (const student of students) await choose(add, `${student.name} (${student.username})`);
    await drawer.getByRole('button', { name: 'Add to class' }).click();
    await notified('2 students were added to Class 10-A.');
    const roster = drawer.getByRole('table', { name: 'Students of Class 10-A' });
    await expect.poll(() => roster.getByRole('row').count()).toBe(3);
    expect(await drawer.getByTestId('enrolment').innerText()).toBe('2 / 40');
    await screenshot(page, 'admin-classes-drawer');
    await expectNoSeriousViolations(page, 'class drawer');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    const table = page.getByRole('table', { name: 'Classes' });
    await expect.poll(() => table.getByTestId('enrolment').first().innerText()).toBe('2 / 40');
    expect(await table.innerText()).toContain(teacher.name);
    await screenshot(page, 'admin-classes');
    await expectNoSeriousViolations(page, 'classes page');
  });

  it('adds a subject and is refused the same code in the grade, at the field', async () => {
    await goTo('Subjects');
    await page.getByText('No subjects yet').waitFor();
    for (const attempt of [1, 2]) {
      await page.getByRole('button', { name: 'Add subject' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a subject' });
      await dialog.getByLabel('Subject name').fill(attempt === 1 ? 'Mathematics' : 'Mathematics II');
      await dialog.getByLabel('Code').fill('math101');
      await choose(select(dialog, 'Grade'), 'Grade 10');
      await choose(select(dialog, 'Teacher'), teacherOption);
      await dialog.getByRole('button', { name: 'Add subject' }).click();
      if (attempt === 1) {
        await dialog.waitFor({ state: 'hidden' });
        await notified('Mathematics (MATH101) was added.');
      } else {
        await fieldError(dialog, 'Grade 10 already has a subject with the code MATH101.').waitFor();
        await screenshot(page, 'admin-subjects-conflict');
        await expectNoSeriousViolations(page, 'subject form with a conflict');
        await dialog.getByRole('button', { name: 'Cancel' }).click();
        await dialog.waitFor({ state: 'hidden' });
      }
    }
    const table = page.getByRole('table', { name: 'Subjects' });
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    expect(await table.innerText()).toContain('MATH101');
    await screenshot(page, 'admin-subjects');
    await expectNoSeriousViolations(page, 'subjects page');
  });

  it('adds a lesson to the timetable, and a clashing one is refused with the reason', async () => {
    // A second class for the clash, made quickly through the API.
    const token = await sessionToken(page);
    await callApi(rig.station.url, 'classes.create', { name: 'Class 9-B', grade: 9, section: 'B' }, token);

    await goTo('Timetable');
    await expect.poll(() => select(page, 'Class').inputValue()).toMatch(/Class (10-A|9-B)/);
    await choose(select(page, 'Class'), 'Class 10-A');
    await page.getByTestId('timetable-empty').waitFor();
    await expectNoSeriousViolations(page, 'empty timetable');

    await page.getByRole('button', { name: 'Add an entry on Monday, period 3' }).click();
    let dialog = page.getByRole('dialog', { name: 'New entry for Class 10-A' });
    await dialog.getByLabel('Subject').fill('Mathematics');
    await choose(select(dialog, 'Teacher'), teacherOption);
    // The time comes from the school week's bell times; no time is typed.
    await screenshot(page, 'admin-timetable-form');
    await expectNoSeriousViolations(page, 'timetable entry form');
    await dialog.getByRole('button', { name: 'Add entry' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await notified('Mathematics added on Monday, period 3.');
    const entry = page.getByTestId('timetable-entry');
    await expect.poll(() => entry.count()).toBe(1);
    expect(await entry.innerText()).toContain(teacher.name);
    await screenshot(page, 'admin-timetable');
    await expectNoSeriousViolations(page, 'timetable page');

    // Mr Rao cannot teach Class 9-B at the same time.
    await choose(select(page, 'Class'), 'Class 9-B');
    await page.getByTestId('timetable-empty').waitFor();
    await page.getByRole('button', { name: 'Add an entry on Monday, period 3' }).click();
    dialog = page.getByRole('dialog', { name: 'New entry for Class 9-B' });
    await dialog.getByLabel('Subject').fill('Mathematics');
    await choose(select(dialog, 'Teacher'), teacherOption);
    await dialog.getByRole('button', { name: 'Add entry' }).click();
    const clash = dialog.getByTestId('clash');
    await clash.waitFor();
    expect(await clash.innerText()).toContain(
      `${teacher.name} already teaches Class 10-A on Monday, period 3.`,
    );
    await screenshot(page, 'admin-timetable-clash');
    await expectNoSeriousViolations(page, 'timetable clash');
    // Another period is free.
    await choose(select(dialog, 'Period'), /^Period 4 /);
    await dialog.getByRole('button', { name: 'Add entry' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await notified('Mathematics added on Monday, period 4.');

    // The teacher's week shows both lessons.
    await page.getByText('By teacher').click();
    await choose(select(page, 'Teacher'), teacherOption);
    await expect.poll(() => page.getByTestId('timetable-entry').count()).toBe(2);
    await screenshot(page, 'admin-timetable-teacher');
    await expectNoSeriousViolations(page, 'timetable by teacher');

    // An entry opens to be changed or deleted.
    await page.getByTestId('timetable-entry').filter({ hasText: 'Class 9-B' }).click();
    dialog = page.getByRole('dialog', { name: /Edit .*entry/ });
    await dialog.getByRole('button', { name: 'Delete…' }).click();
    await dialog.getByRole('button', { name: 'Delete entry' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await notified('The timetable entry was deleted.');
    await expect.poll(() => page.getByTestId('timetable-entry').count()).toBe(1);
  });

  it('counts the school on the dashboard, with today’s lessons and recent activity', async () => {
    // A lesson today, whatever day the test runs on, so today's timetable has something to show.
    const token = await sessionToken(page);
    const today = WEEKDAYS[(new Date().getDay() + 6) % 7] ?? 'Monday';
    const classes = await callApi(rig.station.url, 'classes.list', { search: '10-A' }, token);
    const teachers = await callApi(rig.station.url, 'users.list', { role: 'teacher' }, token);
    const classId = classes.items[0]?.id ?? '';
    const teacherId = teachers.items[0]?.id ?? '';
    // The default school week is Monday to Saturday: on a Sunday there are no lessons to show.
    const schoolDay = today !== 'Sunday';
    if (schoolDay && today !== 'Monday') {
      await callApi(
        rig.station.url,
        'schedules.create',
        { classId, teacherId, subject: 'Science', day: today, period: 1 },
        token,
      );
    }

    await goTo('Dashboard');
    await expect.poll(() => page.getByTestId('count-teachers').innerText()).toBe('1');
    expect(await page.getByTestId('count-students').innerText()).toBe('2');
    expect(await page.getByTestId('count-classes').innerText()).toBe('2');
    if (schoolDay) {
      const lessons = page.getByRole('table', { name: `Lessons on ${today}` });
      await lessons.waitFor();
      expect(await lessons.innerText()).toContain('Class 10-A');
    }
    await page.getByText(`${school.username}`).first().waitFor();
    await screenshot(page, 'admin-dashboard');
    await expectNoSeriousViolations(page, 'dashboard');
  });

  it('pages through the people: next and previous beside the rows shown, a page number by offset', async () => {
    // 19 more people, a dozen of them with one name (told apart by id): 22 in all, three pages of 10.
    const token = await sessionToken(page);
    for (let i = 1; i <= 19; i += 1) {
      const n = String(i).padStart(2, '0');
      await callApi(
        rig.station.url,
        'users.create',
        {
          role: 'student',
          username: `pager${n}`,
          password: 'student-Pass-1',
          name: i <= 12 ? 'Pat Same' : `Pat ${n}`,
        },
        token,
      );
    }
    const everyone = await callApi(rig.station.url, 'users.list', { pageSize: 100 }, token);
    expect(everyone.total).toBe(22);
    const order = everyone.items.map((u) => u.username);
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/rpc/users.list')) sent.push(request.postData() ?? '');
    });
    const lastSent = () => decodeRpc(sent.at(-1) ?? '{}') as Record<string, unknown>;
    const table = page.getByRole('table', { name: 'Teachers and students' });
    const shows = async (from: number, to: number) => {
      await page.getByText(`${from}–${to} of 22 people`).waitFor();
      await expect
        .poll(() => table.locator('tbody tr td:nth-child(2)').allInnerTexts())
        .toEqual(order.slice(from - 1, to));
    };
    const pages = page.getByLabel('Pages of people');

    await goTo('People');
    await choose(select(page, 'Rows per page'), '10');
    await shows(1, 10);
    await pages.getByRole('button', { name: 'Next page' }).click();
    await shows(11, 20);
    expect(lastSent()).toMatchObject({ page: 2, after: { name: 'Pat Same', id: everyone.items[9]?.id } });
    await pages.getByRole('button', { name: 'Next page' }).click();
    await shows(21, 22);
    expect(lastSent()).toMatchObject({ page: 3, after: { id: everyone.items[19]?.id } });
    await pages.getByRole('button', { name: 'Previous page' }).click();
    await shows(11, 20);
    expect(lastSent()).toMatchObject({ page: 2, before: { id: everyone.items[20]?.id } });
    // Back to the start and a jump to the last page: by number.
    await pages.getByRole('button', { name: 'First page' }).click();
    await shows(1, 10);
    await pages.getByRole('button', { name: 'Page 3' }).click();
    await shows(21, 22);
    expect(lastSent()).toEqual({ page: 3, pageSize: 10 });
  });

  it('left no errors in the page', () => {
    expect(rig.pageErrors).toEqual([]);
  });
});
