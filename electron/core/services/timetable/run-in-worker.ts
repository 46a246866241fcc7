/**
 * TEMPORARY — replaced by the solver branch at merge (its run-in-worker.ts runs the solver on a worker thread).
 *
 * The same shape: start a solve, follow its progress, await its result, cancel it. This stand-in runs the
 * greedy placer of the temporary solver.ts on the next turn of the event loop.
 */
import type { SolveProgress, TimetableProblem, TimetableSolution } from './problem';
import { solveTimetable } from './solver';

export interface StartSolveOptions {
  seed: number;
  timeLimitMs: number;
  onProgress?: (progress: SolveProgress) => void;
}

export interface SolveJob {
  /** The best solution when the solver finishes, hits its time limit or is cancelled. */
  result: Promise<TimetableSolution>;
  /** Asks the solver to stop now; `result` then resolves with the best so far. */
  cancel(): void;
}

export function startSolve(problem: TimetableProblem, options: StartSolveOptions): SolveJob {
  let stopped = false;
  const started = Date.now();
  const result = new Promise<TimetableSolution>((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(
          solveTimetable(problem, {
            seed: options.seed,
            timeLimitMs: options.timeLimitMs,
            ...(options.onProgress ? { onProgress: options.onProgress } : {}),
            shouldStop: () => stopped || Date.now() - started > options.timeLimitMs,
          }),
        );
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  });
  return {
    result,
    cancel: () => {
      stopped = true;
    },
  };
}
