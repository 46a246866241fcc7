#!/usr/bin/env node
// npm test: every suite, against the real engine, keychain and browser, then one line
// `N passed, N failed, N skipped` over all of them. Exits non-zero when anything failed or could not run.
//
// On Linux the keychain tests need a Secret Service: this script re-runs itself inside `dbus-run-session` and
// starts gnome-keyring there, unlocked with a throwaway password (an empty one would want a GUI).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './electron-binary.mjs';
import { electronVite } from './run.mjs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

// The browser suites run a second time against the station in network mode (see main).
const NETWORK_E2E = [
  'start-and-shell',
  'admin-structure',
  'calendar-and-notices',
  'backup',
  'assignment-flow',
  'chat-voice',
  'live-updates',
  'attendance',
].map((name) => `tests/e2e/${name}.test.ts`);

if (process.platform === 'linux' && !process.env.CRM_TEST_SESSION && has('dbus-run-session')) {
  const child = spawn('dbus-run-session', ['--', process.execPath, ...process.argv.slice(1)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CRM_TEST_SESSION: '1' },
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  process.exitCode = await main();
}

async function main() {
  const results = join(root, 'test-results');
  mkdirSync(results, { recursive: true });
  startKeyring();

  const totals = { passed: 0, failed: 0, skipped: 0 };
  const problems = [];
  const add = (name, counts) => {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    console.log(`\n[${name}] ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    if (counts.error) problems.push(`${name}: ${counts.error}`);
  };

  // The station and browser tests serve the built renderer.
  console.log('\n== build (electron-vite) ==');
  if ((await electronVite(['build'])) !== 0) problems.push('build: electron-vite build failed');

  console.log('\n== engine (go test) ==');
  add('engine', await goTests());

  for (const project of ['unit', 'integration', 'e2e']) {
    console.log(`\n== ${project} (vitest) ==`);
    add(project, await vitest(project, join(results, `vitest-${project}.json`)));
  }

  // The browser suites of every role's main flows again, against the station in network mode (HTTPS on
  // 127.0.0.2 with its own CA: tests/e2e/support/network-station.ts). A subset (about 3.5 min; all of them
  // would add about 5): sign-in and the shell, the office's structure, notices and calendar, a backup,
  // assignments from setting to grading, chat with voice notes, pushed updates, and the attendance register.
  console.log('\n== e2e, the station in network mode (vitest) ==');
  add(
    'e2e (network)',
    await vitest('e2e', join(results, 'vitest-e2e-network.json'), NETWORK_E2E, { CRM_E2E_NETWORK: '1' }),
  );

  for (const problem of problems) console.log(`problem: ${problem}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return totals.failed > 0 || problems.length > 0 ? 1 : 0;
}

/** gnome-keyring's Secret Service, unlocked, for this dbus session only. */
function startKeyring() {
  if (process.platform !== 'linux' || !process.env.CRM_TEST_SESSION || !has('gnome-keyring-daemon')) return;
  const out = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
    input: 'crm-test-keyring',
    encoding: 'utf8',
  });
  for (const line of (out.stdout ?? '').split('\n')) {
    const [key, ...rest] = line.split('=');
    if (key && rest.length) process.env[key] = rest.join('=');
  }
  if (out.status !== 0) console.log(`gnome-keyring-daemon failed to start: ${out.stderr}`);
}

function collect(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], ...options });
    let stdout = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      options?.echo?.(chunk);
    });
    child.on('error', (err) => resolve({ code: 127, stdout, error: err.message }));
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

async function goTests() {
  if (!has('go'))
    return { passed: 0, failed: 0, skipped: 0, error: 'Go is not installed: the engine tests did not run' };
  const run = await collect('go', ['test', '-json', '-count=1', './...'], {
    cwd: join(root, 'engine'),
    echo: (chunk) => {
      for (const line of String(chunk).split('\n')) {
        try {
          const event = JSON.parse(line);
          if (event.Test && ['pass', 'fail', 'skip'].includes(event.Action)) {
            console.log(`  ${event.Action.toUpperCase().padEnd(4)} ${event.Test} (${event.Elapsed}s)`);
          } else if (event.Action === 'output' && event.Test && /FAIL|Error|panic/.test(event.Output)) {
            process.stdout.write(`    ${event.Output}`);
          }
        } catch {
          // partial line; the full JSON is parsed below
        }
      }
    },
  });
  const counts = { passed: 0, failed: 0, skipped: 0 };
  // A failed test's own lines (its t.Log/t.Errorf: the property tests' seed and the mismatch), to rerun it.
  const outputs = new Map();
  for (const line of run.stdout.split('\n')) {
    if (!line.trim()) continue;
    let event;
    try {
      event = JSON.parse(line);
    } catch {
      continue;
    }
    if (!event.Test) continue;
    if (event.Action === 'output')
      outputs.set(event.Test, [...(outputs.get(event.Test) ?? []), event.Output]);
    if (event.Action === 'pass') counts.passed += 1;
    if (event.Action === 'skip') counts.skipped += 1;
    if (event.Action === 'fail') {
      counts.failed += 1;
      const lines = outputs.get(event.Test) ?? [];
      console.log(`\n  output of ${event.Test} (last 40 lines):`);
      for (const output of lines.slice(-40)) process.stdout.write(`    ${output}`);
    }
  }
  if (run.code !== 0 && counts.failed === 0) counts.error = `go test exited with ${run.code}`;
  return counts;
}

async function vitest(project, outputFile, files = [], env = {}) {
  const bin = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const run = await collect(
    process.execPath,
    [
      bin,
      'run',
      '--project',
      project,
      '--passWithNoTests',
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${outputFile}`,
      ...files,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } },
  );
  if (!existsSync(outputFile)) {
    return {
      passed: 0,
      failed: 0,
      skipped: 0,
      error: `vitest (${project}) wrote no report; exit ${run.code}`,
    };
  }
  const report = JSON.parse(readFileSync(outputFile, 'utf8'));
  const counts = {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
  // A file that fails to load counts no test but is a failure all the same.
  const brokenFiles = (report.testResults ?? []).filter(
    (f) => f.status === 'failed' && !f.assertionResults?.length,
  );
  if (brokenFiles.length) counts.error = `${brokenFiles.length} test file(s) failed to run`;
  if (run.code !== 0 && counts.failed === 0 && !counts.error) counts.error = `vitest exited with ${run.code}`;
  return counts;
}
