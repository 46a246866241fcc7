/**
 * Automatic timetabling (issue 16) in Debian Chromium against the real station and engine. A school, two
 * teachers and two classes are set up through the API; then, through the screens: the office sets the school
 * week (Monday–Friday, six periods), adds a lab, adds lessons (one needing a lab, in a double and a single
 * period), generates, sees the preview with no hard violations, accepts it; the teacher sees their week with
 * the room and the bell times. After generating, the office moves an entry by hand: a clash is refused with its
 * reason, a free slot is taken. A holiday this week is marked on the office's grid and on the teacher's and the
 * student's week (green column with its name, lessons greyed), and not on the next week. Each one's calendar
 * marks the due dates of their own assignments in the month grid (issue 19, finding 11). Every page is
 * photographed and checked with axe on the way.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, openApp, screenshot, sessionToken, signIn, signOut } from './support/app';
import { expectNoSeriousViolations, useStationAndBrowser } from './support/rig';

// The hand move's clash is a 409 the page shows as its reason.
const rig = useStationAndBrowser('timetable', { expectedConsoleErrors: /status of 409/ });
let page: Page;

const school = {
  username: `bells_${Date.now().toString(36)}`,
  password: 'admin-Pass-1',
  name: 'Office Admin',
  institutionName: 'Hillside School',
};
const teacher = { username: 'Pratik sir', password: 'teacher-Pass-1', name: 'Pratik Shah' };
const other = { username: 'meera', password: 'teacher-Pass-2', name: 'Meera Iyer' };
const student = { username: 'anya', password: 'student-Pass-1', name: 'Anya Kapoor' };

// A holiday on this week's Wednesday (a working day of the Monday–Friday week set below), stored at noon.
const now = new Date();
const thisMonday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7));
const wednesday = new Date(thisMonday.getFullYear(), thisMonday.getMonth(), thisMonday.getDate() + 2, 12);
const holiday = 'Founders Day';
// Work due in two days: Pratik's for 8-B, Meera's for 8-A (the student's class).
const due = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 2, 12);
const ids = { adminToken: '', pratik: '', meera: '', c8a: '', c8b: '' };

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
  const s = await callApi(rig.station.url, 'users.create', { role: 'student', ...student }, admin.token);
  await callApi(rig.station.url, 'classes.addStudents', { classId: c8a.id, studentIds: [s.id] }, admin.token);
  await callApi(
    rig.station.url,
    'calendar.create',
    { title: holiday, type: 'holiday', date: wednesday },
    admin.token,
  );
  Object.assign(ids, { adminToken: admin.token, pratik: t.id, meera: m.id, c8a: c8a.id, c8b: c8b.id });
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

async function go(
  workspace: 'Office' | 'Teacher' | 'Student',
  label: string,
  heading = label,
): Promise<void> {
  await page
    .getByRole('navigation', { name: `${workspace} workspace` })
    .getByRole('link', { name: label, exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** The calendar opens on this month; the work due may fall in the next. */
async function openDueMonth(): Promise<void> {
  await page.getByTestId('calendar-summary').waitFor();
  if (due.getMonth() !== now.getMonth()) await page.getByRole('button', { name: 'Next month' }).click();
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
    // This week's Wednesday is a holiday: its column says so.
    const marked = week.locator('th[data-holiday]');
    await marked.waitFor();
    expect(await marked.innerText()).toMatch(/^Wednesday[\s\S]*Holiday: Founders Day$/);
    await screenshot(page, 'timetable-admin-holiday');
  });

  it('moves an entry by hand after generating: a clash is refused with its reason, a free slot is taken', async () => {
    const all = (await callApi(rig.station.url, 'schedules.list', {}, ids.adminToken)).items;
    const english = all.find((e) => e.subject === 'English' && e.classId === ids.c8a)!;
    const busyMeera = all.find((e) => e.subject === 'English' && e.classId === ids.c8b)!;
    const taken = (day: string, period: number) =>
      all.some(
        (e) => e.day === day && e.period === period && (e.classId === ids.c8a || e.teacherId === ids.meera),
      );
    const free = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']
      .flatMap((day) => [1, 2, 3, 4, 5, 6].map((period) => ({ day, period })))
      .find(({ day, period }) => !taken(day, period))!;

    const week = page.getByRole('table', { name: 'Week of Class 8-A' });
    const choose = async (dialog: ReturnType<Page['getByRole']>, to: { day: string; period: number }) => {
      await dialog.getByRole('combobox', { name: 'Day', exact: true }).click();
      await page.getByRole('option', { name: to.day, exact: true }).first().click();
      await dialog.getByRole('combobox', { name: 'Period', exact: true }).click();
      await page
        .getByRole('option', { name: new RegExp(`^Period ${to.period} `) })
        .first()
        .click();
      await dialog.getByRole('button', { name: 'Save changes' }).click();
    };
    await week
      .getByRole('button', { name: new RegExp(`^${english.day}, period ${english.period}\\b`) })
      .click();
    const dialog = page.getByRole('dialog', { name: "Edit Class 8-A's entry" });
    // Meera teaches 8-B then.
    await choose(dialog, busyMeera);
    expect(await dialog.getByTestId('clash').innerText()).toContain(
      `Meera Iyer already teaches Class 8-B on ${busyMeera.day}, period ${busyMeera.period}.`,
    );
    await screenshot(page, 'timetable-move-clash');
    await choose(dialog, free);
    await dialog.waitFor({ state: 'hidden' });
    await week
      .getByRole('button', { name: new RegExp(`^${free.day}, period ${free.period}\\b.*English`) })
      .waitFor();
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

  it("marks this week's holiday on the teacher's week, and not on the next week", async () => {
    const grid = page.getByTestId('week-grid');
    const marked = grid.locator('th[data-holiday]');
    await marked.waitFor();
    expect(await marked.innerText()).toContain('Wednesday');
    expect(await marked.getByTestId('holiday-name').innerText()).toBe(`Holiday: ${holiday}`);
    // Wednesday's lessons, and only they, are greyed.
    const mine = (await callApi(rig.station.url, 'schedules.list', { teacherId: ids.pratik }, ids.adminToken))
      .items;
    const onWednesday = mine.filter((e) => e.day === 'Wednesday').length;
    expect(await grid.locator('[data-off]').count()).toBe(onWednesday);
    expect(await grid.locator('td[data-cell^="Wednesday-"] [data-off]').count()).toBe(onWednesday);
    if (now.getDay() === 3) await page.getByTestId('today-holiday').waitFor();
    await screenshot(page, 'timetable-teacher-holiday');
    await expectNoSeriousViolations(page, 'teacher, my day with a holiday', { bothSchemes: true });

    await page.getByRole('button', { name: 'Next week' }).click();
    await expect.poll(() => marked.count()).toBe(0);
    expect(await grid.locator('[data-off]').count()).toBe(0);
    await page.getByRole('button', { name: 'This week' }).click();
    await marked.waitFor();
  });

  it("marks the teacher's own work due in the calendar's month grid", async () => {
    const pratik = await sessionToken(page);
    await callApi(
      rig.station.url,
      'assignments.create',
      { title: 'Lab report', classIds: [ids.c8b], dueDate: due },
      pratik,
    );
    const meera = await callApi(rig.station.url, 'auth.login', {
      institution: school.username,
      username: other.username,
      password: other.password,
    });
    await callApi(
      rig.station.url,
      'assignments.create',
      { title: 'Poem recital', classIds: [ids.c8a], dueDate: due },
      meera.token,
    );
    await go('Teacher', 'Calendar');
    await openDueMonth();
    const day = page.getByRole('button', { name: /Due: Lab report/ });
    await day.waitFor();
    expect(await day.getAttribute('data-due')).not.toBeNull();
    expect(await day.getByTestId('due-mark').count()).toBe(1);
    expect(await page.getByRole('button', { name: /Due: Poem recital/ }).count()).toBe(0);
    await page.getByText('Assignment due (orange square)').waitFor();
    await screenshot(page, 'calendar-teacher-due');
    await expectNoSeriousViolations(page, 'teacher, calendar with work due', { bothSchemes: true });
  });

  it("shows the student the holiday on their class's week, and their class's work due in the calendar", async () => {
    await signInAs(student, 'member');
    await page.getByRole('heading', { level: 1, name: 'Timetable' }).waitFor();
    const grid = page.getByTestId('week-grid');
    await grid.waitFor();
    expect(await grid.locator('th[data-holiday]').getByTestId('holiday-name').innerText()).toBe(
      `Holiday: ${holiday}`,
    );
    await screenshot(page, 'timetable-student-holiday');

    await go('Student', 'Calendar');
    await openDueMonth();
    await page.getByRole('button', { name: /Due: Poem recital/ }).waitFor();
    expect(await page.getByRole('button', { name: /Due: Lab report/ }).count()).toBe(0);
    expect(await page.getByTestId('due-mark').count()).toBe(1);
    await screenshot(page, 'calendar-student-due');
    await expectNoSeriousViolations(page, 'student, calendar with work due');
  });

  it('left no errors in the page', () => {
    expect(rig.pageErrors).toEqual([]);
  });
});
