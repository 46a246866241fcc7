// The solver's worker thread: solves the problem it is given, posting progress and then the result. Cancel
// arrives through a shared flag, not a message: the solver runs synchronously and would never see a message
// until it had finished. Bundled as out/main/timetable-worker.js (electron.vite.config.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { TimetableProblem } from './problem';
import { solveTimetable } from './solver';
import type { WorkerInput, WorkerMessage } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('the timetable worker must run in a worker thread');
const input = workerData as WorkerInput;
const stop = new Int32Array(input.stop);
const send = (message: WorkerMessage): void => {
  port.postMessage(message);
};
try {
  const solution = solveTimetable(input.problem satisfies TimetableProblem, {
    seed: input.seed,
    timeLimitMs: input.timeLimitMs,
    shouldStop: () => Atomics.load(stop, 0) !== 0,
    onProgress: (progress) => {
      send({ type: 'progress', progress });
    },
  });
  send({ type: 'result', solution });
} catch (err) {
  send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
}
