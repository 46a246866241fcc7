/**
 * Automatic timetabling (issue 16) in Debian Chromium against the real station and engine. A school, two
 * teachers and two classes are set up through the API; then, through the screens: the office sets the school
 * week (Monday–Friday, six periods), adds a lab, adds lessons (one needing a lab, in a double and a single
 * period), generates, sees the preview with no hard violations, accepts it; the teacher sees their week with
 * the room and the bell times. Every page is photographed and checked with axe on the way.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, openApp, screenshot, signIn, signOut } from './support/app';
import { expectNoSeriousViolations, useStationAndBrowser } from './support/rig';

const rig = useStationAndBrowser('timetable');
let page: Page;

const school = {
  username: `bells_${Date.now().toString(36)}`,
  password: 'admin-Pass-1',
  name: 'Office Admin',
  institutionName: 'Hillside School',
};
const teacher = { username: 'Pratik sir', password: 'teacher-Pass-1', name: 'Pratik Shah' };
const other = { username: 'meera', password: 'teacher-Pass-2', name: 'Meera Iyer' };

beforeAll(async () => {
  await callApi(rig.station.url, 'auth.registerInstitution', school);
  const admin = await callApi(rig.station.url, 'auth.login', {
    username: school.username,
    password: school.password,
  });
  const t = await callApi(rig.station.url, 'users.create', { role: 'teacher', ...teacher }, admin.token);
  const m = await callApi(rig.station.url, 'users.create', { role: 'teacher', ...other }, admin.token);
  const c8a = await callApi(
    rig.station.url,
    'classes.create',
    { name: 'Class 8-A', grade: 8, section: 'A' },
    admin.token,
  );
  const c8b = await callApi(
    rig.station.url,
    'classes.create',
    { name: 'Class 8-B', grade: 8, section: 'B' },
    admin.token,
  );
  await callApi(
    rig.station.url,
    'rooms.create',
    { name: 'Room 101', kind: 'ordinary', capacity: 40 },
    admin.token,
  );
  // Lessons the screens do not add: English for both classes, Physics for 8-B by the same teacher.
  await callApi(
    rig.station.url,
    'lessons.create',
    { classIds: [c8a.id], subject: 'English', teacherIds: [m.id], groups: [1, 1, 1] },
    admin.token,
  );
  await callApi(
    rig.station.url,
    'lessons.create',
    { classIds: [c8b.id], subject: 'English', teacherIds: [m.id], groups: [1, 1, 1] },
    admin.token,
  );
  await callApi(
    rig.station.url,
    'lessons.create',
    { classIds: [c8b.id], subject: 'Physics', teacherIds: [t.id], groups: [2] },
    admin.token,
  );

  page = rig.page;
  await openApp(page, rig.station.url);
});

async function signInAs(who: { username: string; password: string }, as: 'admin' | 'member'): Promise<void> {
  if (await page.getByTestId('user-menu').isVisible()) await signOut(page);
  const outcome = await signIn(page, {
    as,
    ...(as === 'member' ? { institution: school.username } : {}),
    username: who.username,
    password: who.password,
  });
  expect(outcome).toEqual({ signedIn: true });
}

async function go(workspace: 'Office' | 'Teacher', label: string, heading = label): Promise<void> {
  await page
    .getByRole('navigation', { name: `${workspace} workspace` })
    .getByRole('link', { name: label, exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

describe('timetable: set the week, rooms and lessons, generate, accept, see it as a teacher', () => {
  it('lets the office set the school week and its bell times', async () => {
    await signInAs(school, 'admin');
    await go('Office', 'Settings');
    const card = page.getByRole('form', { name: 'School week' });
    await card.getByRole('checkbox', { name: 'Saturday' }).uncheck();
    await card.getByLabel('Periods a day').fill('6');
    await card.getByLabel('Period 6 time').waitFor();
    expect(await card.getByLabel('Period 1 time').inputValue()).toBe('08:00-08:45');
    await card.getByRole('button', { name: 'Save week' }).click();
    await page.getByText('The school week was saved.').waitFor();
    await card.getByText('Saved.', { exact: false }).waitFor();
    await screenshot(page, 'timetable-week-settings');
    await expectNoSeriousViolations(page, 'office, settings with the school week');
  });

  it('adds a lab on the Rooms tab and a lesson needing it on the Lessons tab', async () => {
    await go('Office', 'Timetable');
    await page.getByRole('tab', { name: 'Rooms' }).click();
    await page.getByRole('button', { name: 'Add room' }).click();
    const roomDialog = page.getByRole('dialog', { name: 'Add a room' });
    await roomDialog.getByLabel('Name').fill('Lab 1');
    await roomDialog.getByLabel('Kind').fill('lab');
    await roomDialog.getByLabel('Name').click();
    await roomDialog.getByRole('button', { name: 'Add room' }).click();
    await roomDialog.waitFor({ state: 'hidden' });
    await page.getByRole('table', { name: 'Rooms' }).getByText('Lab 1').waitFor();
    await screenshot(page, 'timetable-rooms');
    await expectNoSeriousViolations(page, 'office, rooms');

    await page.getByRole('tab', { name: 'Lessons' }).click();
    await page.getByTestId('lessons-empty').waitFor();
    await page.getByRole('button', { name: 'Add lesson' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a lesson' });
    await dialog.getByLabel('Subject').fill('Physics');
    await dialog.getByRole('combobox', { name: 'Teachers', exact: true }).click();
    await page.getByRole('option', { name: /Pratik Shah/ }).click();
    await dialog.getByLabel('Blocks a week').fill('2+1');
    await dialog.getByLabel('Or a room of kind').fill('lab');
    await dialog.getByLabel('Subject').click();
    await dialog.getByRole('button', { name: 'Add lesson' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByTestId('lesson-row').filter({ hasText: 'Physics' });
    await row.waitFor();
    expect(await row.innerText()).toContain('any lab');
    // 8-A: Physics 3 + English 3 of 5 days × 6 periods.
    expect(await page.getByTestId('lesson-load').textContent()).toBe('6 of 30 periods a week');
    await screenshot(page, 'timetable-lessons');
    await expectNoSeriousViolations(page, 'office, lessons');
  });

  it('generates, shows the preview with no hard violations, and accepts it', async () => {
    await page.getByRole('tab', { name: 'Generate' }).click();
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const preview = page.getByTestId('generate-preview');
    await preview.waitFor({ timeout: 60_000 });
    expect(await preview.getByTestId('hard-violations').textContent()).toBe('0 hard violations');
    expect(await preview.getByTestId('unplaced').count()).toBe(0);
    const grid = preview.getByRole('table', { name: 'Week of Class 8-A' });
    await grid.waitFor();
    // Physics 3 periods in Lab 1, English 3: six entries, on Monday–Friday only, with bell times.
    expect(await grid.getByTestId('timetable-entry').count()).toBe(6);
    expect(await grid.getByRole('columnheader', { name: 'Saturday' }).count()).toBe(0);
    expect(await grid.getByText('08:00-08:45').count()).toBeGreaterThan(0);
    const physics = grid.getByTestId('timetable-entry').filter({ hasText: 'Physics' });
    expect(await physics.count()).toBe(3);
    expect(await physics.filter({ hasText: 'Lab 1' }).count()).toBe(3);
    await screenshot(page, 'timetable-generate-preview');
    await expectNoSeriousViolations(page, 'office, generate preview');

    await preview.getByRole('button', { name: 'Accept' }).click();
    await page.getByText(/The timetable was saved: 11 entries written/).waitFor();
    await preview.waitFor({ state: 'hidden' });

    // The week grid shows what was accepted, with the room.
    await page.getByRole('tab', { name: 'Week grid' }).click();
    const week = page.getByRole('table', { name: 'Week of Class 8-A' });
    await week.waitFor();
    await expect.poll(() => week.getByTestId('timetable-entry').count()).toBe(6);
  });

  it("shows the teacher their week with the rooms and the school's bell times", async () => {
    await signInAs(teacher, 'member');
    await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
    const grid = page.getByTestId('week-grid');
    await grid.waitFor();
    // Physics: 3 periods for 8-A in the lab; 8-B's asks for no room and is taught in its own classroom.
    expect(await grid.getByTestId('entry-room').count()).toBe(3);
    expect(await grid.getByTestId('entry-room').filter({ hasText: 'Lab 1' }).count()).toBe(3);
    expect(await grid.getByTestId('bell-time').first().innerText()).toBe('08:00-08:45');
    expect(await grid.getByRole('columnheader', { name: 'Saturday' }).count()).toBe(0);
    await screenshot(page, 'timetable-teacher-week');
    await expectNoSeriousViolations(page, 'teacher, my day');
  });

  it('left no errors in the page', () => {
    expect(rig.pageErrors).toEqual([]);
  });
});
