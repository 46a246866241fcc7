/**
 * `node --import tsx tests/bench/institution-parts.ts [--scale f]`: times each read of analytics.institution
 * and of messages.thread's permission check on a throwaway embedded engine holding what those reads see of a
 * school year (5,000 students, 300 teachers, 150 classes with a week's timetable, 2,000 assignments with their
 * hand-ins, today's logins and messages). Not a test: nothing is asserted; it shows which part dominates.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import { DatabaseManager } from '../../electron/core/db/database-manager';
import { readAssignmentFigures } from '../../electron/core/db/tenant/figures-upkeep';
import { createEngineSupervisor } from '../../electron/core/engine/supervisor';
import { createPasswordHasher } from '../../electron/core/security/passwords';
import { createActivityLogger } from '../../electron/core/services/activity-log';
import { institutionAnalytics } from '../../electron/core/services/analytics';
import { countsByClass } from '../../electron/core/services/attendance';
import type { Actor, ServiceDeps } from '../../electron/core/services/context';
import { registerInstitution } from '../../electron/core/services/institutions';
import { getThread } from '../../electron/core/services/messages';
import { createChatCircles } from '../../electron/core/services/chat-circles';
import { createInstitutionReports } from '../../electron/core/services/institution-report-base';

const scaleArg = process.argv.indexOf('--scale');
const scale = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : 1;
const n = (full: number, min: number) => Math.max(min, Math.round(full * scale));
const STUDENTS = n(5000, 20);
const TEACHERS = n(300, 4);
const CLASSES = Math.min(TEACHERS, n(150, 2));
const ASSIGNMENTS = n(2000, 4);
const DAY = 24 * 3600 * 1000;

async function time(label: string, run: () => Promise<unknown>, samples = 30): Promise<void> {
  for (let i = 0; i < 3; i += 1) await run();
  const ms: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)] ?? NaN;
  console.log(
    `  ${label.padEnd(52)} p50 ${at(50).toFixed(1).padStart(6)} ms   p95 ${at(95).toFixed(1).padStart(6)} ms`,
  );
}

const root = mkdtempSync(path.join(os.tmpdir(), 'crm-institution-parts-'));
chmodSync(root, 0o755);
const engine = createEngineSupervisor({ dataDir: path.join(root, 'data'), logger: () => undefined });
try {
  const db = await DatabaseManager.open(await engine.start(), { logger: () => undefined });
  const passwords = createPasswordHasher({ cost: 4 });
  const deps: ServiceDeps = {
    db,
    passwords,
    activity: createActivityLogger(db, { logger: () => undefined }),
  };
  const admin = await registerInstitution(
    deps,
    {
      username: `parts_${Date.now().toString(36)}`,
      password: 'Secret123',
      name: 'Office',
      institutionName: 'Parts',
    },
    { ip: 'local', userAgent: 'bench' },
  );
  const adminActor: Actor = {
    userId: admin.id,
    username: admin.username,
    role: 'admin',
    databaseName: admin.databaseName,
    ip: 'local',
    userAgent: 'bench',
  };
  const handle = await db.tenant(admin.databaseName);
  const { models } = handle;
  const started = performance.now();
  const hash = await passwords.hash('Secret123');
  const person = (role: 'teacher' | 'student', i: number) => ({
    _id: new Types.ObjectId(),
    username: `${role}${i}`,
    usernameKey: `${role}${i}`,
    password: hash,
    role,
    name: `${role} ${i}`,
  });
  const teachers = Array.from({ length: TEACHERS }, (_, i) => person('teacher', i));
  const students = Array.from({ length: STUDENTS }, (_, i) => person('student', i));
  for (let i = 0; i < teachers.length + students.length; i += 2000) {
    await models.User.insertMany([...teachers, ...students].slice(i, i + 2000));
  }
  const per = Math.floor(STUDENTS / CLASSES);
  const classes = Array.from({ length: CLASSES }, (_, c) => ({
    _id: new Types.ObjectId(),
    name: `Class ${c}`,
    grade: 1 + (c % 12),
    section: String.fromCharCode(65 + Math.floor(c / 12)),
    teacherId: teachers[c % TEACHERS]!._id,
    students: students.slice(c * per, (c + 1) * per).map((s) => s._id),
    maxStudents: 60,
  }));
  await models.Class.insertMany(classes);
  await models.Subject.insertMany(
    Array.from({ length: 96 }, (_, i) => ({ name: `Subject ${i}`, code: `S${i}`, grade: 1 + (i % 12) })),
  );
  const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;
  await models.Schedule.insertMany(
    classes.flatMap((c, ci) =>
      days.flatMap((day, d) =>
        Array.from({ length: 8 }, (_, p) => ({
          teacherId: teachers[(ci + p + 150 * ((p + d) % 2)) % TEACHERS]!._id,
          classId: c._id,
          subject: `Subject ${p}`,
          day,
          period: p + 1,
          timeSlot: `${8 + p}:00-${8 + p}:40`,
        })),
      ),
    ),
  );
  const now = Date.now();
  const yearStart = now - 300 * DAY;
  for (let a = 0; a < ASSIGNMENTS; a += 200) {
    await models.Assignment.insertMany(
      Array.from({ length: Math.min(200, ASSIGNMENTS - a) }, (_, k) => {
        const i = a + k;
        const cls = classes[i % CLASSES]!;
        const due = yearStart + 7 * DAY + ((i + 0.5) / ASSIGNMENTS) * 307 * DAY;
        return {
          title: `Work ${i}`,
          teacherId: cls.teacherId,
          classIds: [cls._id],
          dueDate: new Date(due),
          submissions: cls.students.flatMap((studentId, s) =>
            (s * 7 + i) % 10 === 0
              ? []
              : [
                  {
                    studentId,
                    submittedAt: new Date(Math.min(now, due - DAY)),
                    ...(s % 3 === 0
                      ? { status: 'graded', grade: 40 + ((s + i) % 61) }
                      : { status: 'submitted' }),
                  },
                ],
          ),
        };
      }),
    );
  }
  // Today: a year's daily share of logins and messages.
  const today = new Date(now - 60_000);
  await models.ActivityLog.insertMany(
    Array.from({ length: n(3300, 50) }, (_, i) => ({
      userId: students[i % STUDENTS]!._id,
      username: `student${i % STUDENTS}`,
      role: 'student',
      action: i % 3 === 0 ? 'LOGIN' : 'SUBMIT',
      targetType: i % 3 === 0 ? 'SESSION' : 'ASSIGNMENT',
      timestamp: new Date(today.getTime() - (i % 600) * 1000),
    })),
  );
  const teacher = teachers[0]!;
  const student = classes[0]!.students[0]!;
  await models.Message.insertMany(
    Array.from({ length: n(1600, 50) }, (_, i) => ({
      senderId: i % 2 ? teacher._id : student,
      receiverId: i % 2 ? student : teacher._id,
      message: `m${i}`,
      messageType: 'text',
      isRead: true,
      timestamp: new Date(today.getTime() - i * 1000),
    })),
  );
  console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s (scale ${scale})`);

  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const dayStart = new Date(new Date().toLocaleString('en-US', { timeZone: tz }));
  dayStart.setHours(0, 0, 0, 0);
  const todaySpan = { $gte: dayStart, $lt: new Date(dayStart.getTime() + DAY) };
  const todayKey = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(now - 29 * DAY).toISOString().slice(0, 10);
  console.log('analytics.institution, each read alone:');
  await time('whole institutionAnalytics', () => institutionAnalytics(deps, adminActor, {}));
  const keptReports: ServiceDeps = { ...deps, institutionReports: createInstitutionReports() };
  await time('whole, with the base kept', () => institutionAnalytics(keptReports, adminActor, {}));
  await time('User.countDocuments teacher', () => models.User.countDocuments({ role: 'teacher' }));
  await time('User.countDocuments student', () => models.User.countDocuments({ role: 'student' }));
  await time('Subject.countDocuments', () => models.Subject.countDocuments({}));
  await time('Class.find name grade students', () =>
    models.Class.find({}, { name: 1, grade: 1, students: 1 }).lean(),
  );
  await time('readAssignmentFigures (school + not yet due)', () =>
    readAssignmentFigures(handle.conn, { $gte: new Date() }),
  );
  await time('  the school figures alone', () => models.AssignmentFigures.findById('school').lean());
  await time('  the figures not yet due alone', () =>
    models.AssignmentFigures.find(
      { dueDate: { $gte: new Date() } },
      { dueDate: 1, all: 1, classes: 1 },
    ).lean(),
  );
  await time('ActivityLog LOGIN count today', () =>
    models.ActivityLog.countDocuments({ action: 'LOGIN', timestamp: todaySpan }),
  );
  await time('Message count today', () => models.Message.countDocuments({ timestamp: todaySpan }));
  await time('countsByClass 30 days', () => countsByClass(models, monthAgo, todayKey));
  await time('countsByClass today', () => countsByClass(models, todayKey, todayKey));

  console.log('messages.thread (teacher 0 ↔ a student of their class):');
  const teacherActor: Actor = {
    ...adminActor,
    userId: teacher._id.toString(),
    username: 'teacher0',
    role: 'teacher',
  };
  const input = { userId: student.toString(), limit: 50 };
  await time('getThread, reading the check', () => getThread(deps, teacherActor, input));
  const kept: ServiceDeps = { ...deps, chatCircles: createChatCircles() };
  await time('getThread, the check from kept circles', () => getThread(kept, teacherActor, input));
  await db.close();
  await passwords.close();
} finally {
  await engine.stop().catch(() => undefined);
  rmSync(root, { recursive: true, force: true });
}
