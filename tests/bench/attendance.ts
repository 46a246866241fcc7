/**
 * `npm run bench:attendance`: the office's school-wide absence list of a day (`attendance.day`) at a school
 * year of registers, on a throwaway embedded engine (not a test; nothing is asserted).
 *
 * Seeds one institution through the data layer (batched `insertMany` of the tenant models): 150 classes of 33
 * students and one daily register per class on each of 200 school days (about 6 % of marks not present), then
 * times the service call for the newest day and for a day in the middle (3 warm-ups, 30 calls each; the first
 * call builds the day's summary, as it does for data written before summaries existed), next to reading the
 * summary alone and to reading every register of the day, which the service did before. Then the per-class
 * counts of the last 30 school days (what `analytics.institution` sums) from the registers and from the days'
 * summaries.
 *
 *   npm run bench:attendance                 200 days × 150 classes × 33 students (30,000 registers)
 *   npm run bench:attendance -- --quick      a tenth of the days and classes
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import { ATTENDANCE_STATUSES, schoolDayOf, type AttendanceStatus } from '../../shared/domain';
import { DatabaseManager } from '../../electron/core/db/database-manager';
import { createEngineSupervisor } from '../../electron/core/engine/supervisor';
import { createPasswordHasher } from '../../electron/core/security/passwords';
import { createActivityLogger } from '../../electron/core/services/activity-log';
import { countsByClass, dayAbsences } from '../../electron/core/services/attendance';
import type { Actor } from '../../electron/core/services/context';
import { registerInstitution } from '../../electron/core/services/institutions';

const quick = process.argv.includes('--quick');
const DAYS = quick ? 20 : 200;
const CLASSES = quick ? 15 : 150;
const STUDENTS_PER_CLASS = 33;
const RUNS = 30;
const DAY_MS = 24 * 3600 * 1000;

/** A fixed pseudo-random sequence, so every run seeds the same school. */
let state = 20260901;
function random(): number {
  state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
  return state / 2 ** 31;
}

/** The last `count` weekdays up to today, oldest first. */
function schoolDays(count: number): string[] {
  const days: string[] = [];
  for (let at = Date.now(); days.length < count; at -= DAY_MS) {
    const d = new Date(at);
    if (d.getDay() !== 0 && d.getDay() !== 6) days.push(schoolDayOf(d));
  }
  return days.reverse();
}

function markOf(): AttendanceStatus {
  const r = random();
  return r < 0.94 ? 'present' : r < 0.97 ? 'absent' : r < 0.99 ? 'late' : 'excused';
}

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`;
}

async function time(run: () => Promise<unknown>, runs = RUNS, warmUps = 3): Promise<number[]> {
  for (let i = 0; i < warmUps; i += 1) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples;
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-bench-attendance-'));
const engine = createEngineSupervisor({ dataDir, logger: () => undefined });

try {
  const connection = await engine.start();
  const db = await DatabaseManager.open(connection, { logger: () => undefined });
  const passwords = createPasswordHasher({ cost: 4 });
  const deps = { db, passwords, activity: createActivityLogger(db, { logger: () => undefined }) };
  const origin = { ip: 'local', userAgent: 'bench' };
  const admin = await registerInstitution(
    deps,
    {
      username: `bench_att_${Date.now().toString(36)}`,
      password: 'school2025',
      name: 'Office',
      institutionName: 'Bench School',
    },
    origin,
  );
  const actor: Actor = {
    userId: admin.id,
    username: admin.username,
    role: 'admin',
    databaseName: admin.databaseName,
    ...origin,
  };
  const { models } = await db.tenant(admin.databaseName);

  const seeding = performance.now();
  const password = await passwords.hash('Campus-2026');
  const teachers = Array.from({ length: CLASSES }, (_, i) => ({
    _id: new Types.ObjectId(),
    username: `teacher${i}`,
    usernameKey: `teacher${i}`,
    password,
    role: 'teacher',
    name: `Teacher ${i}`,
  }));
  // Grades 1–12 with sections A, B, C…: a school's "10-A" is unique.
  const classes = teachers.map((t, c) => ({
    _id: new Types.ObjectId(),
    name: `Class ${1 + (c % 12)}-${String.fromCharCode(65 + Math.floor(c / 12))}`,
    grade: 1 + (c % 12),
    section: String.fromCharCode(65 + Math.floor(c / 12)),
    teacherId: t._id,
    students: Array.from({ length: STUDENTS_PER_CLASS }, () => new Types.ObjectId()),
    maxStudents: 40,
  }));
  const students = classes.flatMap((c, ci) =>
    c.students.map((id, si) => ({
      _id: id,
      username: `s${ci}_${si}`,
      usernameKey: `s${ci}_${si}`,
      password,
      role: 'student',
      name: `Student ${ci}-${si}`,
    })),
  );
  for (let i = 0; i < teachers.length + students.length; i += 2000) {
    await models.User.insertMany([...teachers, ...students].slice(i, i + 2000));
  }
  await models.Class.insertMany(classes);

  const days = schoolDays(DAYS);
  let registers = 0;
  for (const date of days) {
    const markedAt = new Date(`${date}T09:05:00`);
    const docs = classes.map((c) => {
      const marks = c.students.map((studentId) => {
        const status = markOf();
        return {
          studentId,
          status,
          ...(status === 'late' ? { lateMinutes: 5 + Math.floor(random() * 20) } : {}),
          ...(status === 'excused' ? { reason: 'A parent called' } : {}),
        };
      });
      const counts = Object.fromEntries(
        ATTENDANCE_STATUSES.map((s) => [s, marks.filter((m) => m.status === s).length]),
      );
      return { classId: c._id, date, period: 0, marks, ...counts, markedBy: c.teacherId, markedAt };
    });
    await models.Attendance.insertMany(docs);
    registers += docs.length;
  }
  console.log(
    `seeded ${classes.length} classes × ${STUDENTS_PER_CLASS} students, ${registers.toLocaleString('en')} registers ` +
      `over ${days.length} school days in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );

  const today = days.at(-1) ?? schoolDayOf(new Date());
  const middle = days[Math.floor(days.length / 2)] ?? today;
  for (const [label, date] of [
    ['today', today],
    ['a day mid-year', middle],
  ] as const) {
    const sample = await dayAbsences(deps, actor, { date });
    const service = await time(() => dayAbsences(deps, actor, { date }));
    const summary = await time(() => models.AttendanceDay.findOne({ date }).lean());
    const registersRead = await time(() => models.Attendance.find({ date }).lean());
    console.log(
      `attendance.day, ${label} (${sample.registersTaken} registers, ${sample.absences.length} not present): ` +
        `service ${stats(service)}; the day's summary alone ${stats(summary)}; ` +
        `every register of the day (the read it replaces) ${stats(registersRead)}`,
    );
  }

  // The institution's analytics sum every class's registers over its window (the last 30 days by default).
  const month = days.slice(-30);
  const from = month[0] ?? today;
  // Seconds a call at full size: a few calls only.
  const fromRegisters = await time(() => countsByClass(models, from, today), 5, 1);
  for (const date of month) await dayAbsences(deps, actor, { date }); // builds the days' summaries
  const fromSummaries = await time(() => countsByClass(models, from, today));
  console.log(
    `attendance per class over the last ${month.length} school days (analytics.institution): ` +
      `from the days' summaries ${stats(fromSummaries)}; from every register ${stats(fromRegisters)}`,
  );

  await passwords.close();
  await db.close();
} finally {
  await engine.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
