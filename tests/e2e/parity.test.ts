/**
 * Issue 19 in Debian Chromium against the real station and engine: what a school that used the original system
 * expects day to day. A school, its teacher (class teacher of Class 7-A) and two students are set up through the
 * API; then, through the screens: the teacher fills in their own profile (department, phone), the office sees
 * and edits it on People, the student sees their class on their profile; with a second school on the station,
 * a student picks their school from the list by name instead of typing a code; the office numbers the class
 * alphabetically and moves a student in one step; the teacher sees the roll numbers in the register, deletes a
 * chat message (the student sees "Message deleted"); dark mode is chosen in the header and remembered. Every new
 * screen is photographed and checked with axe (runAxe checks light and dark).
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, openApp, screenshot, signIn, signOut } from './support/app';
import { expectNoSeriousViolations, useStationAndBrowser } from './support/rig';

// 401: a call or event stream of a session that has just been signed out is refused on its way out.
const rig = useStationAndBrowser('parity', { expectedConsoleErrors: /status of 401/ });
let page: Page;

const school = {
  username: `parity_${Date.now().toString(36)}`,
  password: 'admin-Pass-1',
  name: 'Office Admin',
  institutionName: 'Riverside High School',
};
const otherSchool = {
  username: `other_${Date.now().toString(36)}`,
  password: 'admin-Pass-2',
  name: 'Other Office',
  institutionName: 'Hillview Academy',
};
const teacher = { username: 'Pratik sir', password: 'teacher-Pass-1', name: 'Pratik Shah' };
const asha = { username: 'asha', password: 'student-Pass-1', name: 'Asha Rao' };
const ben = { username: 'ben', password: 'student-Pass-2', name: 'Ben Ortiz' };
const className = 'Class 7-A';
const otherClassName = 'Class 7-B';
let adminToken = '';
let classId = '';

beforeAll(async () => {
  await callApi(rig.station.url, 'auth.registerInstitution', school);
  const admin = await callApi(rig.station.url, 'auth.login', {
    username: school.username,
    password: school.password,
  });
  adminToken = admin.token;
  const t = await callApi(rig.station.url, 'users.create', { role: 'teacher', ...teacher }, admin.token);
  const studentIds: string[] = [];
  for (const s of [asha, ben]) {
    studentIds.push(
      (await callApi(rig.station.url, 'users.create', { role: 'student', ...s }, admin.token)).id,
    );
  }
  const cls = await callApi(
    rig.station.url,
    'classes.create',
    { name: className, grade: 7, section: 'A', teacherId: t.id, subjects: ['Mathematics'] },
    admin.token,
  );
  await callApi(rig.station.url, 'classes.addStudents', { classId: cls.id, studentIds }, admin.token);
  classId = cls.id;
  await callApi(
    rig.station.url,
    'classes.create',
    { name: otherClassName, grade: 7, section: 'B', subjects: ['Mathematics'] },
    admin.token,
  );

  page = rig.page;
  await openApp(page, rig.station.url);
});

async function signInAs(
  who: { username: string; password: string },
  as: 'admin' | 'teacher' | 'student',
  institutionName?: string,
): Promise<void> {
  if (await page.getByTestId('user-menu').isVisible()) await signOut(page);
  const outcome = await signIn(page, {
    as,
    ...(institutionName ? { institutionName } : {}),
    username: who.username,
    password: who.password,
  });
  expect(outcome).toEqual({ signedIn: true });
}

async function openProfile(): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'My profile' }).click();
  await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
}

const fact = (label: string) => page.locator(`[data-testid="profile-fact"][data-label="${label}"]`);

describe('own profile', () => {
  it('lets the teacher fill in their profile; it is kept on the server', async () => {
    await signInAs(teacher, 'teacher');
    await openProfile();
    const form = page.getByRole('form', { name: 'Your profile' });
    await form.getByLabel('Phone').fill('+91 98765 43210');
    await form.getByLabel('Department').fill('Mathematics');
    await form.getByLabel('Employee number').fill('T-042');
    await form.getByLabel('Email').fill('not-an-email');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await form.getByText('Enter an email address').first().waitFor();
    await form.getByLabel('Email').fill('pratik@riverside.edu');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Your profile was saved.').waitFor();
    await screenshot(page, 'teacher-profile');
    await expectNoSeriousViolations(page, 'teacher, profile', { bothSchemes: true });

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    await expect.poll(() => form.getByLabel('Department').inputValue()).toBe('Mathematics');
    expect(await form.getByLabel('Phone').inputValue()).toBe('+91 98765 43210');
    expect(await fact('Role').innerText()).toContain('Teacher');
  });

  it('lets the office see and change the same fields on People', async () => {
    await signInAs(school, 'admin');
    await page
      .getByRole('navigation', { name: 'Office workspace' })
      .getByRole('link', { name: 'People', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    await page.getByRole('button', { name: `Manage ${teacher.name}` }).click();
    await page.getByRole('menuitem', { name: 'Edit details' }).click();
    const dialog = page.getByRole('dialog', { name: `Edit ${teacher.name}` });
    await expect.poll(() => dialog.getByLabel('Department').inputValue()).toBe('Mathematics');
    await dialog.getByLabel('Department').fill('Science');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const teachers = await callApi(rig.station.url, 'users.list', { role: 'teacher' }, adminToken);
    expect(teachers.items[0]?.department).toBe('Science');
  });

  it("shows the student their class, read-only, and keeps the admin's own profile", async () => {
    await openProfile();
    await page.getByRole('form', { name: 'Your profile' }).getByLabel('Phone').fill('020 555 0100');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Your profile was saved.').waitFor();
    expect(await page.getByLabel('Department').count()).toBe(0);

    await signInAs(asha, 'student');
    await openProfile();
    expect(await fact('Class').innerText()).toContain(className);
    expect(await page.getByLabel('Department').count()).toBe(0);
    expect(await page.getByLabel('Class').count()).toBe(0);
    await screenshot(page, 'student-profile');
    await expectNoSeriousViolations(page, 'student, profile', { bothSchemes: true });
  });
});

async function go(workspace: 'Office' | 'Teacher' | 'Student', label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: `${workspace} workspace` })
    .getByRole('link', { name: label, exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: label }).waitFor();
}

describe('roll numbers and moving a student', () => {
  it('numbers the class alphabetically and moves a student in one step', async () => {
    await signInAs(school, 'admin');
    await go('Office', 'Classes');
    await page.getByRole('button', { name: `Manage ${className}` }).click();
    await page.getByRole('menuitem', { name: 'Students and teacher' }).click();
    const drawer = page.getByRole('dialog', { name: className });
    await drawer.getByRole('button', { name: 'Number alphabetically' }).click();
    await expect.poll(() => drawer.getByLabel(`Roll number of ${asha.name}`).inputValue()).toBe('1');
    await expect.poll(() => drawer.getByLabel(`Roll number of ${ben.name}`).inputValue()).toBe('2');
    await screenshot(page, 'office-class-roll-numbers', { fullPage: false });
    await expectNoSeriousViolations(page, 'office, class drawer with roll numbers', { bothSchemes: true });

    await drawer.getByLabel(`Move ${ben.name} to`).click();
    await page.getByRole('option', { name: otherClassName }).click();
    await drawer.getByRole('button', { name: `Move ${ben.name}`, exact: true }).click();
    await expect.poll(() => drawer.getByTestId('roster-row').count()).toBe(1);
    await page.keyboard.press('Escape');

    // People: the class column and the class filter.
    await go('Office', 'People');
    const table = page.getByRole('table', { name: 'Teachers and students' });
    await expect
      .poll(() => table.getByRole('row').filter({ hasText: ben.name }).innerText())
      .toContain(otherClassName);
    await screenshot(page, 'office-people-classes');
    await expectNoSeriousViolations(page, 'office, people with classes', { bothSchemes: true });
  });

  it('shows the teacher the roll numbers in the register', async () => {
    await signInAs(teacher, 'teacher');
    await go('Teacher', 'Register');
    const row = page.getByTestId('register-row').filter({ hasText: asha.name });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/^1\s/);
  });
});

describe('chat: deleting your own message', () => {
  it('shows "Message deleted" to both sides', async () => {
    await go('Teacher', 'Chat');
    await page.getByTestId('conversation').filter({ hasText: asha.name }).click();
    const input = page.getByRole('textbox', { name: `Message to ${asha.name}` });
    await input.fill('Bring your atlas tomorrow');
    await input.press('Enter');
    const sent = page.getByTestId('message').filter({ hasText: 'Bring your atlas tomorrow' });
    await sent.waitFor();
    await sent.getByRole('button', { name: 'Delete your message' }).click();
    await page.getByTestId('message').filter({ hasText: 'Message deleted' }).waitFor();
    // The conversation list's preview follows when it has fetched again.
    await expect.poll(() => page.getByText('Bring your atlas tomorrow').count()).toBe(0);
    await screenshot(page, 'teacher-chat-deleted', { fullPage: false });

    await signInAs(asha, 'student');
    await go('Student', 'Chat');
    await page.getByTestId('conversation').filter({ hasText: teacher.name }).click();
    await page.getByTestId('message').filter({ hasText: 'Message deleted' }).waitFor();
    await expect.poll(() => page.getByText('Bring your atlas tomorrow').count()).toBe(0);
    await expectNoSeriousViolations(page, 'student, chat with a deleted message', { bothSchemes: true });
  });
});

describe('dark mode', () => {
  it('is chosen in the header, remembered over a reload, and readable', async () => {
    const toggle = page.getByTestId('color-scheme-toggle');
    const before = await toggle.getAttribute('data-scheme');
    expect(before).toBe('light');
    await toggle.click();
    await expect
      .poll(() =>
        page.evaluate<string | null>('document.documentElement.getAttribute("data-mantine-color-scheme")'),
      )
      .toBe('dark');
    await openProfile();
    await screenshot(page, 'dark-student-profile');
    await expectNoSeriousViolations(page, 'student, profile, dark', { bothSchemes: true });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    expect(await page.getByTestId('color-scheme-toggle').getAttribute('data-scheme')).toBe('dark');
    await go('Student', 'Assignments');
    await screenshot(page, 'dark-student-assignments');
    await page.getByTestId('color-scheme-toggle').click();
    await expect
      .poll(() =>
        page.evaluate<string | null>('document.documentElement.getAttribute("data-mantine-color-scheme")'),
      )
      .toBe('light');
  });
});

describe('lists follow the clock (finding 2)', () => {
  it("turns the student's Pending into Overdue when the due date passes with the list open", async () => {
    const teacherToken = (
      await callApi(rig.station.url, 'auth.login', {
        username: teacher.username,
        password: teacher.password,
        institution: school.username,
      })
    ).token;
    await callApi(
      rig.station.url,
      'assignments.create',
      { title: 'Quick quiz', classIds: [classId], dueDate: new Date(Date.now() + 6_000) },
      teacherToken,
    );
    await go('Student', 'Assignments');
    const row = page.getByTestId('assignment-row').filter({ hasText: 'Quick quiz' });
    await expect.poll(() => row.getAttribute('data-state')).toBe('pending');
    // No click, no reload: the page fetches again when the due date passes.
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 15_000 }).toBe('overdue');
  });
});

describe('signing in without the institution code', () => {
  it('lists the schools by name on a station with two; the student picks theirs', async () => {
    await callApi(rig.station.url, 'auth.registerInstitution', otherSchool);
    await signOut(page);
    await page.reload();
    await page.getByRole('tab', { name: 'Sign in' }).waitFor();
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByRole('radiogroup', { name: 'Sign in as' }).getByText('Student', { exact: true }).click();
    const list = form.getByLabel('School', { exact: true });
    await list.waitFor();
    await list.click();
    // Names only: no admin username in the list.
    const options = await page.getByRole('option').allInnerTexts();
    expect(options.sort()).toEqual([otherSchool.institutionName, school.institutionName].sort());
    expect(options.join(' ')).not.toContain(school.username);
    await page.keyboard.press('Escape');
    await screenshot(page, 'start-sign-in-school-list', { fullPage: false });
    await expectNoSeriousViolations(page, 'start screen, school list', { bothSchemes: true });

    await signInAs(ben, 'student', school.institutionName);
    await signOut(page);
    // Remembered on this device: the student's way in and the school.
    await expect
      .poll(() => form.getByLabel('School', { exact: true }).inputValue())
      .toBe(school.institutionName);
    expect(
      await form
        .getByRole('radiogroup', { name: 'Sign in as' })
        .getByRole('radio', { name: 'Student' })
        .isChecked(),
    ).toBe(true);
  });

  it('left no errors in the page', () => {
    expect(rig.pageErrors).toEqual([]);
  });
});
