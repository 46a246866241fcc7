import { describe, expect, it } from 'vitest';
import { checkTimetable } from '../../electron/core/services/timetable/checker';
import type { SolveProgress } from '../../electron/core/services/timetable/problem';
import { startSolve, workerLocation } from '../../electron/core/services/timetable/run-in-worker';
import { fullyBooked } from '../support/timetable-instances';

describe('timetable solver on a worker thread', () => {
  it('solves off the main thread and reports progress', async () => {
    const p = fullyBooked(5, 1);
    const seen: SolveProgress[] = [];
    const handle = startSolve(p, { seed: 3, timeLimitMs: 60_000, onProgress: (g) => seen.push(g) });
    const s = await handle.result;
    expect(s.unplaced).toEqual([]);
    expect(checkTimetable(p, s.placements)).toEqual([]);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toMatchObject({ placedGroups: 150, totalGroups: 150, hardViolations: 0 });
  }, 120_000);

  it('returns its best legal timetable when cancelled', async () => {
    const p = fullyBooked(8, 5);
    const handle = startSolve(p, { seed: 1, timeLimitMs: 60_000, onProgress: () => handle.cancel() });
    const s = await handle.result;
    expect(s.elapsedMs).toBeLessThan(30_000);
    expect(checkTimetable(p, s.placements, { complete: false })).toEqual([]);
    expect(s.placements.length + s.unplaced.length).toBe(240);
  }, 120_000);

  it('finds the bundled worker beside the main bundle, and the source worker beside this module', () => {
    expect(String(workerLocation('file:///app/out/main/index.js').code)).toBe(
      'file:///app/out/main/timetable-worker.js',
    );
    expect(String(workerLocation('file:///app/out/main/chunks/x-1.js').code)).toBe(
      'file:///app/out/main/timetable-worker.js',
    );
    const source = workerLocation('file:///repo/electron/core/services/timetable/run-in-worker.ts');
    expect(source.eval).toBe(true);
    expect(source.code).toContain('"/repo/electron/core/services/timetable/worker.ts"');
  });
});
