/**
 * `npm run bench:paint`: first paint of the app through the station on a cold cache, as a laptop on the
 * school's Wi-Fi sees it. A station process serves the built renderer (out/renderer, or CRM_RENDERER_DIR);
 * each run is a fresh Chromium profile (nothing cached) on a throttled link (default 20 Mbit/s down,
 * 10 Mbit/s up, 20 ms round trip; PAINT_MBPS / PAINT_RTT_MS change it), and reads
 * performance.getEntriesByType('paint') plus the bytes that crossed the wire. Prints the median of RUNS (5).
 */
import { launchChromium } from '../support/browser';
import { startStationProcess } from '../support/station';
import { makeTempDir } from '../support/temp-dir';

const RUNS = Number(process.env.RUNS ?? 5);
const MBPS = Number(process.env.PAINT_MBPS ?? 20);
const RTT_MS = Number(process.env.PAINT_RTT_MS ?? 20);

const temp = makeTempDir('crm-bench-paint');
const rendererDir = process.env.CRM_RENDERER_DIR;
const station = await startStationProcess(temp.dir, rendererDir ? { CRM_RENDERER_DIR: rendererDir } : {});

interface Run {
  firstPaint: number;
  firstContentfulPaint: number;
  transferred: number;
  decoded: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

try {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const chromium = await launchChromium();
    try {
      const page = await chromium.context.newPage();
      const cdp = await chromium.context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: RTT_MS,
        downloadThroughput: (MBPS * 1_000_000) / 8,
        uploadThroughput: (MBPS * 1_000_000) / 16,
      });
      await page.goto(station.url, { waitUntil: 'load' });
      // Paint entries are recorded once the page has painted; wait for the first contentful one (polled
      // from outside: the app's CSP forbids the evaluated function waitForFunction would install).
      const deadline = Date.now() + 30_000;
      while ((await page.evaluate<number>("performance.getEntriesByType('paint').length")) < 2) {
        if (Date.now() > deadline) throw new Error('no first contentful paint within 30 s');
        await new Promise((r) => setTimeout(r, 50));
      }
      const measured = await page.evaluate<Run>(`(() => {
        const paint = Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]));
        const resources = performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'));
        return {
          firstPaint: paint['first-paint'],
          firstContentfulPaint: paint['first-contentful-paint'],
          transferred: resources.reduce((s, r) => s + (r.transferSize || 0), 0),
          decoded: resources.reduce((s, r) => s + (r.decodedBodySize || 0), 0),
        };
      })()`);
      runs.push(measured);
    } finally {
      await chromium.close();
    }
  }
  const fp = median(runs.map((r) => r.firstPaint));
  const fcp = median(runs.map((r) => r.firstContentfulPaint));
  const kb = (n: number) => `${Math.round(n / 1024)} kB`;
  console.log(
    `first paint (median of ${RUNS}, cold cache, ${MBPS} Mbit/s, ${RTT_MS} ms RTT): ` +
      `FP ${fp.toFixed(0)} ms, FCP ${fcp.toFixed(0)} ms; over the wire ${kb(median(runs.map((r) => r.transferred)))} ` +
      `(${kb(median(runs.map((r) => r.decoded)))} decoded)`,
  );
} finally {
  await station.stop();
  temp.remove();
}
