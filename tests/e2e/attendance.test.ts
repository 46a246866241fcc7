/**
 * Attendance (issue 18) in Debian Chromium against the real station and engine. A school, its teacher (class
 * teacher of Class 7-A) and three students are set up through the API; then, through the screens: the teacher
 * takes today's register, marking one student absent and one late; the office sees the absence on its
 * Attendance page, excuses it with the parent's reason and exports the month as CSV; the excused student sees
 * their record. Every page is photographed and checked with axe on the way.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot } from './support/app';
import { expectNoSeriousViolations, goTo, setUpSchool, signInAs, useStationAndBrowser } from './support/rig';

const rig = useStationAndBrowser('attendance');
let page: Page;

const school = {
  username: `present_${Date.now().toString(36)}`,
  password: 'admin-Pass-1',
  name: 'Office Admin',
  institutionName: 'Riverside High School',
};
const teacher = { username: 'Pratik sir', password: 'teacher-Pass-1', name: 'Pratik Shah' };
const asha = { username: 'asha', password: 'student-Pass-1', name: 'Asha Rao' };
const ben = { username: 'ben', password: 'student-Pass-2', name: 'Ben Ortiz' };
const chen = { username: 'chen', password: 'student-Pass-3', name: 'Chen Li' };
const className = 'Class 7-A';
const reason = 'Ill with a fever, his mother called.';

beforeAll(async () => {
  // The class teacher takes the register; no timetable entry is needed for that.
  await setUpSchool(rig.station.url, school, teacher, [asha, ben, chen], {
    name: className,
    grade: 7,
    section: 'A',
    subjects: ['Mathematics'],
  });
  page = rig.page;
  await openApp(page, rig.station.url);
});

/** Clicks and answers the download it starts, with its name and text. */
async function download(click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const saved = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(saved, 'utf8') };
}

/** A student's row of the register: their status control is a radio group named after them. */
const statusOf = (name: string) => page.getByRole('radiogroup', { name });
const registerRow = (name: string) => page.getByTestId('register-row').filter({ hasText: name });

describe('attendance: take the register, excuse an absence, see your record', () => {
  it("lets the teacher take today's register: one absent, one late", async () => {
    await signInAs(page, teacher, school.username);
    await goTo(page, 'Teacher', 'Register');
    const table = page.getByRole('table', { name: `Register of ${className}` });
    await table.getByText(chen.name).waitFor();
    expect(await page.getByTestId('register-status').innerText()).toContain('Not taken yet');
    // Everyone starts present.
    expect(await statusOf(asha.name).getByRole('radio', { name: 'Present' }).isChecked()).toBe(true);

    await statusOf(ben.name).getByText('Absent', { exact: true }).click();
    await statusOf(chen.name).getByText('Late', { exact: true }).click();
    await page.getByLabel(`Minutes late, ${chen.name}`).fill('10');
    expect(await registerRow(ben.name).getAttribute('data-status')).toBe('absent');
    await page.getByRole('button', { name: 'Save register' }).click();

    await page.getByTestId('register-status').getByText(`Taken by ${teacher.name} at`).waitFor();
    // The saved register comes back from the server with the marks as set.
    expect(await registerRow(ben.name).getAttribute('data-status')).toBe('absent');
    expect(await registerRow(chen.name).getAttribute('data-status')).toBe('late');
    expect(await page.getByLabel(`Minutes late, ${chen.name}`).inputValue()).toBe('10');
    expect(await registerRow(asha.name).getAttribute('data-status')).toBe('present');
    await screenshot(page, 'teacher-register');
    await expectNoSeriousViolations(page, 'teacher, register');
  });

  it('shows the office the absence; it excuses it with a reason and exports CSV', async () => {
    await signInAs(page, school);
    await goTo(page, 'Office', 'Attendance');
    await page.getByTestId('registers-taken').getByText('Registers taken: 1 of 1 class').waitFor();
    const table = page.getByRole('table', { name: /^Absences on / });
    const benRow = table.getByRole('row').filter({ hasText: ben.name });
    await benRow.waitFor();
    expect(await benRow.innerText()).toContain(className);
    expect(await benRow.innerText()).toContain('Absent');
    expect(await benRow.innerText()).toContain(teacher.name);
    const chenRow = table.getByRole('row').filter({ hasText: chen.name });
    expect(await chenRow.innerText()).toContain('Late');
    expect(await chenRow.innerText()).toContain('10');
    expect(await table.getByRole('row').filter({ hasText: asha.name }).count()).toBe(0);
    await screenshot(page, 'office-attendance');
    await expectNoSeriousViolations(page, 'office, attendance');

    await benRow.getByRole('button', { name: `Excuse ${ben.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Excuse ${ben.name}` });
    // A reason is required.
    await dialog.getByRole('button', { name: 'Mark excused' }).click();
    await dialog.getByText('Say why, as the parent told you.').waitFor();
    await dialog.getByLabel('Reason').fill(reason);
    await screenshot(page, 'office-excuse', { fullPage: false });
    await expectNoSeriousViolations(page, 'office, excuse dialog');
    await dialog.getByRole('button', { name: 'Mark excused' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await benRow.getByText('Excused', { exact: true }).waitFor();
    expect(await benRow.innerText()).toContain(reason);
    expect(await benRow.getByRole('button', { name: `Excuse ${ben.name}` }).count()).toBe(0);

    const csv = await download(() => page.getByRole('button', { name: 'Export CSV' }).click());
    expect(csv.name).toMatch(/\.csv$/);
    expect(csv.text).toContain(ben.name);
    expect(csv.text).toContain(chen.name);
  });

  it("shows the office the school's analytics, a class's weekly rate and a student's term calendar", async () => {
    await goTo(page, 'Office', 'Analytics');
    const row = page.getByTestId('class-row').filter({ hasText: className });
    await row.waitFor();
    // Today: Asha present, Ben excused, Chen late → in class for 2 of the 2 lessons that counted.
    expect(await row.innerText()).toContain('100%');
    await page.locator('[data-testid="stat"][data-label="Attendance"]').getByText('100%').waitFor();
    await screenshot(page, 'office-school-analytics');
    await expectNoSeriousViolations(page, 'office, school analytics');

    await goTo(page, 'Office', 'Dashboard');
    await page.getByTestId('glance-attendance').getByText('100%').waitFor();
    expect(await page.getByText('1 of 1 register taken').count()).toBe(1);
    await screenshot(page, 'office-dashboard-glance');

    await goTo(page, 'Office', 'Attendance');
    await page.getByRole('tab', { name: 'Classes' }).click();
    await page.getByRole('heading', { name: `${className}: 100% in class` }).waitFor();
    await page.getByTestId('below-empty').waitFor();
    await screenshot(page, 'office-attendance-classes');
    await expectNoSeriousViolations(page, 'office, attendance by class');

    await page.getByRole('tab', { name: 'Students' }).click();
    await page.getByRole('combobox', { name: 'Student' }).fill('Ben');
    await page.getByRole('option', { name: ben.name }).click();
    await page.getByTestId('record-rate').waitFor();
    expect(await page.getByTestId('record-away-row').innerText()).toContain(reason);
    // Today is tinted as excused in the calendar, and named so.
    const today = page.locator('button[data-status="excused"]').first();
    expect(await today.getAttribute('aria-label')).toMatch(/: Excused$/);
    await screenshot(page, 'office-attendance-student-calendar');
    await expectNoSeriousViolations(page, "office, a student's attendance calendar");
  });

  it("imports India's public holidays once: the second import adds none", async () => {
    await goTo(page, 'Office', 'Calendar');
    await page.getByRole('button', { name: 'Import public holidays' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import public holidays' });
    // India is offered first and chosen already.
    expect(await dialog.getByRole('combobox', { name: 'Country' }).inputValue()).toBe('India');
    await dialog.getByRole('textbox', { name: 'Year' }).fill('2026');
    await dialog.getByRole('button', { name: 'Import' }).click();
    await dialog
      .getByTestId('import-result')
      .getByText('6 public holidays added, 0 already there.')
      .waitFor();
    await screenshot(page, 'office-import-holidays', { fullPage: false });
    await expectNoSeriousViolations(page, 'office, import public holidays');
    await dialog.getByRole('button', { name: 'Import again' }).click();
    await dialog
      .getByTestId('import-result')
      .getByText('0 public holidays added, 6 already there.')
      .waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The calendar shows the year's first holiday's month: Republic Day, green as a public holiday.
    const entry = page
      .locator('[data-testid="calendar-entry"][data-kind="public"]')
      .filter({ hasText: 'Republic Day' });
    await entry.waitFor();
    await screenshot(page, 'office-calendar-public-holidays');
    await expectNoSeriousViolations(page, 'office, calendar with public holidays');
  });

  it('shows the excused student their record', async () => {
    await signInAs(page, ben, school.username);
    await goTo(page, 'Student', 'Attendance');
    const rate = page.getByTestId('attendance-rate');
    await rate.waitFor();
    expect(await rate.innerText()).toContain("excused absences don't count against you");
    await page
      .locator('[data-testid="stat"][data-label="Excused"]')
      .getByText('1', { exact: true })
      .waitFor();
    const row = page.getByRole('table', { name: 'Days you were not present' }).getByRole('row').filter({
      hasText: reason,
    });
    await row.waitFor();
    expect(await row.innerText()).toContain('Excused');
    await screenshot(page, 'student-attendance');
    await expectNoSeriousViolations(page, 'student, attendance');
  });

  it('left no errors in the page', () => {
    expect(rig.pageErrors).toEqual([]);
  });
});
