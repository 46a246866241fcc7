/**
 * The rig every browser suite stands on: a real station process with its own data directory and a headless
 * Chromium, started once per file and stopped after it, with the page's errors collected so the last test of a
 * suite can say there were none. With `CRM_E2E_NETWORK=1` the station runs in network mode (HTTPS on
 * 127.0.0.2, its own CA: network-station.ts) and `station.url` is its network address. `useStationAndBrowser` registers the hooks; the suite reads what it needs
 * from the rig inside its tests and its own `beforeAll` (which runs after the rig's).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { launchChromium, type ChromiumSession } from '../../support/browser';
import { startStationProcess, type StationProcess } from '../../support/station';
import { makeTempDir } from '../../support/temp-dir';
import { callApi, formatViolations, runAxe, screenshotDir, signIn, signOut, type SchoolDetails } from './app';
import { NETWORK_MODE, networkStationEnv, stationFetch, stationTrust, trustStation } from './network-station';

export interface RigOptions {
  /** Console errors the suite provokes on purpose (e.g. `/status of 409/` for a refused duplicate). */
  expectedConsoleErrors?: RegExp;
  /** Extra Chromium flags (fake media devices for voice notes). */
  chromiumArgs?: string[];
  /** Extra station environment. CRM_RENDERER_DIR is passed on when set, to test another renderer build. */
  env?: Record<string, string>;
  /** Wait until the engine answers before the suite's own set-up calls the API. Default true. */
  waitForEngine?: boolean;
  /** Open no page: the suite opens its own (several people side by side). */
  noPage?: boolean;
}

export interface Rig {
  readonly station: StationProcess;
  readonly chromium: ChromiumSession;
  /** The page opened for the suite (not with `noPage`). */
  readonly page: Page;
  /** Page errors and unexpected console errors of every watched page, prefixed with who saw them. */
  readonly pageErrors: string[];
  /** A new page whose errors are collected under `who`. */
  newPage(who?: string): Promise<Page>;
}

const ENGINE_READY_TIMEOUT = 90_000;

/** Waits until the station answers /api/health with 200: the engine and services are up. */
export async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + ENGINE_READY_TIMEOUT;
  for (;;) {
    const ok = await stationFetch(new URL('/api/health', url)).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error('the station did not become healthy');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function useStationAndBrowser(name: string, options: RigOptions = {}): Rig {
  const temp = makeTempDir(`crm-e2e-${name}`);
  // Beside the data directory, not in it: PostgreSQL's account cannot pass a nested 0700 folder.
  const networkDir = NETWORK_MODE ? makeTempDir(`crm-e2e-${name}-network`) : undefined;
  const pageErrors: string[] = [];
  let station: StationProcess | undefined;
  let chromium: ChromiumSession | undefined;
  let page: Page | undefined;
  let stopping = false;

  /** Every page the suite watches, for the pictures of a failure. */
  const watched: Array<{ page: Page; who: string }> = [];

  const watch = (target: Page, who: string) => {
    watched.push({ page: target, who });
    const prefix = who ? `${who}: ` : '';
    target.on('pageerror', (err) => pageErrors.push(prefix + err.message));
    target.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      // 503 while the engine starts is the start screen's business, never a failure.
      if (/status of 503/.test(msg.text()) || options.expectedConsoleErrors?.test(msg.text())) return;
      pageErrors.push(prefix + msg.text());
    });
  };

  const rig: Rig = {
    get station() {
      if (!station) throw new Error('the station is not started yet (read the rig inside a hook or test)');
      return station;
    },
    get chromium() {
      if (!chromium) throw new Error('Chromium is not started yet');
      return chromium;
    },
    get page() {
      if (!page) throw new Error(options.noPage ? 'this suite opens its own pages' : 'no page yet');
      return page;
    },
    pageErrors,
    async newPage(who = '') {
      const opened = await rig.chromium.context.newPage();
      watch(opened, who);
      return opened;
    },
  };

  beforeAll(async () => {
    const rendererDir = process.env.CRM_RENDERER_DIR;
    station = await startStationProcess(temp.dir, {
      ...(rendererDir ? { CRM_RENDERER_DIR: rendererDir } : {}),
      ...(networkDir ? networkStationEnv(networkDir.dir) : {}),
      ...options.env,
    });
    if (networkDir && !station.url.startsWith('https://'))
      throw new Error(`CRM_E2E_NETWORK=1 but the station serves ${station.url}`);
    const trust = networkDir ? stationTrust(networkDir.dir) : undefined;
    if (trust) trustStation(station.url, trust.caPem);
    let stationLog = '';
    station.child.stderr?.on('data', (d: Buffer) => (stationLog = (stationLog + d.toString()).slice(-4_000)));
    station.child.once('exit', (code, signal) => {
      if (!stopping) pageErrors.push(`the station exited (${code ?? signal}):\n${stationLog}`);
    });
    if (options.waitForEngine !== false) await waitForHealth(station.url);
    chromium = await launchChromium([...(options.chromiumArgs ?? []), ...(trust ? [trust.chromiumArg] : [])]);
    if (!options.noPage) page = await rig.newPage();
  });

  // A failed test leaves a picture of each open page and its address: a failure seen once on a busy CI
  // machine can then be read afterwards, not only guessed at.
  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(async () => {
      const slug = `${name}-${task.name}`.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
      mkdirSync(screenshotDir, { recursive: true });
      for (const [i, { page: open, who }] of watched.entries()) {
        if (open.isClosed()) continue;
        const named = who || `page ${i + 1}`;
        const file = path.join(screenshotDir, `failed-${slug}-${named.replace(/\W+/g, '-')}.png`);
        const firstLine = (err: unknown) =>
          (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
        const taken = await open.screenshot({ path: file, fullPage: true, timeout: 10_000 }).then(
          () => file,
          (err: unknown) => `no picture (${firstLine(err)})`,
        );
        // What the page said, in the CI log itself, where the picture may not be kept.
        const shown = await open.locator('body').innerText({ timeout: 5_000 }).catch(firstLine);
        console.error(
          `[e2e] after the failure, ${named} was at ${open.url()}: ${taken}\n${shown.replace(/\s+/g, ' ').slice(0, 1_500)}`,
        );
      }
    });
  });

  afterAll(async () => {
    stopping = true;
    await chromium?.close();
    await station?.stop();
    temp.remove();
    networkDir?.remove();
  });

  return rig;
}

/**
 * Fails with axe's serious and critical findings on the page as it is now, naming where, in the light and the
 * dark colour scheme (issue 19: every page readable in both). `bothSchemes: false` checks the current one only.
 */
export async function expectNoSeriousViolations(
  page: Page,
  where: string,
  options: { bothSchemes?: boolean } = {},
): Promise<void> {
  const violations = await runAxe(page, { bothSchemes: options.bothSchemes ?? true });
  expect(violations, `${where}:\n${formatViolations(violations)}`).toEqual([]);
}

/** Follows a workspace's navbar link and waits for the page's heading. */
export async function goTo(page: Page, workspace: string, link: string, heading = link): Promise<void> {
  await page
    .getByRole('navigation', { name: `${workspace} workspace` })
    .getByRole('link', { name: link, exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** Signs whoever is signed in out, then `who` in: the office admin, or a member of `institution`. */
export async function signInAs(
  page: Page,
  who: { username: string; password: string },
  institution?: string,
): Promise<void> {
  if (await page.getByTestId('user-menu').isVisible()) await signOut(page);
  const outcome = await signIn(page, {
    as: institution === undefined ? 'admin' : 'member',
    ...(institution === undefined ? {} : { institution }),
    username: who.username,
    password: who.password,
  });
  expect(outcome).toEqual({ signedIn: true });
}

export interface Person {
  username: string;
  password: string;
  name: string;
}

export interface SchoolSetUp {
  adminToken: string;
  teacherId: string;
  studentIds: string[];
  classId: string;
}

/** Registers a school with a teacher, students and one class taught by that teacher, through the API. */
export async function setUpSchool(
  url: string,
  school: SchoolDetails,
  teacher: Person,
  students: readonly Person[],
  classroom: { name: string; grade: number; section: string; subjects?: string[]; maxStudents?: number },
): Promise<SchoolSetUp> {
  await callApi(url, 'auth.registerInstitution', school);
  const admin = await callApi(url, 'auth.login', { username: school.username, password: school.password });
  const adminToken = admin.token;
  const teacherId = (await callApi(url, 'users.create', { role: 'teacher', ...teacher }, adminToken)).id;
  const studentIds: string[] = [];
  for (const s of students) {
    studentIds.push((await callApi(url, 'users.create', { role: 'student', ...s }, adminToken)).id);
  }
  const classId = (await callApi(url, 'classes.create', { ...classroom, teacherId }, adminToken)).id;
  await callApi(url, 'classes.addStudents', { classId, studentIds }, adminToken);
  return { adminToken, teacherId, studentIds, classId };
}
