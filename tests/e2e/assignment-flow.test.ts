/**
 * The core flow in Debian Chromium against the real station and engine. The school, its teacher, two
 * students, a class and a timetable entry are set up through the API; then, through the screens: the teacher
 * creates an assignment with a PDF attachment (a refused file first); a student opens the attachment and hands
 * in a file; the teacher rejects it with feedback; the student sees that and hands in again; the teacher accepts
 * and grades 88 with feedback; the student sees the grade and the feedback. Editing, and deleting after a
 * confirmation, are covered too. Every page of the teacher's and student's learning workspaces is photographed
 * and checked with axe on the way.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { WEEKDAYS } from '../../shared/domain';
import { callApi, openApp, screenshot } from './support/app';
import { expectNoSeriousViolations, setUpSchool, signInAs, useStationAndBrowser } from './support/rig';

const rig = useStationAndBrowser('assignments');
let page: Page;

const school = {
  username: `learn_${Date.now().toString(36)}`,
  password: 'admin-Pass-1',
  name: 'Office Admin',
  institutionName: 'Riverside High School',
};
const teacher = { username: 'Pratik sir', password: 'teacher-Pass-1', name: 'Pratik Shah' };
const student1 = { username: 'asha', password: 'student-Pass-1', name: 'Asha Rao' };
const student2 = { username: 'ben', password: 'student-Pass-2', name: 'Ben Ortiz' };
const assignmentTitle = 'Fractions worksheet';

/** A one-page PDF saying `text` (bytes begin with `%PDF-1.4`), with a correct cross-reference table. */
function pdfBytes(text: string): Buffer {
  const content = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const today = WEEKDAYS[(new Date().getDay() + 6) % 7] ?? 'Monday';

beforeAll(async () => {
  const url = rig.station.url;
  const { adminToken, teacherId, classId } = await setUpSchool(url, school, teacher, [student1, student2], {
    name: 'Class 7-A',
    grade: 7,
    section: 'A',
    subjects: ['Mathematics'],
  });
  // The teacher's Mathematics lessons with the class: one today, one on another day.
  const lesson = (day: typeof today, period: number, timeSlot: string) =>
    callApi(
      url,
      'schedules.create',
      { teacherId, classId, subject: 'Mathematics', day, period, timeSlot },
      adminToken,
    );
  await lesson(today, 2, '9:50-10:35');
  const otherDay = today === 'Monday' ? 'Tuesday' : 'Monday';
  await lesson(otherDay, 4, '11:30-12:15');

  page = rig.page;
  await openApp(page, url);
});

async function go(workspace: 'Teacher' | 'Student', label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: `${workspace} workspace` })
    .getByRole('link', { name: label })
    .click();
}

/** Clicks and answers the download it starts, with its bytes. */
async function download(click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const saved = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(saved) };
}

async function openAssignment(workspace: 'Teacher' | 'Student'): Promise<void> {
  await go(workspace, 'Assignments');
  await page.getByRole('link', { name: assignmentTitle }).click();
  await page.getByRole('heading', { level: 1, name: assignmentTitle }).waitFor();
}

function studentRow(name: string) {
  return page.getByTestId('submission-row').filter({ hasText: name });
}

describe('assignment flow: set, hand in, reject, hand in again, accept and grade', () => {
  it("shows the teacher's day and week, and their class with its students", async () => {
    await signInAs(page, teacher, school.username);
    await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
    const todayEntry = page.getByTestId('today-entry');
    await todayEntry.first().waitFor();
    expect(await todayEntry.count()).toBe(1);
    expect(await todayEntry.innerText()).toContain('Mathematics');
    expect(await todayEntry.innerText()).toContain('Class 7-A');
    await page.getByTestId('week-grid').waitFor();
    expect(await page.locator(`[data-cell="${today}-2"]`).innerText()).toContain('Mathematics');
    await screenshot(page, 'teacher-my-day');
    await expectNoSeriousViolations(page, 'teacher, my day');

    await go('Teacher', 'Classes');
    await page.getByRole('heading', { level: 1, name: 'Classes' }).waitFor();
    const students = page.getByRole('table', { name: 'Students of Class 7-A' });
    await students.getByText(student1.name).waitFor();
    expect(await students.getByText(student2.name).count()).toBe(1);
    await screenshot(page, 'teacher-classes');
    await expectNoSeriousViolations(page, 'teacher, classes');
  });

  it('creates an assignment for the class with a PDF attachment, refusing a wrong file type', async () => {
    await go('Teacher', 'Assignments');
    await page.getByRole('heading', { level: 1, name: 'Assignments' }).waitFor();
    await page.getByTestId('assignments-empty').waitFor();
    await page.getByRole('button', { name: 'New assignment' }).click();
    const dialog = page.getByRole('dialog', { name: 'New assignment' });
    await dialog.getByLabel('Title').fill(assignmentTitle);
    await dialog
      .getByLabel('Description')
      .fill('Do exercises 1–10 on the attached sheet. Show your working.');
    await dialog.getByLabel('Classes').click();
    await page.getByRole('option', { name: 'Class 7-A' }).click();
    await page.keyboard.press('Escape');

    const input = dialog.getByTestId('attachment-dropzone').locator('input[type="file"]');
    await input.setInputFiles({
      name: 'setup.exe',
      mimeType: 'application/x-msdownload',
      buffer: Buffer.from('MZ'),
    });
    const refused = dialog.getByTestId('file-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('“setup.exe” is not a file type we accept');

    await input.setInputFiles({
      name: 'fractions.pdf',
      mimeType: 'application/pdf',
      buffer: pdfBytes('Fractions worksheet: exercises 1 to 10'),
    });
    await dialog.getByText('Uploaded', { exact: true }).waitFor();
    await screenshot(page, 'teacher-assignment-form', { fullPage: false });
    await expectNoSeriousViolations(page, 'teacher, new assignment dialog');
    // Finding 8: due on a weekday at 17:00 by default, the hint shows the field's own format, and the
    // Create button is on screen at 1280×800 without scrolling.
    expect(await dialog.getByLabel('Due time').inputValue()).toBe('17:00');
    expect(await dialog.getByLabel('Due date').inputValue()).not.toMatch(/^(Sat|Sun)/);
    expect(await dialog.getByText(/^Pick a day or type e\.g\./).innerText()).not.toContain('YYYY');
    // On screen and not clipped by the dialog: the point at the button's centre is the button.
    const create = dialog.getByRole('button', { name: 'Create assignment' });
    const box = await create.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(800);
    const x = (box?.x ?? 0) + (box?.width ?? 0) / 2;
    const y = (box?.y ?? 0) + (box?.height ?? 0) / 2;
    const hit = await page.evaluate<string>(
      `document.elementFromPoint(${x}, ${y})?.closest('button')?.textContent ?? ''`,
    );
    expect(hit).toContain('Create assignment');
    await dialog.getByRole('button', { name: 'Create assignment' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByTestId('assignment-row').filter({ hasText: assignmentTitle });
    await row.waitFor();
    expect(await row.innerText()).toContain('Class 7-A');
    expect(await row.innerText()).toContain('1 attachment');
    expect(await row.innerText()).toContain('0 of 2 handed in');

    // Edit: the form opens with the assignment's values.
    await row.getByRole('button', { name: `Edit ${assignmentTitle}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit “${assignmentTitle}”` });
    expect(await edit.getByLabel('Title').inputValue()).toBe(assignmentTitle);
    await edit.getByText('fractions.pdf').waitFor();
    await edit
      .getByLabel('Description')
      .fill('Do exercises 1–10 on the attached sheet. Show all your working.');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'hidden' });
    await page.getByText(`“${assignmentTitle}” was saved.`).waitFor();
    await screenshot(page, 'teacher-assignments');
    await expectNoSeriousViolations(page, 'teacher, assignments');
  });

  it('lets a student open the attachment and hand in a file', async () => {
    await signInAs(page, student1, school.username);
    await page.getByRole('heading', { level: 1, name: 'Timetable' }).waitFor();
    await page.getByTestId('week-grid').waitFor();
    expect(await page.getByTestId('today-entry').innerText()).toContain(teacher.name);
    await screenshot(page, 'student-timetable');
    await expectNoSeriousViolations(page, 'student, timetable');

    await go('Student', 'Assignments');
    const row = page.getByTestId('assignment-row').filter({ hasText: assignmentTitle });
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('pending');
    await screenshot(page, 'student-assignments');
    await expectNoSeriousViolations(page, 'student, assignments');

    await page.getByRole('link', { name: assignmentTitle }).click();
    await page.getByRole('heading', { level: 1, name: assignmentTitle }).waitFor();
    // Open: a PDF opens in a new tab from a Blob URL; Save: the same bytes through <a download>.
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: 'Open fractions.pdf' }).click(),
    ]);
    await popup.waitForURL(/^blob:/);
    await popup.waitForLoadState();
    // Chromium's PDF viewer draws the page a moment after the load; the picture is for people, not asserts.
    await popup.waitForTimeout(2_000);
    await screenshot(popup, 'student-attachment-open', { fullPage: false });
    await popup.close();
    const saved = await download(() => page.getByRole('button', { name: 'Save fractions.pdf' }).click());
    expect(saved.name).toBe('fractions.pdf');
    expect(saved.bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');

    const form = page.getByRole('form', { name: 'Hand in' });
    await form.getByRole('button', { name: 'Hand in' }).click();
    await form.getByText('Add at least one file.').waitFor();
    await form
      .getByTestId('submission-dropzone')
      .locator('input[type="file"]')
      .setInputFiles({ name: 'my-answers.pdf', mimeType: 'application/pdf', buffer: pdfBytes('first try') });
    await form.getByText('Uploaded', { exact: true }).waitFor();
    await form.getByLabel('Note for your teacher').fill('Question 7 was hard.');
    await form.getByRole('button', { name: 'Hand in' }).click();
    const work = page.getByTestId('your-work');
    await work.waitFor();
    expect(await work.innerText()).toContain('waiting for your teacher');
    expect(await page.getByRole('form', { name: /Hand in/ }).count()).toBe(0);
  });

  it("rejects the student's work with feedback", async () => {
    await signInAs(page, teacher, school.username);
    await openAssignment('Teacher');
    const row = studentRow(student1.name);
    await row.getByText('Submitted', { exact: true }).waitFor();
    expect(await studentRow(student2.name).getByText('Pending', { exact: true }).count()).toBe(1);
    const work = await download(() => row.getByRole('button', { name: 'Save my-answers.pdf' }).click());
    expect(work.bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');

    await row.getByRole('button', { name: `Review ${student1.name}’s work` }).click();
    const dialog = page.getByRole('dialog', { name: `Review ${student1.name}’s work` });
    await dialog.getByText('Question 7 was hard.').waitFor();
    // Sending work back needs a reason.
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await dialog.getByText('Tell the student what to change').waitFor();
    await dialog.getByLabel('Feedback').fill('Show your working for questions 4 to 7.');
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('Rejected', { exact: true }).waitFor();
    expect(await row.innerText()).toContain('Show your working for questions 4 to 7.');
  });

  it('shows the student why it came back, and takes it again', async () => {
    await signInAs(page, student1, school.username);
    await openAssignment('Student');
    const feedback = page.getByTestId('feedback');
    await feedback.waitFor();
    expect(await feedback.innerText()).toContain('Sent back: rejected');
    expect(await feedback.innerText()).toContain('Show your working for questions 4 to 7.');

    const form = page.getByRole('form', { name: 'Hand in again' });
    await form
      .getByTestId('submission-dropzone')
      .locator('input[type="file"]')
      .setInputFiles({
        name: 'my-answers-v2.pdf',
        mimeType: 'application/pdf',
        buffer: pdfBytes('second try'),
      });
    await form.getByText('Uploaded', { exact: true }).waitFor();
    await form.getByRole('button', { name: 'Hand in again' }).click();
    await page.getByTestId('your-work').getByText('waiting for your teacher', { exact: false }).waitFor();
    expect(await page.getByTestId('feedback').count()).toBe(0);
  });

  it('accepts and grades the work 88 with feedback; the class analytics count it', async () => {
    await signInAs(page, teacher, school.username);
    await openAssignment('Teacher');
    const row = studentRow(student1.name);
    await row.getByText('my-answers-v2.pdf').waitFor();

    await row.getByRole('button', { name: `Review ${student1.name}’s work` }).click();
    const review = page.getByRole('dialog', { name: `Review ${student1.name}’s work` });
    await review.getByRole('button', { name: 'Accept' }).click();
    await review.waitFor({ state: 'hidden' });
    await row.getByText('Accepted', { exact: true }).waitFor();

    await row.getByRole('button', { name: `Grade ${student1.name}’s work` }).click();
    const grade = page.getByRole('dialog', { name: `Grade ${student1.name}’s work` });
    await grade.getByRole('textbox', { name: /^Grade/ }).fill('88');
    await grade.getByLabel('Feedback').fill('Much clearer working. Well done!');
    await grade.getByRole('button', { name: 'Save grade' }).click();
    await grade.waitFor({ state: 'hidden' });
    await row.getByText('88 / 100').waitFor();
    expect(await row.getByText('Graded', { exact: true }).count()).toBe(1);
    expect(await row.innerText()).toContain('Much clearer working. Well done!');
    await screenshot(page, 'teacher-assignment-detail');
    await expectNoSeriousViolations(page, 'teacher, assignment detail');

    await go('Teacher', 'Analytics');
    await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
    const average = page.locator('[data-testid="stat"][data-label="Average grade"]');
    await average.getByText('88', { exact: true }).waitFor();
    const students = page.getByRole('table', { name: 'Students of Class 7-A' });
    expect(await students.getByRole('row').filter({ hasText: student1.name }).innerText()).toContain('88');
    await screenshot(page, 'teacher-analytics');
    await expectNoSeriousViolations(page, 'teacher, analytics');
  });

  it('shows the student the grade and the feedback, and their performance', async () => {
    await signInAs(page, student1, school.username);
    await openAssignment('Student');
    await page.getByTestId('your-grade').getByText('88 / 100').waitFor();
    const feedback = page.getByTestId('feedback');
    expect(await feedback.innerText()).toContain('Feedback from your teacher');
    expect(await feedback.innerText()).toContain('Much clearer working. Well done!');
    expect(await page.getByRole('form', { name: /Hand in/ }).count()).toBe(0);
    await screenshot(page, 'student-assignment-detail');
    await expectNoSeriousViolations(page, 'student, assignment detail');

    await go('Student', 'My performance');
    await page.getByRole('heading', { level: 1, name: 'My performance' }).waitFor();
    await page
      .locator('[data-testid="stat"][data-label="Average grade"]')
      .getByText('88', { exact: true })
      .waitFor();
    await page.getByRole('table', { name: 'Your grades' }).getByText(assignmentTitle).waitFor();
    // Finding 6: the completion figure in words a pupil reads.
    const handedIn = page.locator('[data-testid="stat"][data-label="Handed in"]');
    expect(await handedIn.innerText()).toMatch(/You handed in \d+ of \d+ assignments?/);
    await screenshot(page, 'student-performance');
    await expectNoSeriousViolations(page, 'student, performance');
  });

  it('deletes an assignment after asking', async () => {
    await signInAs(page, teacher, school.username);
    await go('Teacher', 'Assignments');
    await page.getByRole('button', { name: 'New assignment' }).click();
    const dialog = page.getByRole('dialog', { name: 'New assignment' });
    await dialog.getByLabel('Title').fill('Spare sheet');
    await dialog.getByLabel('Classes').click();
    await page.getByRole('option', { name: 'Class 7-A' }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Create assignment' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const rows = page.getByTestId('assignment-row');
    await rows.filter({ hasText: 'Spare sheet' }).waitFor();

    await rows.filter({ hasText: 'Spare sheet' }).getByRole('button', { name: 'Delete Spare sheet' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete assignment?' });
    await confirm.getByText('This cannot be undone.').waitFor();
    await confirm.getByRole('button', { name: 'Delete assignment' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await rows.filter({ hasText: 'Spare sheet' }).waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(1);
  });

  it('left no errors in the page', () => {
    expect(rig.pageErrors).toEqual([]);
  });
});
