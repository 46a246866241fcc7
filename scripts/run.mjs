// Small helpers for the project's scripts: run a command, forward the signals a supervisor sends us.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from './electron-binary.mjs';

/** Runs electron-vite's CLI (same Node, no shell, works on Windows). Resolves to its exit code. */
export function electronVite(args) {
  return run(process.execPath, [
    join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
    ...args,
  ]);
}

/**
 * Spawns a command with inherited stdio. SIGINT/SIGTERM/SIGHUP sent to this process are passed on, and this
 * process waits for the child to finish its shutdown (a terminal's Ctrl-C reaches both anyway).
 * Resolves to the child's exit code (128 + signal number when a signal ended it).
 */
export function run(command, args, options = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    const signals = process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const forward = (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    for (const s of signals) process.on(s, forward);
    child.on('error', (err) => {
      console.error(`could not start ${command}: ${err.message}`);
      for (const s of signals) process.off(s, forward);
      resolvePromise(127);
    });
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      const numbers = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
      resolvePromise(code ?? 128 + (numbers[signal] ?? 1));
    });
  });
}
