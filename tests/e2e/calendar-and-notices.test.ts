/**
 * The pages every role shares (calendar, notices) and the admin's remaining pages (activity, health, settings),
 * in Debian Chromium against the real station and engine. Through the UI: the admin adds a holiday and
 * publishes a notice to teachers and students; a teacher and a student (created through the API) sign in and
 * see the holiday on their calendar and the notice, unread until they open it; the admin finds both in the
 * activity log, looks at the system's health, renames the institution, and finally deletes it, which needs the
 * typed name and the password and signs everyone out. axe finds nothing serious on any of these pages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  callApi,
  openApp,
  registerSchool,
  screenshot,
  sendPasswordChange,
  sessionToken,
  signIn,
  waitForShell,
} from './support/app';
import { expectNoSeriousViolations, goTo, signInAs, useStationAndBrowser } from './support/rig';

const rig = useStationAndBrowser('calendar', {
  expectedConsoleErrors: /status of (400|401)/,
  waitForEngine: false,
});
let page: Page;

const school = {
  username: `sunrise_${Date.now().toString(36)}`,
  password: 'admin-Pass-1',
  name: 'Meera Iyer',
  institutionName: 'Sunrise Public School',
};
const teacher = { username: 'Pratik sir', password: 'teacher-Pass-1', name: 'Pratik Shah' };
const student = { username: 'anya', password: 'student-Pass-1', name: 'Anya Kapoor' };
const holiday = { title: 'Founders Day', description: 'The school is closed. Enjoy the day!' };
const notice = {
  title: 'Sports week begins',
  body: 'Sports week starts next Monday.\nBring your kit every day.',
};
const renamed = 'Sunrise International School';
const newPassword = 'admin-Pass-2';

// The holiday goes on the 15th of the current month, so every reader's calendar opens on it.
const now = new Date();
const holidayDay = new Date(now.getFullYear(), now.getMonth(), 15, 12);
/** How Mantine's date picker names a day (dayjs, English): "15 September 2025". */
const pickerDayLabel = `15 ${holidayDay.toLocaleString('en', { month: 'long' })} ${holidayDay.getFullYear()}`;

beforeAll(() => {
  page = rig.page;
});

/** Waits until notifications have gone, so they neither cover the page nor show in screenshots. */
async function dismissNotifications(): Promise<void> {
  for (const close of await page.getByRole('button', { name: 'Close notification' }).all()) {
    await close.click().catch(() => undefined);
  }
  await expect.poll(() => page.getByRole('button', { name: 'Close notification' }).count()).toBe(0);
}

const entry = (title: string) => page.getByTestId('calendar-entry').filter({ hasText: title });
const noticeItem = (title: string) => page.getByTestId('notice').filter({ hasText: title });

describe('calendar, notices, activity, health and settings', () => {
  it('registers a school; the admin adds a teacher and a student through the API', async () => {
    await openApp(page, rig.station.url);
    await registerSchool(page, school);
    const token = await sessionToken(page);
    await callApi(rig.station.url, 'users.create', { role: 'teacher', ...teacher }, token);
    await callApi(rig.station.url, 'users.create', { role: 'student', ...student }, token);
  });

  it('the admin adds a holiday on the calendar', async () => {
    await goTo(page, 'Office', 'Calendar');
    await page.getByTestId('calendar-empty').waitFor();

    // An empty title is refused before anything is sent.
    await page.getByRole('button', { name: 'Add holiday or event' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add to the calendar' });
    await dialog.getByRole('button', { name: 'Add to the calendar' }).click();
    await dialog.getByText('Give it a title.').waitFor();

    await dialog.getByLabel('Date').click();
    await page.getByRole('button', { name: pickerDayLabel, exact: true }).click();
    await dialog.getByRole('radio', { name: 'Holiday' }).check();
    await dialog.getByLabel('Title').fill(holiday.title);
    await dialog.getByLabel('Description').fill(holiday.description);
    await screenshot(page, 'calendar-admin-form');
    await expectNoSeriousViolations(page, 'calendar, add form');
    await dialog.getByRole('button', { name: 'Add to the calendar' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(`Holiday "${holiday.title}" added.`).waitFor();

    await entry(holiday.title).waitFor();
    expect(await entry(holiday.title).getAttribute('data-type')).toBe('holiday');
    // The day on the grid says what is on it, and is tinted as a holiday.
    const day = page.getByRole('button', { name: `Holiday: ${holiday.title}` });
    expect(await day.getAttribute('data-holiday')).not.toBeNull();

    // An event beside it (set up through the API) shows the other colour; editing works through the UI.
    const token = await sessionToken(page);
    await callApi(
      rig.station.url,
      'calendar.create',
      {
        title: 'Science fair',
        type: 'event',
        date: new Date(now.getFullYear(), now.getMonth(), 22, 12),
        description: 'Projects in the main hall.',
      },
      token,
    );
    await page.getByRole('button', { name: 'Next month' }).click();
    await page.getByRole('button', { name: 'Previous month' }).click();
    await entry('Science fair').waitFor();
    await entry('Science fair').getByRole('button', { name: /^Edit/ }).click();
    const edit = page.getByRole('dialog', { name: 'Edit calendar entry' });
    await edit.getByLabel('Title').fill('Science fair 2.0');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'hidden' });
    await entry('Science fair 2.0').waitFor();

    await dismissNotifications();
    expect(await page.getByTestId('calendar-summary').innerText()).toBe('1 holiday, 1 event');
    await screenshot(page, 'calendar-admin');
    await expectNoSeriousViolations(page, 'calendar, admin');
  });

  it('the admin publishes a notice to teachers and students', async () => {
    await goTo(page, 'Office', 'Notices');
    await page.getByTestId('notices-empty').waitFor();
    await page.getByRole('button', { name: 'Write a notice' }).click();
    const dialog = page.getByRole('dialog', { name: 'Write a notice' });
    await dialog.getByLabel('Title').fill(notice.title);
    await dialog.getByLabel('Notice text').fill(notice.body);
    const teachers = dialog.getByRole('checkbox', { name: 'Teachers' });
    const students = dialog.getByRole('checkbox', { name: 'Students' });
    // Nobody chosen is refused; then both.
    await teachers.uncheck();
    await students.uncheck();
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await dialog.getByText('Choose who should read it.').waitFor();
    await teachers.check();
    await students.check();
    await screenshot(page, 'notices-admin-compose');
    await expectNoSeriousViolations(page, 'notices, compose');
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(`"${notice.title}" was published.`).waitFor();

    await noticeItem(notice.title).waitFor();
    // The author has read their own notice.
    expect(await noticeItem(notice.title).getAttribute('data-read')).toBe('true');
    await noticeItem(notice.title)
      .getByRole('button', { name: new RegExp(notice.title) })
      .click();
    await noticeItem(notice.title).getByText('To teachers and students').waitFor();
    await noticeItem(notice.title).getByRole('button', { name: 'Delete notice' }).waitFor();
    await dismissNotifications();
    await screenshot(page, 'notices-admin');
    await expectNoSeriousViolations(page, 'notices, admin');
  });

  for (const reader of [
    { role: 'teacher', nav: 'Teacher', ...teacher },
    { role: 'student', nav: 'Student', ...student },
  ] as const) {
    it(`a ${reader.role} sees the holiday and the notice, unread until opened`, async () => {
      await signInAs(page, reader, school.username);

      await goTo(page, reader.nav, 'Calendar');
      await entry(holiday.title).waitFor();
      expect(await entry(holiday.title).getAttribute('data-type')).toBe('holiday');
      expect(await entry(holiday.title).innerText()).toContain(holiday.description);
      await page.getByRole('button', { name: `Holiday: ${holiday.title}` }).waitFor();
      // Read-only: nothing to add, edit or delete.
      expect(await page.getByRole('button', { name: 'Add holiday or event' }).count()).toBe(0);
      expect(await entry(holiday.title).getByRole('button').count()).toBe(0);
      // Choosing the day shows only its entries.
      await page.getByRole('button', { name: `Holiday: ${holiday.title}` }).click();
      expect(await page.getByTestId('calendar-entry').count()).toBe(1);
      await page.getByRole('button', { name: 'Show the whole month' }).click();
      expect(await page.getByTestId('calendar-entry').count()).toBe(2);
      await screenshot(page, `calendar-${reader.role}`);
      await expectNoSeriousViolations(page, `calendar, ${reader.role}`);
      if (reader.role === 'student') {
        // On a phone-sized screen the list goes below the month.
        await page.setViewportSize({ width: 390, height: 800 });
        await screenshot(page, 'calendar-student-narrow');
        await expectNoSeriousViolations(page, 'calendar, narrow');
        await page.setViewportSize({ width: 1280, height: 800 });
      }

      await goTo(page, reader.nav, 'Notices');
      const item = noticeItem(notice.title);
      await item.waitFor();
      expect(await item.getAttribute('data-read')).toBe('false');
      expect(await item.innerText()).toMatch(/unread/i);
      await expect.poll(() => page.getByText('1 unread.').count()).toBe(1);
      await screenshot(page, `notices-${reader.role}-unread`);
      await expectNoSeriousViolations(page, `notices, ${reader.role}, unread`);

      await item.getByRole('button', { name: new RegExp(notice.title) }).click();
      await item.getByText('Bring your kit every day.').waitFor();
      await expect.poll(() => item.getAttribute('data-read')).toBe('true');
      await expect.poll(() => page.getByText('You have read them all.').count()).toBe(1);
      await screenshot(page, `notices-${reader.role}-read`);

      // The mark is the server's: it survives a reload.
      await page.reload();
      await waitForShell(page);
      await noticeItem(notice.title).waitFor();
      expect(await noticeItem(notice.title).getAttribute('data-read')).toBe('true');
      await page.getByRole('switch', { name: 'Unread only' }).check();
      await page.getByTestId('notices-empty').waitFor();
    });
  }

  it('the admin finds the changes in the activity log, filtered, with their details', async () => {
    await signInAs(page, school);
    await goTo(page, 'Office', 'Activity');
    const rows = page.getByTestId('activity-row');
    await rows.first().waitFor();
    // The teacher's and the student's sign-ins are there.
    await rows.filter({ hasText: teacher.username }).first().waitFor();
    await rows.filter({ hasText: student.username }).first().waitFor();

    await page.getByRole('combobox', { name: 'Target' }).click();
    await page.getByRole('option', { name: 'Calendar' }).click();
    await expect.poll(() => rows.count()).toBe(3);
    for (const row of await rows.all()) expect(await row.getAttribute('data-target')).toBe('CALENDAR');

    await page.getByRole('combobox', { name: 'Action' }).click();
    await page.getByRole('option', { name: 'Create', exact: true }).click();
    await expect.poll(() => rows.count()).toBe(2);
    const holidayRow = rows.filter({ hasText: holiday.title });
    await holidayRow.getByRole('button', { name: /^Show/ }).click();
    const details = page.getByTestId('activity-details');
    await details.waitFor();
    expect(await details.innerText()).toContain('holiday');
    expect(await holidayRow.getByRole('button', { name: /^Hide/ }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    await screenshot(page, 'activity');
    await expectNoSeriousViolations(page, 'activity');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Username contains').fill('anya');
    await expect.poll(async () => (await rows.allInnerTexts()).every((t) => t.includes('anya'))).toBe(true);
    expect(await rows.count()).toBeGreaterThan(0);
    await page.getByLabel('Username contains').fill('nobody-like-this');
    await page.getByTestId('activity-empty').waitFor();
  });

  it('the admin sees the system health', async () => {
    await goTo(page, 'Office', 'System health');
    const state = page.getByTestId('health-engine-state');
    await state.waitFor();
    expect(await state.getAttribute('data-state')).toBe('ready');
    expect(await state.innerText()).toMatch(/ready/i);
    const storage = page.getByTestId('health-storage');
    await storage.getByText('Your institution').waitFor();
    await storage.getByText('Master registry').waitFor();
    await storage.getByText('Other institutions').waitFor();
    expect(await page.getByTestId('health-storage-total').innerText()).toMatch(/\d (bytes|KB|MB|GB)$/);
    expect(await page.getByTestId('health-errors').innerText()).toContain('VALIDATION');
    await page.getByTestId('health-logging-failures').waitFor();
    // It checks again on its own every 10 seconds.
    const before = await page.getByRole('heading', { level: 1 }).locator('..').innerText();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).locator('..').innerText(), { timeout: 15_000 })
      .not.toBe(before);
    await screenshot(page, 'health');
    await expectNoSeriousViolations(page, 'health');
  });

  it('the admin renames the institution in the settings', async () => {
    await goTo(page, 'Office', 'Settings');
    const form = page.getByRole('form', { name: 'Institution' });
    const name = form.getByLabel('Institution name');
    await expect.poll(() => name.inputValue()).toBe(school.institutionName);
    await name.fill('');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByText("Enter the institution's name.").waitFor();
    await name.fill(renamed);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('The institution was saved.').waitFor();
    // The header follows, and the server kept it.
    await expect.poll(() => page.getByTestId('institution-name').innerText()).toBe(renamed);
    await page.reload();
    await waitForShell(page);
    await expect.poll(() => page.getByTestId('institution-name').innerText()).toBe(renamed);
    await expect
      .poll(() => page.getByRole('form', { name: 'Institution' }).getByLabel('Institution name').inputValue())
      .toBe(renamed);
    await screenshot(page, 'settings');
    await expectNoSeriousViolations(page, 'settings');
  });

  it('the admin changes the password in the settings; this session goes on with the new token', async () => {
    const form = page.getByRole('form', { name: 'Change password' });
    await sendPasswordChange(form, 'not-the-password-1', newPassword);
    await form.getByText('Wrong password.').waitFor();
    await sendPasswordChange(form, school.password, newPassword);
    await page.getByText('Password changed').waitFor();
    expect(await form.getByLabel('Current password').inputValue()).toBe('');
    // The new token works after a reload.
    await page.reload();
    await waitForShell(page);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await dismissNotifications();
  });

  it('deleting the institution needs its exact name and the password, then signs out', async () => {
    await page.getByRole('button', { name: 'Delete the institution…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete the institution' });
    const confirm = dialog.getByLabel("Type the institution's name to confirm");
    const remove = dialog.getByRole('button', { name: 'Delete forever' });
    expect(await remove.isDisabled()).toBe(true);
    // Close is not enough: the name must be exact.
    await confirm.fill(renamed.toLowerCase());
    expect(await remove.isDisabled()).toBe(true);
    await confirm.fill(renamed);
    expect(await remove.isEnabled()).toBe(true);
    await dialog.getByLabel('Your password').fill('not-the-password-1');
    await screenshot(page, 'settings-delete');
    await expectNoSeriousViolations(page, 'settings, delete dialog');
    await remove.click();
    await dialog.getByText('Wrong password.').waitFor();

    await dialog.getByLabel('Your password').fill(newPassword);
    await remove.click();
    await page.getByRole('tab', { name: 'Sign in' }).waitFor();
    await page.getByText('Your session has ended').waitFor();
    await page.getByText(`${renamed} was deleted`).waitFor();
    expect(await page.evaluate('location.hash')).toBe('');

    // Nobody signs in to it any more.
    const again = await signIn(page, { as: 'admin', username: school.username, password: newPassword });
    expect(again).toMatchObject({ signedIn: false, code: 'UNAUTHENTICATED' });
  });

  it('left no errors in the page', () => {
    expect(rig.pageErrors).toEqual([]);
  });
});
