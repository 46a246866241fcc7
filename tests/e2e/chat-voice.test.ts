/**
 * Chat in Debian Chromium against the real station and engine. The school, a teacher, a student and their class
 * are set up through the API; then a teacher and a student, each in their own tab (the station keeps the session
 * per tab), exchange a text message (the receiver sees it arrive without a reload, with an unread badge, and the
 * sender's receipt turns ✓✓), a quoted reply, and a voice note recorded with Chromium's fake microphone that the
 * receiver plays. The office admin finds the teacher in their chat. axe finds nothing serious on the way.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { callApi, openApp, screenshot, signIn, teacherAndStudent, waitForShell } from './support/app';
import { expectNoSeriousViolations, setUpSchool, signInAs, useStationAndBrowser } from './support/rig';

const rig = useStationAndBrowser('chat', {
  noPage: true,
  chromiumArgs: [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
  ],
});
let teacherPage: Page;
let studentPage: Page;

const { school, teacher, student } = teacherAndStudent('chat', 'Green Valley School');
const hello = 'Hello Ravi, please bring your science notebook tomorrow.';
const answer = 'Yes ma’am, I will bring it 👍';

beforeAll(async () => {
  await setUpSchool(rig.station.url, school, teacher, [student], {
    name: 'Class 7-B',
    grade: 7,
    section: 'B',
    maxStudents: 40,
  });
  teacherPage = await rig.newPage('teacher');
  studentPage = await rig.newPage('student');
});

async function signInAndOpenChat(page: Page, who: { username: string; password: string }): Promise<void> {
  await openApp(page, rig.station.url);
  await signInAs(page, who, school.username);
  await waitForShell(page);
  await page
    .getByRole('navigation', { name: /workspace/ })
    .getByRole('link', { name: 'Chat' })
    .click();
  await page.getByRole('heading', { name: 'Chat', level: 1 }).waitFor();
}

/** The data-testid of the focused element (the node project has no DOM types: page code goes as text). */
const focusedTestId = (page: Page) =>
  page.evaluate<string | null>('document.activeElement?.getAttribute("data-testid") ?? null');

/** A property of the page's (one) voice-note audio element. */
const audioState = <K extends 'currentTime' | 'paused'>(page: Page, key: K) =>
  page.evaluate<K extends 'paused' ? boolean : number>(
    `document.querySelector('[data-testid="voice-audio"]')?.${key}`,
  );

/** The open thread is scrolled to (near) its newest message. */
const threadNearBottom = (page: Page) =>
  page.evaluate<boolean>(
    `(() => { const el = document.querySelector('[role="log"]');
      return el !== null && el.scrollHeight - el.scrollTop - el.clientHeight < 80; })()`,
  );

const conversation = (page: Page, name: string) => page.getByTestId('conversation').filter({ hasText: name });
const thread = (page: Page) => page.getByTestId('thread');
const messages = (page: Page) => thread(page).getByTestId('message');

describe('chat between a teacher and a student', () => {
  it('opens the chat pages with the people each may talk to', async () => {
    await signInAndOpenChat(teacherPage, teacher);
    await signInAndOpenChat(studentPage, student);

    // The teacher may write to the office and to their student; the student to their teacher.
    await conversation(teacherPage, student.name).waitFor();
    await conversation(teacherPage, school.name).waitFor();
    await conversation(studentPage, teacher.name).waitFor();
    await studentPage.getByTestId('no-conversation').waitFor();
    await expectNoSeriousViolations(studentPage, 'student chat, nothing open');
  });

  it('delivers a text message without a reload, with an unread badge and read receipts', async () => {
    await conversation(teacherPage, student.name).click();
    await teacherPage.getByTestId('thread-empty').waitFor();
    const input = teacherPage.getByRole('textbox', { name: `Message to ${student.name}` });
    await input.fill(hello);
    await input.press('Enter');

    const sent = messages(teacherPage).filter({ hasText: hello });
    await sent.waitFor();
    await expect.poll(() => input.inputValue()).toBe('');
    expect(await sent.getByTestId('receipt').getAttribute('data-state')).toBe('sent');
    // One tick drawn, "Sent" for screen readers.
    expect(await sent.getByTestId('receipt').innerText()).toMatch(/^✓\s*Sent$/);

    // The student's list shows the new message and its badge while they look at it: no reload.
    const fromTeacher = conversation(studentPage, teacher.name);
    await expect.poll(() => fromTeacher.getAttribute('data-unread'), { timeout: 15_000 }).toBe('1');
    await expect.poll(() => fromTeacher.getByTestId('unread-badge').innerText()).toMatch(/^1/);
    await expect.poll(() => fromTeacher.innerText()).toContain(hello.slice(0, 20));
    await expect.poll(() => studentPage.getByTestId('total-unread').textContent()).toBe('1 unread');

    // Opening the conversation reads it: the badge goes, and the teacher's receipt turns ✓✓.
    await fromTeacher.click();
    await messages(studentPage).filter({ hasText: hello }).waitFor();
    await expect.poll(() => fromTeacher.getAttribute('data-unread'), { timeout: 15_000 }).toBe('0');
    await expect
      .poll(() => sent.getByTestId('receipt').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('read');
    expect(await sent.getByTestId('receipt').innerText()).toMatch(/^✓✓\s*Read$/);
  });

  it('replies with the quoted message, which arrives in the open thread', async () => {
    const original = messages(studentPage).filter({ hasText: hello });
    await original.getByRole('button', { name: `Reply to ${teacher.name}’s message` }).click();
    const preview = studentPage.getByTestId('reply-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain(hello.slice(0, 20));

    const input = studentPage.getByRole('textbox', { name: `Message to ${teacher.name}` });
    await expect.poll(() => focusedTestId(studentPage)).toBe('message-input');
    // The emoji picker puts 👍 where the caret is.
    await input.fill('Yes ma’am, I will bring it ');
    await studentPage.getByRole('button', { name: 'Insert emoji' }).click();
    await studentPage
      .getByRole('dialog', { name: 'Emoji' })
      .getByRole('button', { name: 'thumbs up' })
      .click();
    expect(await input.inputValue()).toBe(answer);
    await input.press('Enter');

    const mine = messages(studentPage).filter({ hasText: answer });
    await mine.waitFor();
    expect(await mine.getByTestId('quoted-message').innerText()).toContain(hello.slice(0, 20));
    expect(await preview.count()).toBe(0);

    // The teacher has the thread open: the reply appears with its quote, without a reload.
    const received = messages(teacherPage).filter({ hasText: answer });
    await received.waitFor({ timeout: 15_000 });
    const quote = await received.getByTestId('quoted-message').innerText();
    expect(quote).toContain('You');
    expect(quote).toContain(hello.slice(0, 20));
    // The teacher has read it (the thread is open), so the student's receipt turns ✓✓.
    await expect
      .poll(() => mine.getByTestId('receipt').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('read');

    await screenshot(studentPage, 'chat-student', { fullPage: false });
    await expectNoSeriousViolations(studentPage, 'student chat with a reply');
  });

  it('records a voice note with the microphone, sends it, and the receiver plays it', async () => {
    await teacherPage.getByRole('button', { name: 'Record a voice note' }).click();
    const recorder = teacherPage.getByTestId('voice-recorder');
    await recorder.waitFor();
    // The fake microphone beeps: the level meter moves, and the clock runs.
    await expect
      .poll(async () => Number(await recorder.getByRole('progressbar').getAttribute('aria-valuenow')), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    await expect
      .poll(() => recorder.getByTestId('recording-elapsed').innerText(), { timeout: 10_000 })
      .toMatch(/^0:02/);
    await screenshot(teacherPage, 'chat-voice-recording', { fullPage: false });
    await expectNoSeriousViolations(teacherPage, 'teacher chat while recording');
    await recorder.getByRole('button', { name: 'Send voice note' }).click();

    const voice = messages(teacherPage).filter({ has: teacherPage.getByTestId('voice-player') });
    await voice.waitFor({ timeout: 15_000 });
    await expect.poll(() => recorder.count()).toBe(0);
    await screenshot(teacherPage, 'chat-teacher', { fullPage: false });
    await expectNoSeriousViolations(teacherPage, 'teacher chat with a voice note');

    // The student's open thread receives it; they play it: the audio runs and the seek bar follows.
    const received = messages(studentPage).filter({ has: studentPage.getByTestId('voice-player') });
    await received.waitFor({ timeout: 15_000 });
    const play = received.getByRole('button', { name: `Play ${teacher.name}’s voice note` });
    await expect.poll(() => play.isEnabled(), { timeout: 15_000 }).toBe(true);
    const seek = received.getByRole('slider');
    expect(Number(await seek.getAttribute('aria-valuemax'))).toBeGreaterThan(1);
    expect(Number(await seek.getAttribute('aria-valuemax'))).toBeLessThan(6);
    await play.click();
    expect(await studentPage.getByTestId('voice-audio').count()).toBe(1);
    await expect.poll(() => audioState(studentPage, 'currentTime'), { timeout: 10_000 }).toBeGreaterThan(0.3);
    await expect
      .poll(async () => Number(await seek.getAttribute('aria-valuenow')), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await received.getByRole('button', { name: `Pause ${teacher.name}’s voice note` }).click();
    await expect.poll(() => audioState(studentPage, 'paused')).toBe(true);
  });

  it('lets the office admin chat with teachers, paging back through a long thread', async () => {
    // A long conversation, written through the API: more than one page (30) of messages.
    const login = await callApi(rig.station.url, 'auth.login', {
      institution: school.username,
      username: teacher.username,
      password: teacher.password,
    });
    const office = (await callApi(rig.station.url, 'messages.conversations', {}, login.token)).items.find(
      (c) => c.role === 'admin',
    );
    expect(office).toBeDefined();
    for (let i = 1; i <= 35; i++) {
      await callApi(
        rig.station.url,
        'messages.send',
        { receiverId: office?.userId ?? '', message: `Timetable question ${i}` },
        login.token,
      );
    }

    const adminPage = await rig.newPage('admin');
    await openApp(adminPage, rig.station.url);
    expect(
      await signIn(adminPage, { as: 'admin', username: school.username, password: school.password }),
    ).toEqual({ signedIn: true });
    await adminPage
      .getByRole('navigation', { name: /workspace/ })
      .getByRole('link', { name: 'Chat' })
      .click();
    const fromTeacher = conversation(adminPage, teacher.name);
    await expect.poll(() => fromTeacher.getAttribute('data-unread'), { timeout: 15_000 }).toBe('35');
    await fromTeacher.click();

    // The newest page, newest at the bottom and in view; earlier ones on request, keeping the place.
    const last = messages(adminPage).filter({
      has: adminPage.getByTestId('message-text').getByText('Timetable question 35', { exact: true }),
    });
    await last.waitFor();
    await expect.poll(() => messages(adminPage).count()).toBe(30);
    await expect.poll(() => last.isVisible()).toBe(true);
    await expect.poll(() => threadNearBottom(adminPage)).toBe(true);
    await adminPage.getByRole('button', { name: 'Load earlier messages' }).click();
    await expect.poll(() => messages(adminPage).count()).toBe(35);
    expect(await messages(adminPage).first().getByTestId('message-text').innerText()).toBe(
      'Timetable question 1',
    );
    expect(await adminPage.getByRole('button', { name: 'Load earlier messages' }).count()).toBe(0);
    await expect.poll(() => fromTeacher.getAttribute('data-unread'), { timeout: 15_000 }).toBe('0');
    await screenshot(adminPage, 'chat-admin', { fullPage: false });
    await expectNoSeriousViolations(adminPage, 'admin chat');

    // A microphone the browser refuses gets a clear message, not a silent failure.
    await adminPage.evaluate(`
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    `);
    await adminPage.getByRole('button', { name: 'Record a voice note' }).click();
    const refused = adminPage.getByTestId('recorder-error');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('The microphone is blocked');
    await refused.getByRole('button', { name: 'Close' }).click();
    await adminPage.getByRole('textbox', { name: `Message to ${teacher.name}` }).waitFor();

    // On a phone-sized window the list and the thread take turns.
    await adminPage.setViewportSize({ width: 390, height: 800 });
    await adminPage.getByRole('button', { name: 'Back' }).click();
    await conversation(adminPage, teacher.name).waitFor();
    await conversation(adminPage, teacher.name).click();
    await thread(adminPage).waitFor();
    await screenshot(adminPage, 'chat-admin-narrow', { fullPage: false });
    await adminPage.close();
  });

  it('logged no page errors', () => {
    expect(rig.pageErrors).toEqual([]);
  });
});
