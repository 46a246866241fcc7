/**
 * What the end-to-end tests do to the app, in the words a person would use: open it, register a school, sign
 * in and out; plus accessibility checks with axe-core and screenshots under test-results/screenshots/.
 * Selectors are the labels people see, so a test breaking on a renamed label is a test doing its job.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { AllChannelInput, AllChannelName, AllChannelOutput } from '../../../shared/contract';
import { decodeRpc, encodeRpc } from '../../../shared/rpc-encoding';
import { repoRoot } from '../../support/station';
import { stationFetch } from './network-station';

export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

const ENGINE_TIMEOUT = 60_000;
const ACTION_TIMEOUT = 30_000;

/** Opens the app and waits until the engine is ready and the start screen's forms are there. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForStartScreen(page);
}

export async function waitForStartScreen(page: Page): Promise<void> {
  await page.locator('[data-testid="engine-state"][data-state="ready"]').waitFor({ timeout: ENGINE_TIMEOUT });
  await page.getByRole('tab', { name: 'Sign in' }).waitFor({ timeout: ACTION_TIMEOUT });
}

/** Waits for the signed-in app: the account menu in the header. */
export async function waitForShell(page: Page): Promise<void> {
  await page.getByTestId('user-menu').waitFor({ timeout: ACTION_TIMEOUT });
}

export interface SchoolDetails {
  /** The admin username, which also names the institution for its teachers and students. */
  username: string;
  password: string;
  name: string;
  institutionName: string;
}

/** A teacher's or a student's sign-in details and name. */
type Member = { username: string; password: string; name: string };

/**
 * The people of the chat suites: a school of the suite's own (`<prefix>_<time>`, its office run by Asha Rao),
 * the teacher Meera Iyer and the student Ravi Kumar, as `setUpSchool` takes them.
 */
export function teacherAndStudent(
  prefix: string,
  institutionName: string,
): { school: SchoolDetails; teacher: Member; student: Member } {
  return {
    school: {
      username: `${prefix}_${Date.now().toString(36)}`,
      password: 'school-Pass-1',
      name: 'Asha Rao',
      institutionName,
    },
    teacher: { username: 'meera.iyer', password: 'teacher-Pass-1', name: 'Meera Iyer' },
    student: { username: 'ravi.kumar', password: 'student-Pass-1', name: 'Ravi Kumar' },
  };
}

/** Registers a school through the start screen's form; the app signs its admin in. */
export async function registerSchool(page: Page, school: SchoolDetails): Promise<void> {
  await page.getByRole('tab', { name: 'Register a school' }).click();
  const form = page.getByRole('form', { name: 'Register a school' });
  await form.getByLabel('Admin username').fill(school.username);
  await form.getByLabel('Password', { exact: true }).fill(school.password);
  await form.getByLabel('Your name').fill(school.name);
  await form.getByLabel('Institution name').fill(school.institutionName);
  await form.getByRole('button', { name: 'Register and sign in' }).click();
  await waitForShell(page);
}

export interface SignInDetails {
  /** Office admin, or a teacher or student of `institution` ('member': either, through the Teacher way in). */
  as: 'admin' | 'member' | 'teacher' | 'student';
  /**
   * The institution (its admin's username), typed only where the form asks for it: a station hosting one
   * institution asks nothing, one hosting several lists names (`institutionName`).
   */
  institution?: string;
  /** The institution's display name, chosen from the list on a station hosting several. */
  institutionName?: string;
  username: string;
  password: string;
}

export type SignInOutcome = { signedIn: true } | { signedIn: false; code: string | null; message: string };

/**
 * Signs in through the start screen. Resolves when the shell appears or the form shows why not; it does not
 * throw for a refused sign-in, so tests can check the message.
 */
export async function signIn(page: Page, details: SignInDetails): Promise<SignInOutcome> {
  await page.getByRole('tab', { name: 'Sign in' }).click();
  const form = page.getByRole('form', { name: 'Sign in' });
  const mode = { admin: 'Office', member: 'Teacher', teacher: 'Teacher', student: 'Student' }[details.as];
  await form.getByRole('radiogroup', { name: 'Sign in as' }).getByText(mode, { exact: true }).click();
  if (details.as !== 'admin') await chooseInstitution(page, details);
  await form.getByLabel('Username').fill(details.username);
  await form.getByLabel('Password', { exact: true }).fill(details.password);
  // The form counts its failed attempts, so an earlier attempt's message is never read as this one's.
  const before = Number(await form.getAttribute('data-attempts'));
  await form.getByRole('button', { name: 'Sign in' }).click();
  const shell = page.getByTestId('user-menu');
  const failure = page.getByTestId('sign-in-error');
  const deadline = Date.now() + ACTION_TIMEOUT;
  for (;;) {
    if (await shell.isVisible()) return { signedIn: true };
    const attempts = await form.getAttribute('data-attempts', { timeout: 1_000 }).catch(() => null);
    if (attempts !== null && Number(attempts) > before) break;
    if (Date.now() > deadline) throw new Error('signIn: neither the shell nor an answer appeared');
    await page.waitForTimeout(100);
  }

  if (!(await failure.isVisible())) {
    // Refused with messages on the fields themselves (the form's or the server's validation).
    const errors = await form.locator('.mantine-InputWrapper-error').allInnerTexts();
    return { signedIn: false, code: 'VALIDATION', message: errors.join(' ') };
  }
  return {
    signedIn: false,
    code: await failure.getAttribute('data-code'),
    message: (await failure.innerText()).trim(),
  };
}

/** Names the school the way the form asks: not at all (one institution), from the list, or typed. */
async function chooseInstitution(page: Page, details: SignInDetails): Promise<void> {
  const form = page.getByRole('form', { name: 'Sign in' });
  const single = form.getByTestId('institution-single');
  const list = form.getByLabel('School', { exact: true });
  const typed = form.getByLabel('Institution', { exact: true });
  await single.or(list).or(typed).first().waitFor({ timeout: ACTION_TIMEOUT });
  if (await single.isVisible()) return;
  if (await list.isVisible()) {
    if (!details.institutionName) throw new Error('signIn: this station lists schools; give institutionName');
    if ((await list.inputValue()) === details.institutionName) return;
    await list.click();
    await page.getByRole('option', { name: details.institutionName, exact: true }).click();
    const deadline = Date.now() + ACTION_TIMEOUT;
    while ((await list.inputValue()) !== details.institutionName) {
      if (Date.now() > deadline) throw new Error(`signIn: could not choose ${details.institutionName}`);
      await page.waitForTimeout(100);
    }
    return;
  }
  await typed.fill(details.institution ?? '');
}

/** Signs out from the account menu and waits for the start screen. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByRole('tab', { name: 'Sign in' }).waitFor({ timeout: ACTION_TIMEOUT });
}

/** Fills a change-password form (the settings card, the account menu's dialog) and sends it. */
export async function sendPasswordChange(form: Locator, current: string, next: string): Promise<void> {
  await form.getByLabel('Current password').fill(current);
  await form.getByLabel('New password', { exact: true }).fill(next);
  await form.getByLabel('Repeat the new password').fill(next);
  await form.getByRole('button', { name: 'Change password' }).click();
}

/** The station tab's session token (what the app sends as `Authorization: Bearer`). */
export async function sessionToken(page: Page): Promise<string> {
  const token = await page.evaluate<string | null>('sessionStorage.getItem("smart-crm.session-token")');
  if (!token) throw new Error('no session token in this tab: is anyone signed in?');
  return token;
}

/**
 * Calls the station's API directly, for what a test needs that is not the screen under test (e.g. an admin
 * creating a teacher before the People page exists). Throws with the API's message on failure.
 */
export async function callApi<N extends AllChannelName>(
  baseUrl: string,
  channel: N,
  input: AllChannelInput<N>,
  token?: string,
): Promise<AllChannelOutput<N>> {
  const response = await stationFetch(new URL(`/api/rpc/${channel}`, baseUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: encodeRpc(input),
  });
  const reply = decodeRpc(await response.text()) as
    { ok: true; data: AllChannelOutput<N> } | { ok: false; error: { code: string; message: string } };
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
  return reply.data;
}

// ── Accessibility ───────────────────────────────────────────────────────────────────────────────────────────

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

let axeSource: string | undefined;
function readAxeSource(): string {
  axeSource ??= readFileSync(
    createRequire(path.join(repoRoot, 'package.json')).resolve('axe-core/axe.min.js'),
    'utf8',
  );
  return axeSource;
}

/**
 * Runs axe-core on the page as it is now and answers the serious and critical violations (an empty list is a
 * pass). axe's source is evaluated through the DevTools protocol rather than added with
 * `page.addScriptTag({ content })`: the app's Content-Security-Policy (`script-src 'self'`) rightly refuses an
 * inline script tag, and relaxing it (`bypassCSP`) would hide the app's own CSP mistakes from the tests.
 */
export async function runAxe(page: Page, options: { bothSchemes?: boolean } = {}): Promise<AxeViolation[]> {
  if (!(await page.evaluate<boolean>('typeof window.axe === "object"'))) {
    await page.evaluate(readAxeSource());
  }
  // With `bothSchemes` (issue 19), the page is checked as it is, then with the other scheme's CSS variables
  // (Mantine switches them by this attribute), then left as it was. Violations name the scheme. Transitions are
  // off meanwhile, so axe measures the resting colours at once rather than ones on their way.
  const scheme = await page.evaluate<string>(
    'document.documentElement.getAttribute("data-mantine-color-scheme") ?? "light"',
  );
  const other = scheme === 'dark' ? 'light' : 'dark';
  const setScheme = (to: string) =>
    page.evaluate(`document.documentElement.setAttribute("data-mantine-color-scheme", "${to}")`);
  const found: AxeViolation[] = [];
  if (options.bothSchemes) await page.evaluate(NO_TRANSITIONS_ON);
  try {
    for (const current of options.bothSchemes ? [scheme, other] : [scheme]) {
      if (current !== scheme) await setScheme(current);
      const violations = await page.evaluate<AxeViolation[]>(`
        window.axe
          .run(document, { resultTypes: ['violations'] })
          .then((result) => result.violations)
      `);
      found.push(
        ...violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => ({ ...v, help: `[${current}] ${v.help}` })),
      );
    }
  } finally {
    if (options.bothSchemes) {
      await setScheme(scheme);
      await page.evaluate(NO_TRANSITIONS_OFF);
    }
  }
  return found;
}

const NO_TRANSITIONS_ID = 'e2e-axe-no-transitions';
const NO_TRANSITIONS_ON = `(() => {
  const style = document.createElement('style');
  style.id = '${NO_TRANSITIONS_ID}';
  style.textContent = '*, *::before, *::after { transition: none !important; }';
  document.head.append(style);
})()`;
const NO_TRANSITIONS_OFF = `document.getElementById('${NO_TRANSITIONS_ID}')?.remove()`;

/** One line per violation and node, for an assertion message. */
export function formatViolations(violations: readonly AxeViolation[]): string {
  return violations
    .flatMap((v) =>
      v.nodes.map((n) => `${v.impact} ${v.id}: ${v.help} — ${JSON.stringify(n.target)} ${n.html}`),
    )
    .join('\n');
}

// ── Screenshots ─────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A screenshot at test-results/screenshots/<name>.png; answers its path. Full page by default; pass
 * `fullPage: false` where fixed parts (an open mobile navbar) would be drawn over the scrolled page.
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  // Let notifications and transitions settle so the picture shows the resting state.
  await page.waitForTimeout(300);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  return file;
}
