/**
 * The start screen and the app shell in Debian Chromium against the real station and engine: register a school,
 * find the admin workspace, move around it (back and forward included), keep the session over a reload, change
 * the password, sign out, be refused a wrong password, sign in again; axe finds nothing serious on the way.
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
  signOut,
  waitForShell,
} from './support/app';
import { expectNoSeriousViolations, useStationAndBrowser } from './support/rig';

const rig = useStationAndBrowser('start', {
  expectedConsoleErrors: /status of (400|401|429)/,
  waitForEngine: false,
});
let page: Page;

const school = {
  username: `viva_${Date.now().toString(36)}`,
  password: 'first-Pass-1',
  name: 'Asha Rao',
  institutionName: 'Viva Public School',
};
const newPassword = 'second-Pass-2';

beforeAll(() => {
  page = rig.page;
});

const hash = () => page.evaluate<string>('location.hash');

describe('start screen and app shell', () => {
  it('shows the engine, then the sign-in and registration forms, accessibly', async () => {
    await page.goto(rig.station.url);
    await page.getByTestId('engine-state').waitFor();
    await screenshot(page, 'start-engine');
    await openApp(page, rig.station.url);
    await expect.poll(() => page.getByText(/embedded engine/i).count()).toBeGreaterThan(0);
    await screenshot(page, 'start-sign-in');
    await expectNoSeriousViolations(page, 'start screen, sign in');

    // The start screen says what the app is and offers the three ways in.
    expect(await page.getByTestId('app-summary').innerText()).toContain('teachers and its students');
    const ways = page.getByRole('radiogroup', { name: 'Sign in as' });
    for (const way of ['Office', 'Teacher', 'Student']) {
      expect(await ways.getByText(way, { exact: true }).count()).toBe(1);
    }
    // No school on this station yet: a teacher is told so, not asked for a code nobody gave them.
    await ways.getByText('Teacher', { exact: true }).click();
    await page.getByTestId('no-institutions').waitFor();
    expect(await page.getByLabel('Institution', { exact: true }).count()).toBe(0);
    await screenshot(page, 'start-sign-in-member');

    await page.getByRole('tab', { name: 'Register a school' }).click();
    // The form's own checks mirror the contract's rules before anything is sent.
    await page.getByRole('button', { name: 'Register and sign in' }).click();
    await expect
      .poll(() => page.getByText('Use 3–32 letters, digits or underscores.').count())
      .toBeGreaterThan(1);
    await screenshot(page, 'start-register-errors');
    await expectNoSeriousViolations(page, 'start screen, register');
  });

  it('registers a school through the form and opens the admin workspace', async () => {
    await page.reload();
    await page.getByRole('tab', { name: 'Sign in' }).waitFor();
    await registerSchool(page, school);

    expect(await hash()).toBe('#/admin/dashboard');
    await expect.poll(() => page.getByTestId('institution-name').innerText()).toBe(school.institutionName);
    const who = page.getByTestId('user-menu');
    await expect.poll(() => who.innerText()).toContain(school.name);
    expect(await who.innerText()).toContain('Office admin');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Office workspace' });
    for (const label of ['Dashboard', 'People', 'Classes', 'Subjects', 'Timetable', 'Calendar', 'Notices']) {
      expect(await nav.getByRole('link', { name: label, exact: true }).count()).toBe(1);
    }
    expect(await nav.getByRole('link', { name: 'System health' }).count()).toBe(1);
    await screenshot(page, 'shell-admin-home');
    await expectNoSeriousViolations(page, 'admin shell, dashboard');
  });

  it('routes through the navbar with back and forward, and keeps the session over a reload', async () => {
    const nav = page.getByRole('navigation', { name: 'Office workspace' });
    await nav.getByRole('link', { name: 'People' }).click();
    await expect.poll(hash).toBe('#/admin/people');
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    expect(await nav.getByRole('link', { name: 'People' }).getAttribute('aria-current')).toBe('page');
    await screenshot(page, 'shell-admin-people');
    await expectNoSeriousViolations(page, 'admin shell, people page');

    await nav.getByRole('link', { name: 'Settings' }).click();
    await expect.poll(hash).toBe('#/admin/settings');
    await page.goBack();
    await expect.poll(hash).toBe('#/admin/people');
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    await page.goBack();
    await expect.poll(hash).toBe('#/admin/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.goForward();
    await expect.poll(hash).toBe('#/admin/people');

    // Another workspace's address, or nonsense, lands on this workspace's home without a new history entry.
    await page.evaluate('location.hash = "#/teacher/chat"');
    await expect.poll(hash).toBe('#/admin/dashboard');

    await nav.getByRole('link', { name: 'Classes' }).click();
    await expect.poll(hash).toBe('#/admin/classes');
    await page.reload();
    await waitForShell(page);
    expect(await hash()).toBe('#/admin/classes');
    await page.getByRole('heading', { level: 1, name: 'Classes' }).waitFor();
  });

  it('changes the password from the account menu', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Change password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change password' });
    await sendPasswordChange(dialog, 'not-the-password-1', newPassword);
    // The server's field message lands next to the field.
    await dialog.getByText('Wrong password.').waitFor();
    await screenshot(page, 'shell-change-password-error');
    await expectNoSeriousViolations(page, 'change password dialog');

    await sendPasswordChange(dialog, school.password, newPassword);
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Password changed').waitFor();
    // The new token replaced the old one: calls still work after a reload.
    await page.reload();
    await waitForShell(page);
  });

  it('signs out, refuses a wrong password with a clear message, and signs in again', async () => {
    await signOut(page);
    expect(await hash()).toBe('');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);

    const wrong = await signIn(page, { as: 'admin', username: school.username, password: school.password });
    expect(wrong).toMatchObject({ signedIn: false, code: 'UNAUTHENTICATED' });
    expect(wrong.signedIn ? '' : wrong.message).toMatch(/not correct/);
    await screenshot(page, 'start-wrong-password');
    await expectNoSeriousViolations(page, 'start screen, wrong password');

    const right = await signIn(page, { as: 'admin', username: school.username, password: newPassword });
    expect(right).toEqual({ signedIn: true });
    expect(await hash()).toBe('#/admin/dashboard');
  });

  it('signs a teacher in to their institution, remembered for next time; throttles guessing', async () => {
    const adminToken = await sessionToken(page);
    await callApi(
      rig.station.url,
      'users.create',
      { role: 'teacher', username: 'Pratik sir', password: 'teacher-Pass-1', name: 'Pratik Shah' },
      adminToken,
    );
    await signOut(page);

    const teacher = await signIn(page, {
      as: 'member',
      institution: school.username,
      username: 'Pratik sir',
      password: 'teacher-Pass-1',
    });
    expect(teacher).toEqual({ signedIn: true });
    expect(await hash()).toBe('#/teacher/my-day');
    const nav = page.getByRole('navigation', { name: 'Teacher workspace' });
    for (const label of ['My day', 'Classes', 'Assignments', 'Chat', 'Calendar', 'Notices', 'Analytics']) {
      expect(await nav.getByRole('link', { name: label, exact: true }).count()).toBe(1);
    }
    await expect.poll(() => page.getByTestId('user-menu').innerText()).toContain('Teacher');
    await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
    await screenshot(page, 'shell-teacher-home');
    await expectNoSeriousViolations(page, 'teacher shell');

    // The start screen remembers how this browser signed in last (as a teacher); with one school on this
    // station it names the school and asks for no institution code.
    await signOut(page);
    const ways = page.getByRole('radiogroup', { name: 'Sign in as' });
    expect(await ways.getByRole('radio', { name: 'Teacher' }).isChecked()).toBe(true);
    expect(await page.getByTestId('institution-single').innerText()).toContain(school.institutionName);
    expect(await page.getByLabel('Institution', { exact: true }).count()).toBe(0);
    await screenshot(page, 'start-sign-in-one-school');
    await expectNoSeriousViolations(page, 'start screen, one school');

    // Five wrong passwords for one institution+username, then RATE_LIMITED with the wait.
    let last: Awaited<ReturnType<typeof signIn>> = { signedIn: true };
    for (let i = 0; i < 6; i += 1) {
      last = await signIn(page, {
        as: 'member',
        institution: school.username,
        username: 'nobody here',
        password: `wrong-${i}`,
      });
    }
    expect(last).toMatchObject({ signedIn: false, code: 'RATE_LIMITED' });
    expect(last.signedIn ? '' : last.message).toMatch(/Try again in \d+ (seconds|minutes)/);
    await screenshot(page, 'start-rate-limited');

    const admin = await signIn(page, { as: 'admin', username: school.username, password: newPassword });
    expect(admin).toEqual({ signedIn: true });
  });

  it('collapses the navbar behind a burger on a narrow screen', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    const burger = page.getByRole('button', { name: 'Open navigation' });
    await burger.waitFor();
    await screenshot(page, 'shell-narrow');
    await burger.click();
    const nav = page.getByRole('navigation', { name: 'Office workspace' });
    await nav.getByRole('link', { name: 'Notices' }).waitFor();
    await screenshot(page, 'shell-narrow-nav-open', { fullPage: false });
    await nav.getByRole('link', { name: 'Notices' }).click();
    await expect.poll(hash).toBe('#/admin/notices');
    await page.getByRole('button', { name: 'Open navigation' }).waitFor();
    await expectNoSeriousViolations(page, 'narrow shell');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('left no errors in the page', () => {
    expect(rig.pageErrors).toEqual([]);
  });
});
