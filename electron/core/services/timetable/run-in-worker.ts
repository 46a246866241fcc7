// Runs the solver off the main thread: startSolve() returns at once with the result as a promise, progress as
// a callback, and cancel(), which makes the solver stop and return its best timetable so far.
import { Worker } from 'node:worker_threads';
import type { SolveProgress, TimetableProblem, TimetableSolution } from './problem';
import type { WorkerInput, WorkerMessage } from './worker-protocol';

export interface StartSolveOptions {
  seed: number;
  timeLimitMs: number;
  onProgress?: (progress: SolveProgress) => void;
}

export interface SolveHandle {
  /** The best timetable found (also after cancel() or the time limit); rejects only if the worker fails. */
  result: Promise<TimetableSolution>;
  cancel(): void;
}

/** How long past its time limit a silent worker is given before it is stopped and the solve fails. */
const GRACE_MS = 15_000;

/**
 * How to start the worker, seen from this module: bundled by electron-vite, this module is part of
 * out/main/index.js (or one of its chunks) and the worker is out/main/timetable-worker.js; from source (vitest,
 * tsx) the worker is worker.ts beside this file, loaded through tsx's require hook (Node 20 does not apply
 * `--import tsx` to a worker's own entry).
 */
export function workerLocation(moduleUrl: string): { code: URL | string; eval: boolean } {
  const url = new URL(moduleUrl);
  if (/\.[cm]?ts$/.test(url.pathname)) {
    // A file path from the URL (on Windows '/C:/x' becomes 'C:/x').
    const file = decodeURIComponent(new URL('./worker.ts', url).pathname).replace(/^\/([A-Za-z]:)/, '$1');
    return { code: `require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`, eval: true };
  }
  const up = url.pathname.includes('/chunks/') ? '../' : './';
  return { code: new URL(`${up}timetable-worker.js`, url), eval: false };
}

export function startSolve(problem: TimetableProblem, options: StartSolveOptions): SolveHandle {
  const stop = new SharedArrayBuffer(4);
  const flag = new Int32Array(stop);
  const where = workerLocation(import.meta.url);
  const input: WorkerInput = { problem, seed: options.seed, timeLimitMs: options.timeLimitMs, stop };
  const worker = new Worker(where.code, { workerData: input, eval: where.eval });
  const result = new Promise<TimetableSolution>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, solution?: TimetableSolution): void => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      if (error) reject(error);
      else resolve(solution!);
      void worker.terminate();
    };
    const watchdog = setTimeout(() => {
      finish(new Error(`the timetable solver did not answer within ${options.timeLimitMs + GRACE_MS} ms`));
    }, options.timeLimitMs + GRACE_MS);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') options.onProgress?.(message.progress);
      else if (message.type === 'result') finish(null, message.solution);
      else finish(new Error(`the timetable solver failed: ${message.message}`));
    });
    worker.on('error', (err) => {
      finish(err);
    });
    worker.on('exit', (code) => {
      finish(new Error(`the timetable solver stopped (exit code ${code}) before it answered`));
    });
  });
  return {
    result,
    cancel: () => {
      Atomics.store(flag, 0, 1);
    },
  };
}
