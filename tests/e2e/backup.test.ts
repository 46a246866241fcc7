/**
 * Backups (issue 17) in Debian Chromium against the real station and engine: the office makes a backup from
 * Settings, sees it listed with its size and counts, downloads it, and opens the restore dialog. Every page is
 * photographed and checked with axe on the way.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, openApp, screenshot, signIn } from './support/app';
import { expectNoSeriousViolations, useStationAndBrowser } from './support/rig';

const rig = useStationAndBrowser('backup');
let page: Page;

const school = {
  username: `safe_${Date.now().toString(36)}`,
  password: 'admin-Pass-1',
  name: 'Office Admin',
  institutionName: 'Hillside Primary School',
};

beforeAll(async () => {
  await callApi(rig.station.url, 'auth.registerInstitution', school);
  const admin = await callApi(rig.station.url, 'auth.login', {
    username: school.username,
    password: school.password,
  });
  for (const name of ['Asha Rao', 'Ben Ortiz']) {
    await callApi(
      rig.station.url,
      'users.create',
      { role: 'student', username: name.split(' ')[0]!.toLowerCase(), password: 'student-Pass-1', name },
      admin.token,
    );
  }
  page = rig.page;
  await openApp(page, rig.station.url);
});

describe('backups from Settings', () => {
  it('the office makes a backup and sees it listed', async () => {
    expect(await signIn(page, { as: 'admin', username: school.username, password: school.password })).toEqual(
      {
        signedIn: true,
      },
    );
    await page
      .getByRole('navigation', { name: 'Office workspace' })
      .getByRole('link', { name: 'Settings', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const card = page.getByRole('region', { name: 'Backups' });
    await card.getByText('No backups yet.').waitFor();

    await card.getByTestId('backup-now').click();
    const row = card.getByTestId('backup-list').locator('tbody tr').first();
    await row.waitFor();
    const name = await row.getAttribute('data-backup');
    expect(name).toMatch(new RegExp(`^${school.username}-\\d{4}-\\d{2}-\\d{2}-\\d{6}\\.crmbackup$`));
    expect(await row.innerText()).toMatch(/manual/i); // the badge shows it in capitals
    // Three accounts' worth of records at least (two students and the log of their creation).
    await card.getByTestId('backup-last').getByText('succeeded').waitFor();
    await screenshot(page, 'office-backups');
    await expectNoSeriousViolations(page, 'office, settings with a backup');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(name);
    const tar = gunzipSync(readFileSync(await download.path()));
    expect(tar.includes(Buffer.from('manifest.json'))).toBe(true);
    expect(tar.includes(Buffer.from('Asha Rao'))).toBe(true);

    await row.getByRole('button', { name: 'Restore…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore a backup' });
    await dialog.getByText('The whole file is checked before anything changes.').waitFor();
    await screenshot(page, 'office-restore-dialog', { fullPage: false });
    await expectNoSeriousViolations(page, 'office, restore dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('logged no errors in the browser', () => {
    expect(rig.pageErrors).toEqual([]);
  });
});
