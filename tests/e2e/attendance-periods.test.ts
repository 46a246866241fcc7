/**
 * Attendance in every lesson (issue 18) in Debian Chromium against the real station and engine. A school with a
 * teacher, three students and a class is set up through the API, with two lessons of the teacher's today (the
 * first over a minute after midnight, the second on until the end of the day). Through the screens: the office
 * switches Settings to "In every lesson"; the teacher opens each lesson's register from "My day" and marks a
 * student absent from the first; the office's day shows the lessons taken and the student partly absent, and
 * excuses the lesson when a parent calls; the student's calendar and own record count lessons.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { WEEKDAYS } from '../../shared/domain';
import { callApi, openApp, screenshot } from './support/app';
import { expectNoSeriousViolations, goTo, setUpSchool, signInAs, useStationAndBrowser } from './support/rig';

const rig = useStationAndBrowser('attendance-periods');
let page: Page;

const school = {
  username: `lessons_${Date.now().toString(36)}`,
  password: 'admin-Pass-1',
  name: 'Office Admin',
  institutionName: 'Hillside School',
};
const teacher = { username: 'omar', password: 'teacher-Pass-1', name: 'Omar Khan' };
const asha = { username: 'asha', password: 'student-Pass-1', name: 'Asha Rao' };
const ben = { username: 'ben', password: 'student-Pass-2', name: 'Ben Ortiz' };
const chen = { username: 'chen', password: 'student-Pass-3', name: 'Chen Li' };
const className = 'Class 8-A';

beforeAll(async () => {
  const url = rig.station.url;
  const set = await setUpSchool(url, school, teacher, [asha, ben, chen], {
    name: className,
    grade: 8,
    section: 'A',
  });
  // Every day a school day with two periods: the first is over by 00:01, the second lasts the day.
  await callApi(
    url,
    'week.update',
    {
      days: [...WEEKDAYS],
      periods: [
        { timeSlot: '0:00-0:01', breakAfter: false },
        { timeSlot: '0:01-23:59', breakAfter: false },
      ],
    },
    set.adminToken,
  );
  const day = WEEKDAYS[(new Date().getDay() + 6) % 7] ?? 'Monday';
  for (const [period, subject] of [
    [1, 'Mathematics'],
    [2, 'Science'],
  ] as const) {
    await callApi(
      url,
      'schedules.create',
      { teacherId: set.teacherId, classId: set.classId, subject, day, period },
      set.adminToken,
    );
  }
  page = rig.page;
  await openApp(page, url);
});

const statusOf = (name: string) => page.getByRole('radiogroup', { name });

describe('attendance in every lesson', () => {
  it('the office chooses to take attendance in every lesson', async () => {
    await signInAs(page, school);
    await goTo(page, 'Office', 'Settings');
    const card = page.getByRole('region', { name: 'Attendance' });
    expect(await card.getByRole('radio', { name: 'Once a day' }).isChecked()).toBe(true);
    await card.getByRole('radio', { name: 'In every lesson' }).check();
    await card.getByRole('button', { name: 'Save attendance setting' }).click();
    await page.getByText('Attendance is now taken in every lesson.').waitFor();
    expect(await card.getByRole('button', { name: 'Save attendance setting' }).isDisabled()).toBe(true);
    await screenshot(page, 'office-settings-attendance');
    await expectNoSeriousViolations(page, 'office, settings with the attendance mode');
  });

  it("the teacher opens each lesson's register from My day and takes it", async () => {
    await signInAs(page, teacher, school.username);
    await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
    await page.getByRole('link', { name: `Register of ${className}, period 1` }).click();
    await page.getByRole('heading', { level: 1, name: 'Register' }).waitFor();
    const status = page.getByTestId('register-status');
    await status.getByText('Period 1 · Mathematics. Not taken yet.').waitFor();
    await page
      .getByRole('table', { name: `Register of ${className}` })
      .getByText(chen.name)
      .waitFor();
    await statusOf(ben.name).getByText('Absent', { exact: true }).click();
    await page.getByRole('button', { name: 'Save register' }).click();
    await status.getByText(`Taken by ${teacher.name} at`).waitFor();
    await screenshot(page, 'teacher-register-lesson');
    await expectNoSeriousViolations(page, "teacher, a lesson's register");

    await goTo(page, 'Teacher', 'My day');
    await page.getByRole('link', { name: `Register of ${className}, period 2` }).click();
    await status.getByText('Period 2 · Science. Not taken yet.').waitFor();
    await page.getByRole('button', { name: 'Save register' }).click();
    await status.getByText(`Taken by ${teacher.name} at`).waitFor();
  });

  it('shows the office the lessons taken, and the student away from one of two as partly absent', async () => {
    await signInAs(page, school);
    await goTo(page, 'Office', 'Attendance');
    await page.getByTestId('lessons-taken').getByText('Lesson registers: 2 of 2 lessons').waitFor();
    const table = page.getByRole('table', { name: /^Absences on / });
    const benRow = table.getByRole('row').filter({ hasText: ben.name });
    await benRow.waitFor();
    expect(await benRow.innerText()).toContain('Period 1');
    expect(await benRow.getByTestId('absence-day').innerText()).toBe('Partly absent');
    await screenshot(page, 'office-attendance-lessons');
    await expectNoSeriousViolations(page, 'office, attendance by lesson');

    await page.getByRole('tab', { name: 'Students' }).click();
    await page.getByRole('combobox', { name: 'Student' }).fill('Ben');
    await page.getByRole('option', { name: ben.name }).click();
    await page.getByTestId('record-rate').getByText('50% of lessons').waitFor();
    expect(await page.getByTestId('record-days').innerText()).toContain('partly absent 1 day');
    const today = page.locator('button[data-status="partial"]').first();
    expect(await today.getAttribute('aria-label')).toMatch(/: Partly absent$/);
    await expectNoSeriousViolations(page, "office, a student's lessons in the calendar");

    // A parent calls: the lesson's mark is excused, with every other lesson missed that day unless unticked.
    await page.getByRole('tab', { name: 'Day' }).click();
    await benRow.getByRole('button', { name: `Excuse ${ben.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Excuse ${ben.name}` });
    const allDay = dialog.getByRole('checkbox', { name: 'Also every other lesson missed that day' });
    expect(await allDay.isChecked()).toBe(true);
    await dialog.getByLabel('Reason').fill('Doctor in the morning');
    await expectNoSeriousViolations(page, 'office, excuse a lesson');
    await dialog.getByRole('button', { name: 'Mark excused' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await benRow.getByTestId('absence-day').getByText('Present').waitFor();
    expect(await benRow.innerText()).toContain('Doctor in the morning');
  });

  it('shows the student their record over lessons', async () => {
    await signInAs(page, ben, school.username);
    await goTo(page, 'Student', 'Attendance');
    // The excused lesson does not count: in class for the one that did.
    await page.getByTestId('attendance-rate').getByText('100% of lessons').waitFor();
    expect(await page.getByTestId('attendance-days').innerText()).toContain('Absent 0 days');
    await screenshot(page, 'student-attendance-lessons');
  });

  it('left no errors in the page', () => {
    expect(rig.pageErrors).toEqual([]);
  });
});
