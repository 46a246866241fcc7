import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { repoRoot, startStationProcess, type StationProcess } from '../support/station';
import { makeTempDir } from '../support/temp-dir';

const temp = makeTempDir('crm-e2e-status');
const screenshots = path.join(repoRoot, 'test-results', 'screenshots');
let station: StationProcess;
let chromium: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  station = await startStationProcess(temp.dir);
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await station?.stop();
  temp.remove();
});

describe('renderer in Debian Chromium, served by the station', () => {
  it('shows the engine starting, then ready', async () => {
    const page = await chromium.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });

    await page.goto(station.url);
    const status = page.getByTestId('engine-state');
    await status.waitFor();
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    await expect.poll(() => page.getByText(/embedded/i).count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(screenshots, 'engine-ready.png'), fullPage: true });
    // The station answers 503 while the engine starts; nothing else may fail on the page.
    expect(errors.filter((e) => !/503|Service Unavailable/.test(e))).toEqual([]);
  });
});
