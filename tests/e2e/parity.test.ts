/**
 * Issue 19 in Debian Chromium against the real station and engine: what a school that used the original system
 * expects day to day. A school, its teacher (class teacher of Class 7-A) and two students are set up through the
 * API; then, through the screens: the teacher fills in their own profile (department, phone), the office sees
 * and edits it on People, the student sees their class on their profile; with a second school on the station,
 * a student picks their school from the list by name instead of typing a code. Every new screen is photographed
 * and checked with axe.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { startStationProcess, type StationProcess } from '../support/station';
import { makeTempDir } from '../support/temp-dir';
import { callApi, formatViolations, openApp, runAxe, screenshot, signIn, signOut } from './support/app';

const temp = makeTempDir('crm-e2e-parity');
let station: StationProcess;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const pageErrors: string[] = [];

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
let adminToken = '';

/** Waits until the station answers /api/health with 200 (the engine and services are up). */
async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const ok = await fetch(new URL('/api/health', url)).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error('the station did not become healthy');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  const rendererDir = process.env.CRM_RENDERER_DIR;
  station = await startStationProcess(temp.dir, rendererDir ? { CRM_RENDERER_DIR: rendererDir } : {});
  await waitForHealth(station.url);
  await callApi(station.url, 'auth.registerInstitution', school);
  const admin = await callApi(station.url, 'auth.login', {
    username: school.username,
    password: school.password,
  });
  adminToken = admin.token;
  const t = await callApi(station.url, 'users.create', { role: 'teacher', ...teacher }, admin.token);
  const studentIds: string[] = [];
  for (const s of [asha, ben]) {
    studentIds.push((await callApi(station.url, 'users.create', { role: 'student', ...s }, admin.token)).id);
  }
  const cls = await callApi(
    station.url,
    'classes.create',
    { name: className, grade: 7, section: 'A', teacherId: t.id, subjects: ['Mathematics'] },
    admin.token,
  );
  await callApi(station.url, 'classes.addStudents', { classId: cls.id, studentIds }, admin.token);

  chromium = await launchChromium();
  page = await chromium.context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 503/.test(msg.text())) pageErrors.push(msg.text());
  });
  await openApp(page, station.url);
});

afterAll(async () => {
  await chromium?.close();
  await station?.stop();
  temp.remove();
});

async function expectNoSeriousViolations(where: string): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, `${where}:\n${formatViolations(violations)}`).toEqual([]);
}

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
    await expectNoSeriousViolations('teacher, profile');

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
    const teachers = await callApi(station.url, 'users.list', { role: 'teacher' }, adminToken);
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
    await expectNoSeriousViolations('student, profile');
  });
});

describe('signing in without the institution code', () => {
  it('lists the schools by name on a station with two; the student picks theirs', async () => {
    await callApi(station.url, 'auth.registerInstitution', otherSchool);
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
    await expectNoSeriousViolations('start screen, school list');

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
    expect(pageErrors).toEqual([]);
  });
});
