// What the solver's worker thread is given and what it sends back (worker.ts, run-in-worker.ts).
import type { SolveProgress, TimetableProblem, TimetableSolution } from './problem';

export interface WorkerInput {
  problem: TimetableProblem;
  seed: number;
  timeLimitMs: number;
  /** One Int32: set to 1 to stop the search and get the best timetable so far. */
  stop: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'progress'; progress: SolveProgress }
  | { type: 'result'; solution: TimetableSolution }
  | { type: 'error'; message: string };
