/**
 * Devices, in Debian Chromium against the real station in network mode (HTTPS on 127.0.0.2, the admin at the
 * station's own loopback door): the admin sees the station's address and fingerprint, adds a device and reads
 * its code, a laptop (this test process) pairs with it, the admin removes it, and turns browsers on, after
 * which a browser on the network gets the app over HTTPS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pairWithStation } from '../../electron/core/connected/pairing';
import {
  callStation,
  closeLink,
  DeviceRevoked,
  type StationLink,
} from '../../electron/core/connected/station-link';
import { launchChromium } from '../support/browser';
import { startStationProcess, type StationProcess } from '../support/station';
import { makeTempDir } from '../support/temp-dir';
import { formatViolations, openApp, registerSchool, runAxe, screenshot } from './support/app';

const temp = makeTempDir('crm-e2e-devices');
const networkDir = makeTempDir('crm-e2e-devices-network');
let station: StationProcess;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let link: StationLink | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  const env: Record<string, string> = {
    CRM_LAN: '1',
    CRM_HOST: '127.0.0.2',
    CRM_PORT: '0',
    CRM_LOCAL_PORT: '0',
    CRM_NETWORK_DIR: networkDir.dir,
    ...(process.env.CRM_RENDERER_DIR ? { CRM_RENDERER_DIR: process.env.CRM_RENDERER_DIR } : {}),
  };
  station = await startStationProcess(temp.dir, env);
  // The station's CA is not in this throwaway profile; the certificate checks are the integration tests'.
  chromium = await launchChromium(['--ignore-certificate-errors']);
  page = await chromium.context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterAll(async () => {
  if (link) closeLink(link);
  await chromium?.close();
  await station?.stop();
  temp.remove();
  networkDir.remove();
});

describe('Devices', () => {
  it('pairs a laptop with the code it shows, removes it, and lets browsers in when asked', async () => {
    await openApp(page, station.localUrl ?? '');
    await registerSchool(page, {
      username: `devices_${Date.now().toString(36)}`,
      password: 'admin-Pass-1',
      name: 'Kavita Menon',
      institutionName: 'Network High',
    });
    await page
      .getByRole('navigation', { name: 'Office workspace' })
      .getByRole('link', { name: 'Devices' })
      .click();
    await page.getByRole('heading', { name: 'Devices', level: 1 }).waitFor();
    await expect.poll(() => page.getByText(station.url).first().isVisible()).toBe(true);
    const violations = await runAxe(page, { bothSchemes: true });
    expect(violations, formatViolations(violations)).toEqual([]);

    await page.getByRole('button', { name: 'Add a device' }).click();
    const code = (await page.getByTestId('pairing-code').textContent()) ?? '';
    expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    await screenshot(page, 'devices-add');
    const pairing = await pairWithStation({
      address: station.url,
      code,
      name: 'Teacher laptop',
      localAddress: '127.0.0.1',
    });
    link = {
      url: pairing.url,
      caPem: pairing.caPem,
      deviceToken: pairing.deviceToken,
      localAddress: '127.0.0.1',
    };
    expect(await callStation(link, 'system.ping', {})).toMatchObject({ ok: true });
    await page.getByRole('button', { name: 'Done' }).click();

    const row = page.getByRole('row', { name: /Teacher laptop/ });
    await expect.poll(() => row.getByText('Paired', { exact: true }).isVisible()).toBe(true);
    await row.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => row.getByText(/Removed/).isVisible()).toBe(true);
    await expect(callStation(link, 'system.ping', {})).rejects.toBeInstanceOf(DeviceRevoked);

    // A browser on the network: refused until browsers are allowed.
    const visitor = await chromium.context.newPage();
    await visitor.goto(station.url);
    const ping = (): Promise<number> =>
      visitor.evaluate(() =>
        fetch('/api/rpc/system.ping', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }).then((r) => r.status),
      );
    expect(await ping()).toBe(403);
    const browsers = page.getByRole('switch', { name: /Browsers on the school's computers/ });
    // Controlled by the station's answer: it turns on once the setting is saved.
    await browsers.click();
    await expect.poll(() => browsers.isChecked()).toBe(true);
    await expect.poll(ping).toBe(200);
    await openApp(visitor, station.url);
    await visitor.goto(`${station.url}/trust`);
    await visitor.getByRole('heading', { name: "Trust the school's station" }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
