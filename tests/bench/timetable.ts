/**
 * `npm run bench:timetable`: the timetable solver's acceptance figures (not a test; the checker's verdict is
 * printed, not asserted).
 *
 * 1. A school of 40 classes, 60 teachers and 20 rooms (labs, gyms, computer, art and music rooms, classrooms),
 *    6 days × 8 periods with two breaks, 42 periods per class with doubles, part-time teachers.
 * 2. Fully booked schools: n classes, n teachers, n rooms (n = 4…8), 5 days × 6 periods, every one busy in all
 *    30 slots, three instances each.
 *
 *   --limit <ms>   the solver's time limit per problem (default 60000)
 *   --seeds <n>    instances per fully booked size (default 3)
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { checkTimetable } from '../../electron/core/services/timetable/checker';
import type { TimetableProblem } from '../../electron/core/services/timetable/problem';
import { solveTimetable } from '../../electron/core/services/timetable/solver';
import { fullyBooked, school } from '../support/timetable-instances';

const { values } = parseArgs({
  options: { limit: { type: 'string', default: '60000' }, seeds: { type: 'string', default: '3' } },
});
const limit = Number(values.limit);
const seeds = Number(values.seeds);

function run(name: string, problem: TimetableProblem): void {
  const groups = problem.lessons.reduce((n, l) => n + l.groups.length, 0);
  const periods = problem.lessons.reduce((n, l) => n + l.groups.reduce((a, b) => a + b, 0), 0);
  const started = performance.now();
  const s = solveTimetable(problem, { seed: 1, timeLimitMs: limit });
  const ms = performance.now() - started;
  const violations = checkTimetable(problem, s.placements).length;
  const soft = `${s.soft.total} (same-day ${s.soft.sameSubjectSameDay}, gaps ${s.soft.teacherGaps}, imbalance ${s.soft.loadImbalance})`;
  console.log(
    `| ${name.padEnd(30)} | ${String(groups).padStart(5)} groups, ${String(periods).padStart(4)} periods | ` +
      `${(ms / 1000).toFixed(2).padStart(6)} s | ${String(s.unplaced.length).padStart(3)} | ${String(violations).padStart(3)} | ` +
      `${String(s.iterations).padStart(8)} | ${soft} |`,
  );
}

console.log(`time limit ${limit} ms per problem, seed 1`);
console.log('| problem | size | time | unplaced | checker violations | iterations | soft score |');
console.log('| --- | --- | --: | --: | --: | --: | --- |');
run('school: 40 classes, 6 × 8', school(1));
for (let n = 4; n <= 8; n++) {
  for (let seed = 1; seed <= seeds; seed++) run(`fully booked n=${n} (#${seed})`, fullyBooked(n, seed));
}
