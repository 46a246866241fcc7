/**
 * Issue 19, "every page readable in both colour schemes": each role walks every link of its navbar (its own
 * profile included) in dark mode, as chosen in the header, with data on the pages (a class, an assignment, a
 * notice, an event, a message). Each page, once loaded, is photographed in dark mode at 1280×800 and checked
 * with axe in dark and light. The links are read from the navbar, so a page added later is walked too.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, openApp, screenshot } from './support/app';
import { expectNoSeriousViolations, setUpSchool, signInAs, useStationAndBrowser } from './support/rig';

const rig = useStationAndBrowser('every-page', { expectedConsoleErrors: /status of 401/ });
let page: Page;

const school = {
  username: `every_${Date.now().toString(36)}`,
  password: 'admin-Pass-1',
  name: 'Office Admin',
  institutionName: 'Lakeside School',
};
const teacher = { username: 'nisha', password: 'teacher-Pass-1', name: 'Nisha Verma' };
const student = { username: 'arjun', password: 'student-Pass-1', name: 'Arjun Mehta' };

beforeAll(async () => {
  const url = rig.station.url;
  const set = await setUpSchool(url, school, teacher, [student], {
    name: 'Class 6-A',
    grade: 6,
    section: 'A',
    subjects: ['Mathematics'],
  });
  const teacherToken = (
    await callApi(url, 'auth.login', {
      username: teacher.username,
      password: teacher.password,
      institution: school.username,
    })
  ).token;
  const now = new Date();
  await callApi(
    url,
    'assignments.create',
    {
      title: 'Fractions worksheet',
      description: 'Questions 1 to 10.',
      classIds: [set.classId],
      dueDate: new Date(now.getTime() + 3 * 86_400_000),
    },
    teacherToken,
  );
  await callApi(
    url,
    'notices.create',
    { title: 'Sports day', body: 'Friday, on the big field.', audience: ['teacher', 'student'] },
    set.adminToken,
  );
  await callApi(
    url,
    'calendar.create',
    { title: 'Science fair', type: 'event', date: new Date(now.getFullYear(), now.getMonth(), 20, 12) },
    set.adminToken,
  );
  await callApi(
    url,
    'messages.send',
    { receiverId: set.studentIds[0] ?? '', message: 'Bring your worksheet tomorrow, please.' },
    teacherToken,
  );
  page = rig.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, url);
});

async function chooseDark(): Promise<void> {
  const toggle = page.getByTestId('color-scheme-toggle');
  if ((await toggle.getAttribute('data-scheme')) !== 'dark') await toggle.click();
  await expect
    .poll(() =>
      page.evaluate<string | null>('document.documentElement.getAttribute("data-mantine-color-scheme")'),
    )
    .toBe('dark');
}

/** Waits for the page's heading and for its data (no loader left), then photographs and checks it. */
async function checkPage(role: string, name: string): Promise<void> {
  await page.locator('main h1').first().waitFor();
  const main = page.locator('main');
  const loading = main
    .locator('.mantine-Loader-root, .mantine-Skeleton-root[data-visible]')
    .or(main.getByText(/^Loading/));
  await expect.poll(() => loading.count()).toBe(0);
  await screenshot(page, `every-page-${role}-${name.toLowerCase().replace(/\W+/g, '-')}-dark`, {
    fullPage: false,
  });
  await expectNoSeriousViolations(page, `${role}, ${name}`);
}

/** Walks the role's pages; answers the link of the longest one. */
async function walk(role: string): Promise<string> {
  await chooseDark();
  let longest = { name: '', height: 0 };
  const nav = page.getByRole('navigation', { name: /workspace$/ });
  const links = await nav.getByRole('link').allInnerTexts();
  expect(links.length).toBeGreaterThan(3);
  for (const label of links) {
    // The link's own text, without an unread count beside it.
    const name = label.split('\n')[0]?.trim() ?? label;
    await nav.getByRole('link', { name, exact: true }).click();
    await checkPage(role, name);
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    if (height > longest.height) longest = { name, height };
  }
  return longest.name;
}

/**
 * Finding 12: on a page longer than the window, photographed whole, the navbar's panel goes down to the bottom
 * (a pixel in its right-hand padding at the bottom of the page is the one just under its links).
 */
async function expectNavbarToTheBottom(): Promise<void> {
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  expect(height).toBeGreaterThan(800);
  const pixel = (y: number) => page.screenshot({ fullPage: true, clip: { x: 234, y, width: 1, height: 1 } });
  expect((await pixel(height - 2)).equals(await pixel(760))).toBe(true);
}

describe('every page, light and dark', () => {
  it('as the office', async () => {
    await signInAs(page, school);
    const longest = await walk('admin');
    await page
      .getByRole('navigation', { name: /workspace$/ })
      .getByRole('link', { name: longest, exact: true })
      .click();
    await page.locator('main h1').first().waitFor();
    await screenshot(page, 'every-page-admin-longest-dark');
    await expectNavbarToTheBottom();
  });

  it('as the teacher', async () => {
    await signInAs(page, teacher, school.username);
    await walk('teacher');
  });

  it('as the student', async () => {
    await signInAs(page, student, school.username);
    await walk('student');
  });

  it('left no errors in the page', () => {
    expect(rig.pageErrors).toEqual([]);
  });
});
