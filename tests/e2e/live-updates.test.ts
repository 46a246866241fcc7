/**
 * Pushed events in Chromium against the real station: a student's window, left on another page, shows the
 * unread badges in the navbar as soon as a teacher sends a voice note and the office publishes a notice; with
 * the chat open, the next voice note appears without a reload. Requests are counted: while the event stream
 * is up, the page does not poll.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { callApi, openApp, screenshot, teacherAndStudent, waitForShell } from './support/app';
import { expectNoSeriousViolations, setUpSchool, signInAs, useStationAndBrowser } from './support/rig';

const rig = useStationAndBrowser('live');
let page: Page;
const requests: Array<{ at: number; channel: string }> = [];

const { school, teacher, student } = teacherAndStudent('live', 'Hill School');
let adminToken = '';
let teacherToken = '';
let studentId = '';

/** A few bytes that begin as WebM does (the service checks the signature; nobody plays it here). */
const VOICE = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, ...new Array<number>(64).fill(0)]);

async function sendVoiceNote(): Promise<void> {
  const file = await callApi(
    rig.station.url,
    'files.upload',
    { name: 'voice.webm', mimeType: 'audio/webm', data: VOICE, purpose: 'audio', durationSeconds: 2 },
    teacherToken,
  );
  await callApi(
    rig.station.url,
    'messages.send',
    { receiverId: studentId, audioFileId: file.id },
    teacherToken,
  );
}

/** RPC calls of the page since `since` on channels starting with `prefix`. */
const callsSince = (since: number, prefix: string) =>
  requests.filter((r) => r.at >= since && r.channel.startsWith(prefix)).map((r) => r.channel);

const nav = (p: Page) => p.getByRole('navigation', { name: /workspace/ });

beforeAll(async () => {
  ({
    adminToken,
    studentIds: [studentId = ''],
  } = await setUpSchool(rig.station.url, school, teacher, [student], {
    name: 'Class 7-B',
    grade: 7,
    section: 'B',
    maxStudents: 40,
  }));
  teacherToken = (
    await callApi(rig.station.url, 'auth.login', {
      institution: school.username,
      username: teacher.username,
      password: teacher.password,
    })
  ).token;

  page = rig.page;
  page.on('request', (r: Request) => {
    const match = /\/api\/rpc\/([^?]+)/.exec(r.url());
    if (match?.[1]) requests.push({ at: Date.now(), channel: decodeURIComponent(match[1]) });
  });
}, 120_000);

describe('pushed updates in the browser', () => {
  it('shows the navbar badges for a voice note and a notice as they happen, without polling', async () => {
    await openApp(page, rig.station.url);
    await signInAs(page, student, school.username);
    await waitForShell(page);
    await page.locator('#app-navbar[data-live-events="up"]').waitFor();
    expect(await page.getByTestId('nav-unread-chat').count()).toBe(0);

    // Quiet for longer than any polling interval (3–4 s): no chat or notice request at all.
    const quietFrom = Date.now();
    await page.waitForTimeout(5_000);
    expect(callsSince(quietFrom, 'messages.')).toEqual([]);
    expect(callsSince(quietFrom, 'notices.')).toEqual([]);

    const sentAt = Date.now();
    await sendVoiceNote();
    await expect
      .poll(() => page.getByTestId('nav-unread-chat').innerText(), { timeout: 5_000 })
      .toMatch(/^1/);
    // Fetched because of the event: the count was read only after the voice note was sent.
    expect(callsSince(quietFrom, 'messages.')).toEqual(callsSince(sentAt, 'messages.'));
    expect(callsSince(sentAt, 'messages.')).toContain('messages.unreadCounts');

    await callApi(
      rig.station.url,
      'notices.create',
      { title: 'Sports day', body: 'Friday, on the big field.', audience: ['student'] },
      adminToken,
    );
    await expect
      .poll(() => page.getByTestId('nav-unread-notices').innerText(), { timeout: 5_000 })
      .toMatch(/^1/);
    // The link keeps its name; the count is its description ("1 unread").
    const chat = nav(page).getByRole('link', { name: 'Chat', exact: true });
    expect(await chat.getAttribute('aria-describedby')).toBe('nav-unread-chat');
    expect(await page.getByTestId('nav-unread-chat').textContent()).toBe('1 unread');
    const shot = await screenshot(page, 'navbar-unread-badges', { fullPage: false });
    expect(shot).toContain('navbar-unread-badges');
    await expectNoSeriousViolations(page, 'student, navbar with unread badges');
  });

  it('a voice note appears in the open chat without a reload, and reading it clears the badge', async () => {
    await nav(page).getByRole('link', { name: /^Chat/ }).click();
    await page.getByRole('heading', { name: 'Chat', level: 1 }).waitFor();
    await page.getByTestId('conversation').filter({ hasText: teacher.name }).click();
    const voiceNotes = page.getByTestId('thread').getByTestId('voice-player');
    await expect.poll(() => voiceNotes.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('nav-unread-chat').count(), { timeout: 5_000 }).toBe(0);

    const quietFrom = Date.now();
    await page.waitForTimeout(4_000);
    expect(callsSince(quietFrom, 'messages.thread')).toEqual([]);
    await sendVoiceNote();
    await expect.poll(() => voiceNotes.count(), { timeout: 5_000 }).toBe(2);
  });
});
