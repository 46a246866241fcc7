/**
 * `npm run bench:school`: a school year on a throwaway embedded engine (not a test; nothing is asserted).
 *
 * 1. Seeds one institution through the data layer (the tenant models, batched inserts): students, teachers,
 *    classes, subjects, a week's timetable per class, assignments with every student's hand-in, a year of chat,
 *    a year of activity log, notices, calendar entries and GridFS files.
 * 2. Stops that engine and starts the station cold on the same data directory, as a child process on 127.0.0.1.
 * 3. Times every list, thread, detail and file call the UI makes over HTTP (20 warm-up rounds, then 5 more and
 *    300 timed calls each), each call taking turns with the same queries sent by the bare driver (bareDriver),
 *    on the station's own engine, so both figures of a row are measured at the same moment of the same engine
 *    (found through /proc: Linux only).
 * 4. Where a few short lists' time goes: the processor time each process spends per call, the call against its
 *    queries by the driver (cpuSplit; Linux's /proc).
 * 5. `--clients` clients at once for `--seconds`.
 *
 *   npm run bench:school                  5,000 students, 500,000 messages, 1,000,000 log entries, 200 MB files
 *   npm run bench:school -- --quick       a tenth of every count (run both to compare the newest pages)
 *   --scale <f>     any fraction of the full counts (0.005 for a smoke run)
 *   --files-mb <n>  file bytes in MB (default 200; the full 2 GB takes too long to write here)
 *   --clients <n>   concurrent clients (default 20)      --seconds <n>  length of the concurrency phase (default 60)
 *   --keep          keep the data directory and what was seeded (its path is printed)
 *   --reuse <dir>   measure again on a directory kept by --keep, without seeding (its sizes; the earlier runs'
 *                   concurrency phases have added their messages)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import bcrypt from 'bcryptjs';
import { mongo, Types, type Query } from 'mongoose';
import type { AllChannelInput, AllChannelName, AllChannelOutput, UserDto } from '../../shared/contract';
import { EXACT_COUNT_LIMIT } from '../../shared/contract/common';
import type { ApiResult } from '../../shared/contract/errors';
import { decodeFileDetails, FILE_DETAILS_HEADER } from '../../shared/contract/files';
import { WEEKDAYS, type FilePurpose } from '../../shared/domain';
import type { Role } from '../../shared/roles';
import { decodeRpc, encodeRpc } from '../../shared/rpc-encoding';
import { DatabaseManager, type TenantHandle } from '../../electron/core/db/database-manager';
import { filesById, findFiles, putFile } from '../../electron/core/db/files';
import { conversationKeyOf } from '../../electron/core/db/tenant';
import type { EngineConnection } from '../../electron/core/engine/hello';
import { createEngineSupervisor } from '../../electron/core/engine/supervisor';
import { bcryptCost, createPasswordHasher } from '../../electron/core/security/passwords';
import { createActivityLogger } from '../../electron/core/services/activity-log';
import { registerInstitution } from '../../electron/core/services/institutions';
import { NOTICE_LIST_FIELDS, noticesForStudent } from '../../electron/core/services/notices';
import { classCondition, teacherCondition } from '../../electron/core/services/schedules';
import { LIST_PROJECTION } from '../../electron/core/services/users';

// ── Options and sizes ───────────────────────────────────────────────────────────────────────────────────────

interface Options {
  scale: number;
  filesMb: number;
  clients: number;
  seconds: number;
  keep: boolean;
  /** A directory kept by an earlier `--keep` run: measured again without seeding. */
  reuse?: string;
}

function parseOptions(args: readonly string[]): Options {
  const options: Options = { scale: 1, filesMb: 200, clients: 20, seconds: 60, keep: false };
  const numeric: Record<string, 'scale' | 'filesMb' | 'clients' | 'seconds'> = {
    '--scale': 'scale',
    '--files-mb': 'filesMb',
    '--clients': 'clients',
    '--seconds': 'seconds',
  };
  for (let i = 0; i < args.length; i += 1) {
    const [flag = '', inline] = (args[i] ?? '').split('=', 2);
    if (flag === '--quick') options.scale = 0.1;
    else if (flag === '--keep') options.keep = true;
    else if (flag === '--reuse') {
      options.reuse = inline ?? args[(i += 1)];
      if (!options.reuse) usage('--reuse needs the directory an earlier --keep printed');
      options.keep = true;
    } else if (flag in numeric) {
      const value = Number(inline ?? args[(i += 1)]);
      if (!(value > 0)) usage(`${flag} needs a positive number`);
      options[numeric[flag] ?? 'scale'] = value;
    } else usage(`unknown option ${flag}`);
  }
  options.clients = Math.max(1, Math.round(options.clients));
  return options;
}

function usage(problem: string): never {
  console.error(
    `${problem}\nusage: npm run bench:school -- [--quick | --scale <f>] [--files-mb <n>] [--clients <n>]`,
  );
  console.error('                                [--seconds <n>] [--keep | --reuse <dir>]');
  process.exit(2);
}

/** The full school year; `--quick` and `--scale` take a fraction of every count. */
const FULL = {
  students: 5_000,
  teachers: 300,
  classes: 150,
  assignments: 2_000,
  messages: 500_000,
  longThread: 2_000,
  activity: 1_000_000,
  notices: 300,
  calendar: 200,
};
type Counts = typeof FULL;

function countsFor(scale: number): Counts {
  // Floors keep a tiny smoke run meaningful: two classes, a thread with an older page, a log with a page 200.
  const scaled = (n: number, min: number) => Math.max(min, Math.round(n * scale));
  const teachers = scaled(FULL.teachers, 4);
  const classes = Math.min(teachers, scaled(FULL.classes, 2));
  const messages = scaled(FULL.messages, 500);
  return {
    students: Math.max(classes * 5, scaled(FULL.students, 10)),
    teachers,
    classes,
    assignments: scaled(FULL.assignments, 4),
    messages,
    longThread: Math.min(scaled(FULL.longThread, 120), Math.floor(messages / 2)),
    activity: scaled(FULL.activity, 1_000),
    notices: scaled(FULL.notices, 5),
    calendar: scaled(FULL.calendar, 5),
  };
}

// ── Small helpers ───────────────────────────────────────────────────────────────────────────────────────────

const DAY = 24 * 3600 * 1000;
const ADMIN_PASSWORD = 'Bench-School-2025';
const USER_PASSWORD = 'Campus-2026';
/** A call slower than this is abandoned and counted as an error, so every phase ends. */
const CALL_TIMEOUT_MS = 120_000;
/** Sequential samples of one call stop early after this long (analytics on a full year is slow). */
const PROBE_BUDGET_MS = 180_000;
const WARMUP = 5;
/**
 * Rounds of every call of a phase before any is timed. A station runs all day; the first hundred or so calls
 * of a fresh process run code the JIT has not compiled yet (a subjects.list 3.4 ms on its first 300 calls,
 * 2.2 ms on the next 300, measured), which five warm-ups of one call do not cover for the code all calls share.
 */
const WARMUP_ROUNDS = 20;
/**
 * Enough that a p50 holds still from run to run: of 100 calls a 3 ms list's p50 moved by about 0.1 ms between
 * runs (its ratio to the data layer by 0.05), as the standard error of a median of 100 predicts; of 300, by half
 * that. And the p95 is not just the few slowest calls.
 */
const SAMPLES = 300;

/** Seeded, so two runs at the same scale seed the same school. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(2025);
const randomInt = (n: number) => Math.floor(random() * n);

/** `list[i]`, for indexes that are in range by construction. */
function item<T>(list: readonly T[], i: number): T {
  const value = list[i];
  if (value === undefined) throw new Error(`index ${i} out of range (${list.length})`);
  return value;
}
const pick = <T>(list: readonly T[]): T => item(list, randomInt(list.length));

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const msec = (ms: number) => (Number.isNaN(ms) ? '-' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/** Rejects when `work` takes longer than `ms`: every phase ends, whatever the engine does. */
async function withDeadline<T>(label: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} took longer than ${secs(ms)}`)), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Nearest-rank percentile of unsorted samples. */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return item(sorted, Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)));
}

function printTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(`  ${line(headers)}`);
  for (const row of rows) console.log(`  ${line(row)}`);
}

/** Writes the items of `docs` `size` at a time; the generators behind `docs` keep memory bounded. */
async function insertInBatches<T>(
  docs: Iterable<T>,
  size: number,
  write: (batch: T[]) => Promise<unknown>,
): Promise<number> {
  let batch: T[] = [];
  let written = 0;
  for (const doc of docs) {
    batch.push(doc);
    if (batch.length < size) continue;
    await write(batch);
    written += batch.length;
    batch = [];
  }
  if (batch.length > 0) {
    await write(batch);
    written += batch.length;
  }
  return written;
}

// ── The school's plan ───────────────────────────────────────────────────────────────────────────────────────

const FIRST_NAMES = ['Asha', 'Ravi', 'Meera', 'Arjun', 'Priya', 'Kabir', 'Sara', 'Vikram', 'Nisha', 'Rohan'];
const LAST_NAMES = ['Sharma', 'Patel', 'Iyer', 'Khan', 'Das', 'Menon', 'Joshi', 'Rao', 'Gupta', 'Singh'];
const SUBJECTS = [
  { name: 'Mathematics', code: 'MATH' },
  { name: 'English', code: 'ENG' },
  { name: 'Science', code: 'SCI' },
  { name: 'Social Studies', code: 'SST' },
  { name: 'Hindi', code: 'HIN' },
  { name: 'Computer Science', code: 'CS' },
  { name: 'Art', code: 'ART' },
  { name: 'Physical Education', code: 'PE' },
] as const;
const SCHOOL_DAYS = WEEKDAYS.slice(0, 5);
const PERIODS = 8;
/** Spreads a class's subjects over different teachers: each teacher takes about four classes. */
const TEACHER_STRIDE = 37;
const LINES = [
  'Please check the homework on page 42.',
  'I will be late for the first period tomorrow.',
  'Can you explain question 3 again?',
  'The test is moved to Friday.',
  'Thank you, that helps a lot!',
  'Please bring your lab notebook.',
  'Your project looks good; add a conclusion.',
  'The parent-teacher meeting is on Saturday at 10.',
  'I have uploaded the worksheet.',
  'Can I submit the essay on Monday instead?',
];

interface Person {
  id: Types.ObjectId;
  username: string;
  name: string;
}

interface SchoolClass {
  id: Types.ObjectId;
  grade: number;
  section: string;
  /** Teacher indexes by subject slot (0 is the class teacher). */
  teachers: number[];
  /** Student indexes. */
  students: number[];
}

/** One side of a conversation. */
interface Member {
  id: Types.ObjectId;
  role: Role;
}

interface ChatPair {
  /** The teacher (teacher↔student) or the admin (admin↔teacher): the side that sends voice notes. */
  a: Member;
  b: Member;
  count: number;
  /** Student and teacher indexes of a teacher↔student pair, for sign-ins in the concurrency phase. */
  teacher?: number;
  student?: number;
}

const teacherFor = (classIndex: number, slot: number, teachers: number) =>
  (classIndex + TEACHER_STRIDE * slot) % teachers;

function planClasses(counts: Counts): SchoolClass[] {
  const classes: SchoolClass[] = [];
  for (let c = 0; c < counts.classes; c += 1) {
    classes.push({
      id: new Types.ObjectId(),
      // Grades 1–12 first, then sections A, B, …: the unique (grade, section) of the seed.
      grade: (c % 12) + 1,
      section: String.fromCharCode(65 + Math.floor(c / 12)),
      // For a fixed slot the teacher differs per class, so no teacher is in two rooms in one period.
      teachers: SUBJECTS.map((_, slot) => teacherFor(c, slot, counts.teachers)),
      students: [],
    });
  }
  for (let s = 0; s < counts.students; s += 1) item(classes, s % classes.length).students.push(s);
  return classes;
}

function people(prefix: string, n: number): Person[] {
  const width = String(n).length + 1;
  return Array.from({ length: n }, (_, i) => ({
    id: new Types.ObjectId(),
    username: `${prefix}${String(i).padStart(width, '0')}`,
    name: `${item(FIRST_NAMES, i % FIRST_NAMES.length)} ${item(LAST_NAMES, Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length)}`,
  }));
}

/**
 * Who chats: the long thread first (teacher 0 and the first student of class 0), a quarter of the students each
 * teacher takes, and the admin with every teacher. Messages are spread over the pairs with random weights.
 */
function planChats(
  counts: Counts,
  classes: readonly SchoolClass[],
  teachers: readonly Person[],
  students: readonly Person[],
  admin: Member,
): ChatPair[] {
  const studentMember = (s: number): Member => ({ id: item(students, s).id, role: 'student' });
  const longPair: ChatPair = {
    a: teacherMember(teachers, 0),
    b: studentMember(0),
    count: counts.longThread,
    teacher: 0,
    student: 0,
  };
  const others: ChatPair[] = [];
  const seen = new Set(['0:0']);
  for (const cls of classes) {
    for (const t of cls.teachers) {
      for (const s of cls.students) {
        const key = `${t}:${s}`;
        if ((s + t) % 4 !== 0 || seen.has(key)) continue;
        seen.add(key);
        others.push({ a: teacherMember(teachers, t), b: studentMember(s), count: 0, teacher: t, student: s });
      }
    }
  }
  for (let t = 0; t < teachers.length; t += 1)
    others.push({ a: admin, b: teacherMember(teachers, t), count: 0 });
  const weights = others.map(() => 0.2 + 1.6 * random());
  const total = weights.reduce((a, b) => a + b, 0);
  const rest = counts.messages - counts.longThread;
  others.forEach((pair, i) => (pair.count = Math.max(1, Math.round((rest * item(weights, i)) / total))));
  return [longPair, ...others];
}

// ── Seeding ─────────────────────────────────────────────────────────────────────────────────────────────────

/** The planned school: who is who, who teaches and chats with whom, and the year the data spans. */
interface SchoolPlan {
  counts: Counts;
  adminUsername: string;
  adminId: Types.ObjectId;
  databaseName: string;
  teachers: Person[];
  students: Person[];
  classes: SchoolClass[];
  pairs: ChatPair[];
  yearStart: number;
  yearEnd: number;
}

/** The plan and what seeding found out that the timings need. */
interface Seeded extends SchoolPlan {
  longKey: string;
  /** The timestamp halfway through the long thread: `before` for its older page. */
  longMiddle: Date;
  /** Teacher 0's assignment for class 0, where every student handed in. */
  assignmentId: Types.ObjectId;
  handIns: number;
  /** A 1 MB attachment of that assignment, uploaded by teacher 0. */
  megabyteFileId: Types.ObjectId;
}

/** Runs one seeding step and prints its time, with what it wrote. */
async function step<T>(label: string, work: () => Promise<T>, describe?: (result: T) => string): Promise<T> {
  const [result, ms] = await timed(work);
  const text = describe ? `${label} ${describe(result)}` : label;
  console.log(`  ${text.padEnd(90)} ${secs(ms).padStart(8)}`);
  return result;
}

function fileBytes(size: number, purpose: FilePurpose, pool: Buffer): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  // Random bytes (incompressible, like PDFs and recordings) behind the signature the upload check expects.
  for (let offset = 0; offset < size; offset += pool.length) pool.copy(bytes, offset, 0, size - offset);
  const signature =
    purpose === 'audio' ? Buffer.from([0x1a, 0x45, 0xdf, 0xa3]) : Buffer.from('%PDF-1.7\n', 'latin1');
  signature.copy(bytes, 0);
  return bytes;
}

interface FilePlan {
  attachments: Types.ObjectId[];
  submissions: Types.ObjectId[];
  voiceByPair: Map<number, Types.ObjectId[]>;
  megabyte: Types.ObjectId;
  bytes: number;
}

const MB = 1024 * 1024;
/** The file budget by purpose: its share of `--files-mb`, the average size and the stored type. */
const FILE_KINDS: Readonly<Record<FilePurpose, { share: number; average: number; mimeType: string }>> = {
  attachment: { share: 0.4, average: MB, mimeType: 'application/pdf' },
  submission: { share: 0.4, average: MB / 4, mimeType: 'application/pdf' },
  audio: { share: 0.2, average: (3 * MB) / 32, mimeType: 'audio/webm' },
};

/**
 * The files of `FILE_KINDS`, besides the 1 MB attachment `files.get` is timed on. Hand-ins share the submitted
 * files, so the bytes stay within `--files-mb` however many rows there are.
 */
async function seedFiles(handle: TenantHandle, seed: SchoolPlan, filesMb: number): Promise<FilePlan> {
  const { counts } = seed;
  const pool = randomBytes(2 * MB);
  let bytes = 0;
  const countOf = (purpose: FilePurpose) =>
    Math.max(1, Math.floor((filesMb * MB * FILE_KINDS[purpose].share) / FILE_KINDS[purpose].average));
  const store = async (purpose: FilePurpose, name: string, uploader: Member, size?: number) => {
    const { average, mimeType } = FILE_KINDS[purpose];
    const length = size ?? Math.round(average * (0.25 + 1.5 * random()));
    const stored = await putFile(handle, name, fileBytes(length, purpose, pool), {
      purpose,
      uploadedBy: uploader.id,
      uploadedByRole: uploader.role,
      mimeType,
      originalName: name,
      ...(purpose === 'audio' ? { durationSeconds: Math.max(1, Math.round(length / 4000)) } : {}),
    });
    bytes += length;
    return stored.id;
  };

  const megabyte = await store('attachment', 'Term plan.pdf', teacherMember(seed.teachers, 0), MB);
  // Attachment k goes to assignments 3m+1 with m % n = k; its uploader is the teacher of the first of them.
  const attachments: Types.ObjectId[] = [];
  for (let k = 0, n = Math.min(Math.ceil(counts.assignments / 3), countOf('attachment')); k < n; k += 1) {
    const teacher = teacherMember(seed.teachers, assignmentPlan(3 * k + 1, counts).teacher);
    attachments.push(await store('attachment', `Worksheet ${k + 1}.pdf`, teacher));
  }
  const submissions: Types.ObjectId[] = [];
  for (let k = 0, n = countOf('submission'); k < n; k += 1) {
    const student: Member = { id: item(seed.students, k % seed.students.length).id, role: 'student' };
    submissions.push(await store('submission', `Homework ${k + 1}.pdf`, student));
  }
  // Voice note k is sent in conversation k (mod the conversations) by its teacher or admin side.
  const voiceByPair = new Map<number, Types.ObjectId[]>();
  for (let k = 0, n = countOf('audio'); k < n; k += 1) {
    const pairIndex = k % seed.pairs.length;
    const id = await store('audio', `Voice note ${k + 1}.webm`, item(seed.pairs, pairIndex).a);
    voiceByPair.set(pairIndex, [...(voiceByPair.get(pairIndex) ?? []), id]);
  }
  return { attachments, submissions, voiceByPair, megabyte, bytes };
}

function teacherMember(teachers: readonly Person[], t: number): Member {
  return { id: item(teachers, t).id, role: 'teacher' };
}

/** Assignment a: class a mod classes, a subject slot, and so its teacher (a = 0: teacher 0, class 0). */
function assignmentPlan(a: number, counts: Counts): { classIndex: number; slot: number; teacher: number } {
  const classIndex = a % counts.classes;
  const slot = Math.floor(a / counts.classes) % SUBJECTS.length;
  return { classIndex, slot, teacher: teacherFor(classIndex, slot, counts.teachers) };
}

function* submissionRows(
  students: readonly Person[],
  cls: SchoolClass,
  due: number,
  now: number,
  everyone: boolean,
  files: readonly Types.ObjectId[],
  fileCursor: { next: number },
) {
  for (const s of cls.students) {
    const past = due < now;
    // Past work: 90 % handed in (the rest shows overdue); work still due: 30 % handed in so far.
    if (!everyone && random() >= (past ? 0.9 : 0.3)) continue;
    const submittedAt = new Date(Math.min(now, due - random() * 3 * DAY));
    const file = files.length > 0 ? [item(files, fileCursor.next++ % files.length).toString()] : [];
    const base = { studentId: item(students, s).id, submittedAt, files: file };
    const r = random();
    if (!past || (r >= 0.6 && r < 0.85)) {
      yield { ...base, status: 'submitted' as const };
    } else if (r < 0.6) {
      const reviewedAt = new Date(Math.min(now, submittedAt.getTime() + 2 * DAY));
      yield {
        ...base,
        status: 'graded' as const,
        grade: 40 + randomInt(61),
        feedback: 'Well done; check your units.',
        isAccepted: true,
        outcome: 'accepted' as const,
        reviewedAt,
        gradedAt: reviewedAt,
      };
    } else {
      // Sent back: the work is with the student again.
      yield {
        ...base,
        status: 'pending' as const,
        isAccepted: false,
        outcome: random() < 0.5 ? ('rejected' as const) : ('reassigned' as const),
        feedback: 'Please redo question 2.',
        reviewedAt: new Date(Math.min(now, submittedAt.getTime() + DAY)),
      };
    }
  }
}

/** A pair's messages, oldest first, with a few replies, voice notes from side `a`, and recent ones unread. */
function* pairMessages(
  pair: ChatPair,
  yearStart: number,
  yearEnd: number,
  voices: readonly Types.ObjectId[],
) {
  const times = Array.from({ length: pair.count }, () => yearStart + random() * (yearEnd - yearStart)).sort(
    (x, y) => x - y,
  );
  // The voice notes sit evenly through the conversation.
  const voiceAt = new Map(
    voices.map((id, k) => [Math.floor(((k + 0.5) * times.length) / voices.length), id]),
  );
  let previous: Types.ObjectId | undefined;
  for (let j = 0; j < times.length; j += 1) {
    const timestamp = new Date(item(times, j));
    const voice = voiceAt.get(j);
    const [sender, receiver] = voice !== undefined || random() < 0.55 ? [pair.a, pair.b] : [pair.b, pair.a];
    const _id = new Types.ObjectId();
    yield {
      _id,
      senderId: sender.id,
      receiverId: receiver.id,
      ...(voice !== undefined
        ? { messageType: 'audio' as const, message: '', filePath: voice.toString() }
        : { message: pick(LINES) }),
      ...(previous && random() < 0.05 ? { replyTo: previous } : {}),
      isRead: timestamp.getTime() < yearEnd - 3 * DAY || random() < 0.5,
      timestamp,
    };
    previous = _id;
  }
}

function* activityEntries(seed: SchoolPlan) {
  const n = seed.counts.activity;
  const span = seed.yearEnd - seed.yearStart;
  const teacher0 = item(seed.teachers, 0);
  for (let i = 0; i < n; i += 1) {
    const r = random();
    // Several users: the admin, teacher 0 (the "by user" filter), the other teachers and the students.
    const [user, role]: [Person | { id: Types.ObjectId; username: string }, Role] =
      r < 0.08
        ? [{ id: seed.adminId, username: seed.adminUsername }, 'admin']
        : r < 0.1
          ? [teacher0, 'teacher']
          : r < 0.4
            ? [pick(seed.teachers), 'teacher']
            : [pick(seed.students), 'student'];
    const a = random();
    const [action, targetType] =
      a < 0.35
        ? ['LOGIN', 'SESSION']
        : a < 0.65
          ? ['SEND', 'MESSAGE']
          : role === 'student'
            ? a < 0.85
              ? ['SUBMIT', 'ASSIGNMENT']
              : ['CREATE', 'FILE']
            : role === 'teacher'
              ? pick([
                  ['CREATE', 'ASSIGNMENT'],
                  ['REVIEW', 'ASSIGNMENT'],
                  ['GRADE', 'ASSIGNMENT'],
                ] as const)
              : pick([
                  ['CREATE', 'USER'],
                  ['UPDATE', 'CLASS'],
                  ['CREATE', 'NOTICE'],
                  ['UPDATE', 'SCHEDULE'],
                ] as const);
    yield {
      userId: user.id,
      username: user.username,
      role,
      action,
      targetType,
      targetId: new Types.ObjectId(),
      targetName: action === 'LOGIN' ? user.username : `${targetType.toLowerCase()} ${i}`,
      ...(action === 'SEND' ? { details: { messageType: 'text' } } : {}),
      ipAddress: `192.168.1.${1 + (i % 200)}`,
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) SmartCRM/0.1',
      timestamp: new Date(seed.yearStart + (span * (i + random())) / n),
    };
  }
}

async function seedUsers({ models }: TenantHandle, seed: SchoolPlan): Promise<number> {
  // One hash for everyone: hashing 5,300 passwords at cost 10 would take minutes and measure nothing.
  const hash = await bcrypt.hash(USER_PASSWORD, bcryptCost());
  const users = [
    ...seed.teachers.map((p) => ({ ...p, role: 'teacher' as const })),
    ...seed.students.map((p) => ({ ...p, role: 'student' as const })),
  ].map((p, i) => ({
    _id: p.id,
    username: p.username,
    usernameKey: p.username.toLowerCase(),
    password: hash,
    role: p.role,
    name: p.name,
    email: `${p.username}@school.example`,
    phone: `+91 98${String(10_000_000 + i).slice(-8)}`,
    dateOfBirth: new Date(
      Date.UTC(p.role === 'teacher' ? 1975 + (i % 20) : 2008 + (i % 11), i % 12, 1 + (i % 28)),
    ),
    joiningDate: new Date(seed.yearStart - randomInt(2000) * DAY),
    createdAt: new Date(seed.yearStart - randomInt(30) * DAY),
  }));
  return insertInBatches(users, 2000, (batch) => models.User.insertMany(batch));
}

/** The classes, the subject catalogue (8 subjects per grade) and a Monday–Friday, 8-period week per class. */
async function seedClasses(
  { models }: TenantHandle,
  seed: SchoolPlan,
): Promise<{ subjects: number; entries: number }> {
  const { classes, teachers, students } = seed;
  await models.Class.insertMany(
    classes.map((c) => ({
      _id: c.id,
      name: `Class ${c.grade}-${c.section}`,
      grade: c.grade,
      section: c.section,
      teacherId: item(teachers, item(c.teachers, 0)).id,
      students: c.students.map((s) => item(students, s).id),
      maxStudents: Math.max(40, c.students.length),
      subjects: SUBJECTS.map((s) => s.name),
    })),
  );
  const catalogue = [...new Set(classes.map((c) => c.grade))].flatMap((grade) => {
    const first = classes.find((c) => c.grade === grade) ?? item(classes, 0);
    return SUBJECTS.map((s, slot) => ({
      name: s.name,
      code: `${s.code}${grade}`,
      grade,
      teacherId: item(teachers, item(first.teachers, slot)).id,
      description: `${s.name} for grade ${grade}.`,
    }));
  });
  await models.Subject.insertMany(catalogue);
  const hm = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
  const entries = classes.flatMap((c) =>
    SCHOOL_DAYS.flatMap((day, d) =>
      Array.from({ length: PERIODS }, (_, p) => {
        // The subjects rotate through the periods day by day; 45-minute periods from 8:00.
        const slot = (p + d) % SUBJECTS.length;
        const start = 8 * 60 + p * 45;
        return {
          teacherId: item(teachers, item(c.teachers, slot)).id,
          classId: c.id,
          subject: item(SUBJECTS, slot).name,
          day,
          period: p + 1,
          timeSlot: `${hm(start)}-${hm(start + 40)}`,
        };
      }),
    ),
  );
  const written = await insertInBatches(entries, 2000, (batch) => models.Schedule.insertMany(batch));
  return { subjects: catalogue.length, entries: written };
}

async function seedAssignments(
  { models }: TenantHandle,
  seed: SchoolPlan,
  files: FilePlan,
): Promise<{ assignmentId: Types.ObjectId; handIns: number; rows: number }> {
  const { counts, classes, students, teachers, yearStart, yearEnd } = seed;
  const now = Date.now();
  const cursor = { next: 0 };
  const assignmentId = new Types.ObjectId();
  let handIns = 0;
  let rows = 0;
  function* docs() {
    for (let a = 0; a < counts.assignments; a += 1) {
      const plan = assignmentPlan(a, counts);
      const cls = item(classes, plan.classIndex);
      // Due dates from a week into the year to two weeks after today (at full size): the last ones are open.
      const due = yearStart + 7 * DAY + ((a + 0.5) / counts.assignments) * (yearEnd - yearStart + 7 * DAY);
      const submissions = [...submissionRows(students, cls, due, now, a === 0, files.submissions, cursor)];
      rows += submissions.length;
      if (a === 0) handIns = submissions.length;
      const attachments =
        a === 0
          ? [files.megabyte]
          : a % 3 === 1 && files.attachments.length > 0
            ? [item(files.attachments, Math.floor(a / 3) % files.attachments.length)]
            : [];
      yield {
        ...(a === 0 ? { _id: assignmentId } : {}),
        title: `${item(SUBJECTS, plan.slot).name}: worksheet ${Math.floor(a / counts.classes) + 1}`,
        description: 'Answer every question; show your working.',
        teacherId: item(teachers, plan.teacher).id,
        classIds: [cls.id],
        dueDate: new Date(due),
        attachments: attachments.map(String),
        submissions,
        createdAt: new Date(Math.min(due - 7 * DAY, yearEnd)),
      };
    }
  }
  // Small batches: each assignment carries a row per student of its class.
  await insertInBatches(docs(), 200, (batch) => models.Assignment.insertMany(batch));
  return { assignmentId, handIns, rows };
}

/** Notices to teachers, students or both, read by a share of their readers; returns the read marks. */
async function seedNotices({ models }: TenantHandle, seed: SchoolPlan): Promise<number> {
  const { counts, teachers, students, yearStart, yearEnd } = seed;
  let marks = 0;
  const reads: Array<{ noticeId: Types.ObjectId; userId: Types.ObjectId; readAt: Date }> = [];
  function* notices() {
    for (let i = 0; i < counts.notices; i += 1) {
      const audience: Array<'teacher' | 'student'> = pick([['teacher'], ['student'], ['teacher', 'student']]);
      const readers = [
        ...(audience.includes('teacher') ? teachers : []),
        ...(audience.includes('student') ? students : []),
      ];
      const _id = new Types.ObjectId();
      const createdAt = new Date(yearStart + ((i + 0.5) / counts.notices) * (yearEnd - yearStart));
      // Older notices have been read by more of their readers; each mark is a noticereads document.
      const share = 0.3 + 0.6 * (1 - i / counts.notices);
      for (const p of readers)
        if (random() < share) reads.push({ noticeId: _id, userId: p.id, readAt: createdAt });
      marks = reads.length;
      yield {
        _id,
        title: `Notice ${i + 1}: ${pick(['Exam timetable', 'Sports day', 'Fee reminder', 'Holiday', 'Field trip'])}`,
        body: `${pick(LINES)} ${pick(LINES)} Details are with the class teacher.`,
        audience,
        createdBy: seed.adminId,
        createdAt,
      };
    }
  }
  await insertInBatches(notices(), 100, (batch) => models.Notice.insertMany(batch));
  await insertInBatches(reads.values(), 2000, (batch) => models.NoticeRead.insertMany(batch));
  return marks;
}

/** Holidays and events through the year and two months beyond. */
async function seedCalendar({ models }: TenantHandle, seed: SchoolPlan): Promise<number> {
  const { counts, yearStart, yearEnd } = seed;
  const entries = Array.from({ length: counts.calendar }, (_, i) => {
    const holiday = random() < 0.25;
    return {
      title: holiday
        ? `Holiday ${i + 1}`
        : `Event ${i + 1}: ${pick(['Science fair', 'Exams', 'Concert', 'PTM'])}`,
      description: holiday ? '' : 'In the main hall.',
      date: new Date(yearStart + ((i + 0.5) / counts.calendar) * (yearEnd - yearStart + 60 * DAY)),
      type: holiday ? ('holiday' as const) : ('event' as const),
      createdBy: seed.adminId,
      createdAt: new Date(yearStart),
    };
  });
  await models.Calendar.insertMany(entries);
  return entries.length;
}

async function seedMessages(
  { models }: TenantHandle,
  seed: SchoolPlan,
  files: FilePlan,
): Promise<{ written: number; conversations: number; longKey: string; longMiddle: Date }> {
  // A conversation at a time: after every insertMany the message model updates the summary of each
  // conversation in the batch (two updates each), so grouping keeps that to about one round per conversation.
  function* messages() {
    for (const [index, pair] of seed.pairs.entries()) {
      yield* pairMessages(pair, seed.yearStart, seed.yearEnd, files.voiceByPair.get(index) ?? []);
    }
  }
  const written = await insertInBatches(messages(), 5000, (batch) => models.Message.insertMany(batch));
  const longPair = item(seed.pairs, 0);
  const longKey = conversationKeyOf(longPair.a.id, longPair.b.id);
  const [middle] = await models.Message.find({ conversationKey: longKey })
    .sort({ timestamp: -1, _id: -1 })
    .skip(Math.floor(longPair.count / 2))
    .limit(1)
    .lean();
  return {
    written,
    conversations: await models.Conversation.estimatedDocumentCount(),
    longKey,
    longMiddle: middle?.timestamp ?? new Date(seed.yearEnd),
  };
}

/** Registers the institution, then writes the school year through its tenant models, step by step. */
async function seed(db: DatabaseManager, options: Options, counts: Counts): Promise<Seeded> {
  const started = performance.now();
  // The school year is the last 300 days: inside the station's 365-day log retention, which runs at start.
  const yearEnd = Date.now() - 60_000;
  const yearStart = yearEnd - 300 * DAY;
  const adminUsername = `bench_${Date.now().toString(36)}`;
  const passwords = createPasswordHasher();
  const admin = await step('institution registered (admin password at production cost)', () =>
    registerInstitution(
      { db, passwords, activity: createActivityLogger(db, { logger: () => undefined }) },
      { username: adminUsername, password: ADMIN_PASSWORD, name: 'Office', institutionName: 'Bench School' },
      { ip: 'local', userAgent: 'bench' },
    ),
  );
  await passwords.close();
  const handle = await db.tenant(admin.databaseName);

  const adminId = new Types.ObjectId(admin.id);
  const teachers = people('teacher', counts.teachers);
  const students = people('student', counts.students);
  const classes = planClasses(counts);
  const plan: SchoolPlan = {
    counts,
    adminUsername,
    adminId,
    databaseName: admin.databaseName,
    teachers,
    students,
    classes,
    pairs: planChats(counts, classes, teachers, students, { id: adminId, role: 'admin' }),
    yearStart,
    yearEnd,
  };

  await step(
    `${int(counts.teachers)} teachers, ${int(counts.students)} students (one bcrypt hash, reused)`,
    () => seedUsers(handle, plan),
  );
  await step(
    `${int(counts.classes)} classes with subjects and a week's timetable`,
    () => seedClasses(handle, plan),
    (r) => `(${int(r.subjects)} subjects, ${int(r.entries)} timetable entries)`,
  );
  const files = await step(
    `files (--files-mb ${options.filesMb}):`,
    () => seedFiles(handle, plan, options.filesMb),
    (f) =>
      `1 MB + ${f.attachments.length} attachments, ${f.submissions.length} submitted, ` +
      `${[...f.voiceByPair.values()].flat().length} voice notes (${(f.bytes / MB).toFixed(1)} MB)`,
  );
  const assignments = await step(
    `${int(counts.assignments)} assignments`,
    () => seedAssignments(handle, plan, files),
    (r) => `(${int(r.rows)} hand-ins)`,
  );
  await step(
    `${int(counts.notices)} notices`,
    () => seedNotices(handle, plan),
    (marks) => `(${int(marks)} read marks)`,
  );
  await step(`${int(counts.calendar)} calendar entries`, () => seedCalendar(handle, plan));
  const chat = await step(
    `${int(counts.messages)} chat messages`,
    () => seedMessages(handle, plan, files),
    (r) =>
      `(${int(r.written)} written, ${int(r.conversations)} conversations, longest ${int(counts.longThread)})`,
  );
  await step(`${int(counts.activity)} activity log entries`, () =>
    insertInBatches(activityEntries(plan), 5000, (batch) => handle.models.ActivityLog.insertMany(batch)),
  );
  console.log(`seeded in ${secs(performance.now() - started)}`);
  return {
    ...plan,
    longKey: chat.longKey,
    longMiddle: chat.longMiddle,
    assignmentId: assignments.assignmentId,
    handIns: assignments.handIns,
    megabyteFileId: files.megabyte,
  };
}

// ── Timings ─────────────────────────────────────────────────────────────────────────────────────────────────

interface Probe {
  label: string;
  run: () => Promise<unknown>;
}

interface Sampled {
  label: string;
  times: number[];
  errors: number;
  firstError?: string;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';

/**
 * 5 warm-ups, then SAMPLES sequential rounds (fewer when a round is so slow that PROBE_BUDGET_MS runs out); each
 * round calls every probe of `together` once, in turn, so their figures are taken over the same moments.
 */
async function sampleTogether(together: readonly Probe[]): Promise<Sampled[]> {
  const results = together.map((probe): Sampled => ({ label: probe.label, times: [], errors: 0 }));
  const started = performance.now();
  const inOrder = [...together.keys()];
  const reversed = [...inOrder].reverse();
  for (let i = 0; i < WARMUP + SAMPLES && performance.now() - started < PROBE_BUDGET_MS; i += 1) {
    // Each goes first every other round: neither always finds the caches the other has just warmed.
    for (const k of i % 2 === 0 ? inOrder : reversed) {
      const probe = item(together, k);
      const result = item(results, k);
      const t = performance.now();
      try {
        await probe.run();
        if (i >= WARMUP) result.times.push(performance.now() - t);
      } catch (err) {
        result.errors += 1;
        result.firstError ??= messageOf(err);
      }
    }
  }
  return results;
}

/**
 * WARMUP_ROUNDS rounds of every probe, untimed (errors show in the timed calls). A probe whose warm-ups have
 * taken more than its share of PROBE_BUDGET_MS is warmed no more, so a slow or hanging call cannot hold the
 * phase for twenty of its time-outs.
 */
async function warmUp(probes: readonly Probe[]): Promise<void> {
  const spent = new Map<Probe, number>();
  for (let round = 0; round < WARMUP_ROUNDS; round += 1) {
    for (const probe of probes) {
      if ((spent.get(probe) ?? 0) > PROBE_BUDGET_MS / WARMUP_ROUNDS) continue;
      const started = performance.now();
      await probe.run().catch(() => undefined);
      spent.set(probe, (spent.get(probe) ?? 0) + performance.now() - started);
    }
  }
}

/** Every API probe, taking turns with the data-layer probe of the same label (when there is one). */
async function sampleBeside(
  api: readonly Probe[],
  dataLayer: readonly Probe[],
  warmedUp: () => void,
): Promise<{ api: Sampled[]; dataLayer: Map<string, Sampled> }> {
  const byLabel = new Map(dataLayer.map((probe) => [probe.label, probe]));
  await warmUp([...api, ...dataLayer]);
  warmedUp();
  const results = { api: [] as Sampled[], dataLayer: new Map<string, Sampled>() };
  for (const probe of api) {
    const beside = byLabel.get(probe.label);
    const [apiResult, dataResult] = await sampleTogether(beside ? [probe, beside] : [probe]);
    if (apiResult) results.api.push(apiResult);
    if (dataResult) results.dataLayer.set(probe.label, dataResult);
  }
  return results;
}

/** The labels both measurements share, so the API figure is printed next to the data layer's. */
interface Labels {
  usersDeep: string;
  usersNext: string;
  deepPage: number;
  assignmentGet: string;
}

function labelsFor(seed: Seeded): Labels {
  const people = seed.teachers.length + seed.students.length;
  const deepPage = Math.max(1, Math.ceil((people / 25) * 0.9));
  return {
    usersDeep: `users.list page ${deepPage}`,
    usersNext: `users.list next page by cursor at page ${deepPage}`,
    deepPage,
    assignmentGet: `assignments.get (${seed.handIns} hand-ins)`,
  };
}

/** A month of the calendar: 45 to 15 days before the end of the seeded year. */
function monthOf(seed: Seeded): { from: Date; to: Date } {
  return { from: new Date(seed.yearEnd - 45 * DAY), to: new Date(seed.yearEnd - 15 * DAY) };
}

const ACTIVITY_PAGE = 25;
const DEEP_ACTIVITY_PAGE = 200;

/**
 * The data layer's side of each row is the bare driver, as the issue compares the API with "the raw driver":
 * each query of the models is sent as the driver's own find, findOne or countDocuments on the model's
 * collection, with the same filter, projection, sort, skip and limit, and without mongoose (no casting, no
 * middleware, no query run). The probes still write their queries with the models, which is how the services
 * write them (building one costs about a microsecond and sends nothing). The filters hold the stored types
 * already (ObjectIds, dates), so mongoose's casting would change nothing; to be sure, while `checking` (the
 * warm-ups) each distinct query's answer is compared with the models' answer to it, and a difference is kept in
 * `mismatches`, which fail the run.
 */
interface BareDriver {
  run<R>(query: Query<R, unknown>): Promise<R>;
  checking: boolean;
  mismatches: string[];
}

function bareDriver(handle: TenantHandle): BareDriver {
  const db = handle.conn.db;
  if (!db) throw new Error(`The database ${handle.databaseName} is not connected.`);
  const checked = new Set<string>();
  const collections = new Map<string, mongo.Collection>();
  const collectionOf = (name: string) => {
    let collection = collections.get(name);
    if (!collection) collections.set(name, (collection = db.collection(name)));
    return collection;
  };
  const driver: BareDriver = {
    checking: true,
    mismatches: [],
    async run<R>(query: Query<R, unknown>): Promise<R> {
      const collection = collectionOf(query.model.collection.collectionName);
      const filter = query.getFilter();
      const { sort, skip, limit } = query.getOptions() as Pick<mongo.FindOptions, 'sort' | 'skip' | 'limit'>;
      const projection = (query.projection() ?? undefined) as mongo.Document | undefined;
      const options: mongo.FindOptions = { projection, sort, skip, limit };
      const op = (query as { op?: string }).op;
      let answer: unknown;
      if (op === 'find') answer = await collection.find(filter, options).toArray();
      else if (op === 'findOne') answer = await collection.findOne(filter, { projection, sort });
      else if (op === 'countDocuments')
        answer = await collection.countDocuments(filter, limit ? { limit } : {});
      else throw new Error(`bench: the bare driver has no form of ${String(op)}`);
      if (driver.checking) {
        const what = `${collection.collectionName}.${op}(${mongo.BSON.EJSON.stringify({ filter, options })})`;
        if (!checked.has(what)) {
          checked.add(what);
          // A failure counts as a difference: the warm-ups swallow a probe's errors.
          const viaModels: unknown = await query
            .clone()
            .exec()
            .catch((err: unknown) => `the models failed: ${messageOf(err)}`);
          if (mongo.BSON.EJSON.stringify(viaModels) !== mongo.BSON.EJSON.stringify(answer))
            driver.mismatches.push(what);
        }
      }
      return answer as R;
    },
  };
  return driver;
}

/** The queries each call's service makes for its data, without the sign-in check and the views. */
function dataLayerProbes(
  handle: TenantHandle,
  driver: BareDriver,
  seed: Seeded,
  labels: Labels,
  handIn: HandIn,
): Probe[] {
  const { models } = handle;
  const q = <R>(query: Query<R, unknown>) => driver.run(query);
  const teacher = item(seed.teachers, 0).id;
  const student = item(seed.students, 0).id;
  const class0 = item(seed.classes, 0).id;
  const month = monthOf(seed);
  let lastShown: { name: string; _id: Types.ObjectId } | undefined;
  const users = (skip: number) =>
    Promise.all([
      q(models.User.find({}, LIST_PROJECTION).sort({ name: 1, _id: 1 }).skip(skip).limit(25).lean()),
      q(models.User.countDocuments({})),
    ]);
  // As the service reads a teacher's page: the count and the page, then the files the page attaches (the
  // classes' students and the names are kept between writes).
  const assignments = async (filter: Record<string, unknown>) => {
    const [, page] = await Promise.all([
      q(models.Assignment.countDocuments(filter)),
      q(models.Assignment.find(filter).sort({ dueDate: -1, _id: -1 }).limit(20).lean()),
    ]);
    return filesById(
      handle,
      page.flatMap((a) => a.attachments),
    );
  };
  // As the service reads them: the class's assignments without hand-ins, then the student's own, then the
  // files of the page (its attachments and the student's own hand-ins).
  const studentAssignments = async () => {
    const found = await q(
      models.Assignment.find({ classIds: { $in: [class0] } }, { submissions: 0 })
        .sort({ dueDate: -1, _id: -1 })
        .lean(),
    );
    const own = await q(
      models.Assignment.find(
        { _id: { $in: found.map((a) => a._id) }, 'submissions.studentId': student },
        { 'submissions.$': 1 },
      ).lean(),
    );
    const page = found.slice(0, 20);
    return filesById(handle, [
      ...page.flatMap((a) => a.attachments),
      ...own.flatMap((a) => a.submissions.flatMap((row) => row.files)),
    ]);
  };
  // With the caller's conversation summary (when they cleared it), read beside the page as the service does.
  const thread = (filter: Record<string, unknown>) =>
    Promise.all([
      q(models.Conversation.findOne({ key: seed.longKey }, { clearedAt: 1 }).lean()),
      q(
        models.Message.find({ conversationKey: seed.longKey, ...filter })
          .sort({ timestamp: -1, _id: -1 })
          .limit(51)
          .lean(),
      ),
    ]);
  const activity = (filter: Record<string, unknown>, page: number) =>
    Promise.all([
      q(models.ActivityLog.countDocuments(filter, { limit: EXACT_COUNT_LIMIT + 1 })),
      q(
        models.ActivityLog.find(filter)
          .sort({ timestamp: -1, _id: -1 })
          .skip((page - 1) * ACTIVITY_PAGE)
          .limit(ACTIVITY_PAGE)
          .lean(),
      ),
    ]);
  return [
    { label: 'users.list first page', run: () => users(0) },
    { label: labels.usersDeep, run: () => users((labels.deepPage - 1) * 25) },
    {
      // The page after the last row of the one before, as the People page's "next page" reads it.
      label: labels.usersNext,
      run: async () => {
        const skip = Math.max(0, (labels.deepPage - 1) * 25 - 1);
        // Found once (in the warm-ups): the People page has the row on screen.
        lastShown ??= (
          await q(models.User.find({}, { name: 1 }).sort({ name: 1, _id: 1 }).skip(skip).limit(1).lean())
        )[0] ?? { name: '', _id: new Types.ObjectId() };
        const { name, _id } = lastShown;
        return Promise.all([
          q(
            models.User.find({ $or: [{ name: { $gt: name } }, { name, _id: { $gt: _id } }] }, LIST_PROJECTION)
              .sort({ name: 1, _id: 1 })
              .limit(25)
              .lean(),
          ),
          q(models.User.countDocuments({})),
        ]);
      },
    },
    {
      label: 'classes.list',
      run: () =>
        Promise.all([
          q(models.Class.find({}).sort({ grade: 1, section: 1, _id: 1 }).limit(25).lean()),
          q(models.Class.countDocuments({})),
        ]),
    },
    {
      label: 'subjects.list',
      run: () =>
        Promise.all([
          q(models.Subject.find({}).sort({ grade: 1, code: 1, _id: 1 }).limit(25).lean()),
          q(models.Subject.countDocuments({})),
        ]),
    },
    // As the service asks: the entries of the class or teacher alone, and those they share with others.
    {
      label: 'schedules.list (a class, admin)',
      run: () => q(models.Schedule.find({ $and: [classCondition(class0)] }).lean()),
    },
    {
      label: 'schedules.list (teacher week)',
      run: () => q(models.Schedule.find({ $and: [teacherCondition(teacher)] }).lean()),
    },
    {
      label: 'schedules.list (student week)',
      run: () => q(models.Schedule.find({ $and: [classCondition({ $in: [class0] })] }).lean()),
    },
    {
      label: 'notices.list (student)',
      run: async () => {
        const visible = noticesForStudent(student, [class0]);
        const [, page] = await Promise.all([
          q(models.Notice.countDocuments(visible)),
          q(
            models.Notice.find(visible, NOTICE_LIST_FIELDS).sort({ createdAt: -1, _id: -1 }).limit(20).lean(),
          ),
        ]);
        return q(
          models.NoticeRead.find(
            { userId: student, noticeId: { $in: page.map((n) => n._id) } },
            { noticeId: 1 },
          ).lean(),
        );
      },
    },
    {
      label: 'calendar.list (a month)',
      run: () =>
        Promise.all([
          q(
            models.Calendar.find({ date: { $gte: month.from, $lte: month.to } })
              .sort({ date: 1, _id: 1 })
              .lean(),
          ),
          // The month's due dates of the student's class, in order, as the service reads them.
          q(
            models.Assignment.find(
              { dueDate: { $gte: month.from, $lte: month.to }, classIds: { $in: [class0] } },
              { title: 1, dueDate: 1 },
            )
              .sort({ dueDate: 1, _id: 1 })
              .limit(500)
              .lean(),
          ),
        ]),
    },
    { label: 'assignments.list (teacher)', run: () => assignments({ teacherId: teacher }) },
    { label: 'assignments.list (student)', run: () => studentAssignments() },
    {
      // The service's two rounds: the assignment, then the files of it and its hand-ins (names are kept).
      label: labels.assignmentGet,
      run: async () => {
        const found = await q(models.Assignment.findById(seed.assignmentId).lean());
        if (!found) throw new Error('The timed assignment is missing.');
        return filesById(handle, [...found.attachments, ...found.submissions.flatMap((row) => row.files)]);
      },
    },
    {
      // The teacher's summaries; the circle and the institution's admin are kept between writes.
      label: 'messages.conversations (teacher)',
      run: () => q(models.Conversation.find({ members: teacher }).lean()),
    },
    { label: 'messages.thread newest 50', run: () => thread({}) },
    {
      label: 'messages.thread older 50 (before)',
      run: () => thread({ timestamp: { $lt: seed.longMiddle } }),
    },
    {
      label: 'messages.unreadCounts (teacher)',
      run: () => q(models.Conversation.find({ members: teacher }).lean()),
    },
    { label: 'activity.list newest page', run: () => activity({}, 1) },
    { label: 'activity.list by user', run: () => activity({ userId: teacher }, 1) },
    { label: `activity.list page ${DEEP_ACTIVITY_PAGE}`, run: () => activity({}, DEEP_ACTIVITY_PAGE) },
    ...fileDataProbes(handle, driver, seed, handIn),
  ];
}

/**
 * The 1 MB attachment by each way a client reads it (see fileProbes): "PC app" is files.get as connected PCs
 * answer it (one GET with the Bearer token, details in its header); "browser" is files.link then GET, whole or
 * from SEEK_BYTE on (a player seeking).
 */
const FILE_LABELS = {
  rpcTeacher: 'files.get 1 MB, PC app (teacher)',
  rpcStudent: 'files.get 1 MB, PC app (student)',
  streamTeacher: 'file 1 MB, browser GET (teacher)',
  streamStudent: 'file 1 MB, browser GET (student)',
  rangeStudent: 'file 1 MB, browser Range (student)',
  handInTeacher: 'files.get a hand-in, PC app (teacher)',
};
const SEEK_BYTE = 512 * 1024;

/** A file handed in to teacher 0's first assignment (about a quarter MB), which that teacher opens to mark it. */
interface HandIn {
  id: Types.ObjectId;
  teacherId: Types.ObjectId;
}

async function handInOf(handle: TenantHandle, seed: Seeded): Promise<HandIn> {
  const teacherId = item(seed.teachers, 0).id;
  const found = await handle.models.Assignment.findOne(
    { teacherId, 'submissions.0': { $exists: true } },
    { 'submissions.files': 1 },
  ).lean<{ submissions: Array<{ files: string[] }> }>();
  const file = found?.submissions.flatMap((row) => row.files)[0];
  if (!file)
    throw new Error("No hand-in with a file in teacher 0's assignments (seeded with --files-mb 0?).");
  return { id: new Types.ObjectId(file), teacherId };
}

/**
 * The rounds of the station's file calls (files.ts readableFile, files-route.ts), without the session check:
 * the file's entry; for a student, who did not upload it, the assignments that attach it (their classes are
 * kept); then the chunks that hold the bytes, to the last byte. The browser's rows ask files.link first, which
 * makes the same check. The chunks come from the engine every time, through the driver: what the station reads
 * for a file it has not kept (db/kept-files.ts), where these rows' calls find the file kept after their first.
 */
function fileDataProbes(handle: TenantHandle, driver: BareDriver, seed: Seeded, handIn: HandIn): Probe[] {
  const check = async (student: boolean) => {
    const [file] = await findFiles(handle, { _id: seed.megabyteFileId });
    if (!file) throw new Error('The 1 MB file is missing.');
    if (student) {
      await driver.run(
        handle.models.Assignment.find(
          { attachments: file.id.toString() },
          { teacherId: 1, classIds: 1 },
        ).lean(),
      );
    }
    return file;
  };
  // The teacher's check of a hand-in: among their own assignments (services/files.ts maySee).
  const checkHandIn = async () => {
    const [file] = await findFiles(handle, { _id: handIn.id });
    if (!file) throw new Error('The hand-in is missing.');
    const handedIn = { teacherId: handIn.teacherId, 'submissions.files': handIn.id.toString() };
    if (!(await driver.run(handle.models.Assignment.exists(handedIn))))
      throw new Error('The hand-in is not the teacher’s.');
    return file;
  };
  const db = handle.conn.db;
  if (!db) throw new Error(`The database ${handle.databaseName} is not connected.`);
  const chunks = db.collection<{ files_id: Types.ObjectId; n: number; data: mongo.Binary }>('files.chunks');
  const get = async (student: boolean, range?: { start: number; end: number }, handInFile = false) => {
    const file = handInFile ? await checkHandIn() : await check(student);
    const [first, last] = [range?.start ?? 0, (range?.end ?? file.size) - 1].map((byte) =>
      Math.floor(byte / file.chunkSize),
    );
    let bytes = 0;
    for (const chunk of await chunks
      .find(
        { files_id: file.id, n: { $gte: first, $lte: last } },
        { sort: { n: 1 }, projection: { _id: 0, n: 1, data: 1 } },
      )
      .toArray())
      bytes += chunk.data.position;
    return bytes;
  };
  const linkThenGet = async (student: boolean, range?: { start: number; end: number }) => {
    await check(student);
    return get(student, range);
  };
  return [
    { label: FILE_LABELS.rpcTeacher, run: () => get(false) },
    { label: FILE_LABELS.rpcStudent, run: () => get(true) },
    { label: FILE_LABELS.streamTeacher, run: () => linkThenGet(false) },
    { label: FILE_LABELS.streamStudent, run: () => linkThenGet(true) },
    { label: FILE_LABELS.rangeStudent, run: () => linkThenGet(true, { start: SEEK_BYTE, end: MB }) },
    { label: FILE_LABELS.handInTeacher, run: () => get(false, undefined, true) },
  ];
}

// ── The station ─────────────────────────────────────────────────────────────────────────────────────────────

const repoRoot = path.resolve(import.meta.dirname, '../..');

interface StationChild {
  url: string;
  pid: number;
  /** The station's log lines (stderr), the last 200, each with the time since the start. */
  log: string[];
  addressMs: number;
  readyMs: number;
  /** SIGTERM, SIGKILL after 30 s; resolves once the child is gone. */
  stop(): Promise<void>;
}

/** Starts `electron/core/station/main.ts` on 127.0.0.1 and a free port; resolves once it reports ready. */
async function startStation(dataDir: string, timeoutMs: number): Promise<StationChild> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/core/station/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      CRM_DATA_DIR: dataDir,
      CRM_HOST: '127.0.0.1',
      CRM_PORT: '0',
      // The embedded engine on this data directory, whatever the shell has set.
      MONGODB_URI: '',
      // The signing key in an encrypted file beside the data directory, removed with it; not the OS keychain.
      CRM_SECRET_STORE: 'file',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    log.push(`${secs(performance.now() - started).padStart(7)}  ${line}`);
    if (log.length > 200) log.shift();
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const giveUp = setTimeout(resolve, 40_000);
      child.once('exit', () => {
        clearTimeout(kill);
        clearTimeout(giveUp);
        resolve();
      });
      child.kill('SIGTERM');
    });
  const ready = new Promise<StationChild>((resolve, reject) => {
    let url: string | undefined;
    let addressMs = 0;
    createInterface({ input: child.stdout }).on('line', (line) => {
      const address = /station on (http:\/\/\S+)/.exec(line);
      if (address?.[1]) {
        url = address[1];
        addressMs = performance.now() - started;
      } else if (line.startsWith('Ready after') && url) {
        // A process that wrote a line has a pid; the check is for the type.
        if (child.pid === undefined) failed('the station runs without a pid');
        else resolve({ url, pid: child.pid, log, addressMs, readyMs: performance.now() - started, stop });
      }
    });
    const failed = (why: string) => reject(new Error(`${why}\n    ${log.slice(-20).join('\n    ')}`));
    child.stderr.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('The database is unavailable'))
        failed('the station could not start its database');
    });
    child.once('exit', (code) => failed(`the station exited with ${code}`));
  });
  try {
    return await withDeadline('the station start', timeoutMs, ready);
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The station's engine process: its pid is in the data directory's lock file. */
function enginePid(dir: string): number {
  const text = readFileSync(path.join(dir, 'engine.lock'), 'utf8').trim();
  const pid = Number(text);
  if (!Number.isInteger(pid) || pid <= 0)
    throw new Error(`The engine's lock file holds "${text}", not a pid.`);
  return pid;
}

/**
 * The station's own engine, for the data layer's side of each row: the data directory's TLS files (as the
 * seeding engine used them) and the port its engine process listens on. The engine reports its address only to
 * the station, so the port is read from Linux's /proc: the one TCP socket the engine (its pid in the data
 * directory's lock file) listens on.
 */
function stationEngine(dir: string, seeding: EngineConnection): EngineConnection {
  const pid = enginePid(dir);
  const sockets = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    const target = (() => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        return ''; // closed since the listing
      }
    })();
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode) sockets.add(inode);
  }
  const LISTEN = '0A';
  for (const line of readFileSync(`/proc/${pid}/net/tcp`, 'utf8').split('\n').slice(1)) {
    const [, local, , state, , , , , , inode] = line.trim().split(/\s+/);
    const port = local?.split(':')[1];
    if (state === LISTEN && inode && sockets.has(inode) && port) {
      return { ...seeding, uri: seeding.uri.replace(/:\d+\//, `:${parseInt(port, 16)}/`) };
    }
  }
  throw new Error(`The station's engine (pid ${pid}) listens on no TCP port that /proc shows.`);
}

// ── The API over HTTP ───────────────────────────────────────────────────────────────────────────────────────

type Call = <N extends AllChannelName>(
  name: N,
  input: AllChannelInput<N>,
  token?: string,
) => Promise<AllChannelOutput<N>>;

/**
 * The client of the calls a connected PC makes (station-link.ts): node's HTTP with a keep-alive agent (here
 * over the loopback's plain HTTP, without the LAN's TLS). Node's fetch costs the client some 0.25 ms more a
 * call (auth.me 0.44 ms against 0.20 ms through the same station, measured), which is the bench's, not the
 * station's; the browser's file GETs below still use fetch.
 */
const pcAgent = new Agent({ keepAlive: true });

function pcRequest(
  url: URL,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const { body } = options;
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        agent: pcAgent,
        headers: {
          ...options.headers,
          ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body, 'utf8') }),
        },
        // A socket's idle time, as station-link.ts has it: no timer of its own per call.
        timeout: CALL_TIMEOUT_MS,
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${CALL_TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end(body, 'utf8');
  });
}

/** `POST /api/rpc/<channel>` as a connected PC sends it (EJSON, Bearer token); an error answer throws. */
function apiClient(baseUrl: string): Call {
  async function call<N extends AllChannelName>(
    name: N,
    input: AllChannelInput<N>,
    token?: string,
  ): Promise<AllChannelOutput<N>> {
    const res = await pcRequest(new URL(`/api/rpc/${name}`, baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: encodeRpc(input),
    });
    const result = decodeRpc(res.body.toString('utf8')) as ApiResult<AllChannelOutput<N>>;
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.data;
  }
  return call;
}

interface Session {
  role: Role;
  token: string;
  userId: string;
  /** Whom this user chats with in the timings: a partner the service accepts. */
  partnerId: string;
}

async function signIn(
  call: Call,
  who: { institution?: string; username: string },
  role: Role,
  partnerId: Types.ObjectId,
): Promise<Session> {
  const password = who.institution === undefined ? ADMIN_PASSWORD : USER_PASSWORD;
  const out = await call('auth.login', { ...who, password });
  return { role, token: out.token, userId: out.user.id, partnerId: partnerId.toString() };
}

interface Sessions {
  admin: Session;
  /** Teacher 0, whose thread with student 0 is the long one. */
  teacher: Session;
  student: Session;
}

/** Every list, thread, detail and file call of the UI, as the pages send them. */
function apiProbes(call: Call, s: Sessions, seed: Seeded, labels: Labels): Probe[] {
  let nextAfter: UserDto | undefined;
  const month = monthOf(seed);
  const class0 = item(seed.classes, 0).id.toString();
  return [
    { label: 'auth.me (teacher)', run: () => call('auth.me', {}, s.teacher.token) },
    {
      label: 'users.list first page',
      run: () => call('users.list', { page: 1, pageSize: 25 }, s.admin.token),
    },
    {
      label: labels.usersDeep,
      run: () => call('users.list', { page: labels.deepPage, pageSize: 25 }, s.admin.token),
    },
    {
      label: labels.usersNext,
      run: async () => {
        nextAfter ??= await call(
          'users.list',
          { page: labels.deepPage - 1, pageSize: 25 },
          s.admin.token,
        ).then(({ items }) => items.at(-1));
        const after = nextAfter ? { after: { name: nextAfter.name, id: nextAfter.id } } : {};
        return call('users.list', { page: labels.deepPage, pageSize: 25, ...after }, s.admin.token);
      },
    },
    { label: 'classes.list', run: () => call('classes.list', { page: 1, pageSize: 25 }, s.admin.token) },
    { label: 'subjects.list', run: () => call('subjects.list', { page: 1, pageSize: 25 }, s.admin.token) },
    {
      label: 'schedules.list (a class, admin)',
      run: () => call('schedules.list', { classId: class0 }, s.admin.token),
    },
    { label: 'schedules.list (teacher week)', run: () => call('schedules.list', {}, s.teacher.token) },
    { label: 'schedules.list (student week)', run: () => call('schedules.list', {}, s.student.token) },
    {
      label: 'notices.list (student)',
      run: () => call('notices.list', { page: 1, pageSize: 20 }, s.student.token),
    },
    { label: 'calendar.list (a month)', run: () => call('calendar.list', month, s.student.token) },
    {
      label: 'assignments.list (teacher)',
      run: () => call('assignments.list', { page: 1, pageSize: 20 }, s.teacher.token),
    },
    {
      label: 'assignments.list (student)',
      run: () => call('assignments.list', { page: 1, pageSize: 20 }, s.student.token),
    },
    {
      label: labels.assignmentGet,
      run: () => call('assignments.get', { id: seed.assignmentId.toString() }, s.teacher.token),
    },
    {
      label: 'messages.conversations (teacher)',
      run: () => call('messages.conversations', {}, s.teacher.token),
    },
    {
      label: 'messages.thread newest 50',
      run: () => call('messages.thread', { userId: s.teacher.partnerId, limit: 50 }, s.teacher.token),
    },
    {
      label: 'messages.thread older 50 (before)',
      run: () =>
        call(
          'messages.thread',
          { userId: s.teacher.partnerId, before: seed.longMiddle, limit: 50 },
          s.teacher.token,
        ),
    },
    {
      label: 'messages.unreadCounts (teacher)',
      run: () => call('messages.unreadCounts', {}, s.teacher.token),
    },
    {
      label: 'activity.list newest page',
      run: () => call('activity.list', { page: 1, pageSize: ACTIVITY_PAGE }, s.admin.token),
    },
    {
      label: 'activity.list by user',
      run: () =>
        call('activity.list', { userId: s.teacher.userId, page: 1, pageSize: ACTIVITY_PAGE }, s.admin.token),
    },
    {
      label: `activity.list page ${DEEP_ACTIVITY_PAGE}`,
      run: () => call('activity.list', { page: DEEP_ACTIVITY_PAGE, pageSize: ACTIVITY_PAGE }, s.admin.token),
    },
    { label: 'analytics.institution', run: () => call('analytics.institution', {}, s.admin.token) },
    { label: 'system.health', run: () => call('system.health', {}, s.admin.token) },
  ];
}

/**
 * The 1 MB attachment as each client reads it. A connected PC's files.get is the streamed GET with the
 * person's Bearer token, its details from the x-crm-file header, the length checked (station-link.ts; here over
 * the loopback's plain HTTP, without the LAN's TLS). The station's browser asks files.link for an address and
 * GETs it, streamed from GridFS; a player seeking sends a Range. Timed to the last byte.
 */
function fileProbes(baseUrl: string, call: Call, s: Sessions, seed: Seeded, handIn: HandIn): Probe[] {
  const id = seed.megabyteFileId.toString();
  // `size` null: any length, as long as the bytes are as many as the details say.
  const pcGet = async (token: string, file = id, size: number | null = MB) => {
    const res = await pcRequest(new URL(`/api/files/${file}`, baseUrl), {
      headers: { authorization: `Bearer ${token}` },
    });
    const header = res.headers[FILE_DETAILS_HEADER];
    const details = decodeFileDetails(typeof header === 'string' ? header : undefined);
    const bytes = res.body;
    if (
      res.status !== 200 ||
      !details ||
      (size !== null && details.size !== size) ||
      bytes.byteLength !== details.size
    )
      throw new Error(`GET /api/files/${file}: ${res.status}, ${bytes.byteLength} bytes`);
  };
  const download = async (token: string, range?: number) => {
    const link = await call('files.link', { id }, token);
    const res = await fetch(new URL(link.url, baseUrl), {
      headers: range === undefined ? {} : { range: `bytes=${range}-` },
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    const bytes = (await res.arrayBuffer()).byteLength;
    if (res.status !== (range === undefined ? 200 : 206) || bytes !== MB - (range ?? 0))
      throw new Error(`GET ${link.url}: ${res.status}, ${bytes} bytes`);
  };
  return [
    { label: FILE_LABELS.rpcTeacher, run: () => pcGet(s.teacher.token) },
    { label: FILE_LABELS.rpcStudent, run: () => pcGet(s.student.token) },
    { label: FILE_LABELS.streamTeacher, run: () => download(s.teacher.token) },
    { label: FILE_LABELS.streamStudent, run: () => download(s.student.token) },
    { label: FILE_LABELS.rangeStudent, run: () => download(s.student.token, SEEK_BYTE) },
    { label: FILE_LABELS.handInTeacher, run: () => pcGet(s.teacher.token, handIn.id.toString(), null) },
  ];
}

// ── Concurrency ─────────────────────────────────────────────────────────────────────────────────────────────

/** What one client does in a loop: the calls of its role's everyday pages (and the polls they run). */
function everydayMix(
  call: Call,
  role: Role,
  seed: Seeded,
): Array<{ label: string; run: (s: Session) => Promise<unknown> }> {
  const month = monthOf(seed);
  const unread = {
    label: 'messages.unreadCounts',
    run: (s: Session) => call('messages.unreadCounts', {}, s.token),
  };
  const thread = {
    label: 'messages.thread',
    run: (s: Session) => call('messages.thread', { userId: s.partnerId, limit: 30 }, s.token),
  };
  const week = { label: 'schedules.list', run: (s: Session) => call('schedules.list', {}, s.token) };
  const homework = {
    label: 'assignments.list',
    run: (s: Session) => call('assignments.list', { page: 1, pageSize: 20 }, s.token),
  };
  switch (role) {
    case 'student':
      return [
        unread,
        homework,
        week,
        { label: 'notices.list', run: (s) => call('notices.list', { page: 1, pageSize: 20 }, s.token) },
        thread,
        unread,
        { label: 'calendar.list', run: (s) => call('calendar.list', month, s.token) },
      ];
    case 'teacher':
      return [
        unread,
        { label: 'messages.conversations', run: (s) => call('messages.conversations', {}, s.token) },
        thread,
        homework,
        week,
        {
          label: 'messages.send',
          run: (s) => call('messages.send', { receiverId: s.partnerId, message: pick(LINES) }, s.token),
        },
        unread,
      ];
    case 'admin':
      // The dashboard's figures and the people page.
      return [
        { label: 'users.list', run: (s) => call('users.list', { role: 'teacher', pageSize: 1 }, s.token) },
        { label: 'users.list', run: (s) => call('users.list', { role: 'student', pageSize: 1 }, s.token) },
        {
          label: 'schedules.list',
          run: (s) => call('schedules.list', { day: item(WEEKDAYS, (new Date().getDay() + 6) % 7) }, s.token),
        },
        { label: 'calendar.list', run: (s) => call('calendar.list', month, s.token) },
        { label: 'activity.list', run: (s) => call('activity.list', { page: 1, pageSize: 10 }, s.token) },
        unread,
        { label: 'users.list', run: (s) => call('users.list', { page: 1, pageSize: 25 }, s.token) },
      ];
  }
}

/** Six students, three teachers and the admin in every ten clients. */
const CLIENT_ROLES: readonly Role[] = [
  'student',
  'teacher',
  'admin',
  'student',
  'student',
  'teacher',
  'student',
  'student',
  'teacher',
  'student',
];

/** A session per client: the first teacher and student are the long thread's, the others signed in from chat pairs. */
async function clientSessions(call: Call, seed: Seeded, base: Sessions, clients: number): Promise<Session[]> {
  const pairs = seed.pairs.filter((p) => p.teacher !== undefined && p.student !== undefined);
  const seen: Record<Role, number> = { admin: 0, teacher: 0, student: 0 };
  const sessions: Session[] = [];
  for (let i = 0; i < clients; i += 1) {
    const role = item(CLIENT_ROLES, i % CLIENT_ROLES.length);
    const nth = seen[role]++;
    if (role === 'admin' || nth === 0) {
      sessions.push(base[role]);
      continue;
    }
    const pair = item(pairs, (nth * 7919) % pairs.length);
    const teacher = item(seed.teachers, pair.teacher ?? 0);
    const student = item(seed.students, pair.student ?? 0);
    sessions.push(
      role === 'teacher'
        ? await signIn(
            call,
            { institution: seed.adminUsername, username: teacher.username },
            role,
            student.id,
          )
        : await signIn(
            call,
            { institution: seed.adminUsername, username: student.username },
            role,
            teacher.id,
          ),
    );
  }
  return sessions;
}

interface Loaded {
  elapsedMs: number;
  byCall: Map<string, Sampled>;
}

async function runClients(
  call: Call,
  seed: Seeded,
  sessions: readonly Session[],
  seconds: number,
): Promise<Loaded> {
  const byCall = new Map<string, Sampled>();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    sessions.map(async (session, client) => {
      const mix = everydayMix(call, session.role, seed);
      // Clients start at different points of their mix, so the first second is not ten identical calls.
      for (let i = client; performance.now() < deadline; i += 1) {
        const step = item(mix, i % mix.length);
        const entry = byCall.get(step.label) ?? { label: step.label, times: [], errors: 0 };
        byCall.set(step.label, entry);
        const t = performance.now();
        try {
          await step.run(session);
          entry.times.push(performance.now() - t);
        } catch (err) {
          entry.errors += 1;
          entry.firstError ??= messageOf(err);
        }
      }
    }),
  );
  return { elapsedMs: performance.now() - started, byCall };
}

// ── Reports ─────────────────────────────────────────────────────────────────────────────────────────────────

function printErrors(results: readonly Sampled[]): void {
  for (const r of results.filter((x) => x.errors > 0)) {
    console.log(`  ! ${r.label}: ${r.errors} error(s), first: ${r.firstError ?? '?'}`);
  }
}

// ── Where the time goes ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Five lists whose queries take the driver 2–4 ms, the ones whose ratio to the driver comes out highest (which
 * of them is highest changes from run to run), one of each kind: catalogue, people, chat and log.
 */
const CPU_SPLIT_LABELS = [
  'subjects.list',
  'classes.list',
  'users.list first page',
  'messages.conversations (teacher)',
  'activity.list newest page',
];
/** Calls of each side of a list, in two blocks each, taken API, driver, driver, API (so drift falls on both). */
const CPU_SPLIT_CALLS = 500;
/** Linux reports processor time in /proc in units of USER_HZ, which its ABI fixes at 100 a second. */
const MS_PER_TICK = 10;

/** User and system time of a process and all its threads, in ms (/proc/<pid>/stat, fields 14 and 15). */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (!Number.isFinite(ticks))
    throw new Error(`/proc/${pid}/stat has no processor times: ${stat.slice(0, 80)}`);
  return ticks * MS_PER_TICK;
}

/** The machine's busy time on all cores, in ms (/proc/stat's first line: user, nice, system, irq, softirq). */
function machineCpuMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const fields = line.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq] = fields.slice(1).map(Number);
  const ticks = [user, nice, system, irq, softirq].reduce<number>((sum, v) => sum + (v ?? NaN), 0);
  if (fields[0] !== 'cpu' || !Number.isFinite(ticks)) throw new Error(`/proc/stat begins "${line}"`);
  return ticks * MS_PER_TICK;
}

interface CpuSplit {
  label: string;
  by: 'API' | 'driver';
  p50: number;
  /**
   * Processor ms per call: this process (the client, or the driver), the station, the engine (FerretDB, in
   * crm-engine's process) and the rest of the machine (PostgreSQL's processes, the kernel's work for the
   * loopback, anything else running). The rest is what remains and can come out below zero by the counters'
   * rounding.
   */
  client: number;
  station: number;
  engine: number;
  rest: number;
  errors: number;
}

interface CpuCount {
  times: number[];
  errors: number;
  client: number;
  station: number;
  engine: number;
  machine: number;
}

const emptyCpuCount = (): CpuCount => ({
  times: [],
  errors: 0,
  client: 0,
  station: 0,
  engine: 0,
  machine: 0,
});

/** `calls` calls of `probe` in a row, added to `count` with the processor time each process spent meanwhile. */
async function countBlock(
  probe: Probe,
  calls: number,
  pids: { station: number; engine: number },
  count: CpuCount,
): Promise<void> {
  const client = process.cpuUsage();
  const station = processCpuMs(pids.station);
  const engine = processCpuMs(pids.engine);
  const machine = machineCpuMs();
  for (let i = 0; i < calls; i += 1) {
    const t = performance.now();
    try {
      await probe.run();
      count.times.push(performance.now() - t);
    } catch {
      count.errors += 1;
    }
  }
  const clientUs = process.cpuUsage(client);
  count.client += (clientUs.user + clientUs.system) / 1000;
  count.station += processCpuMs(pids.station) - station;
  count.engine += processCpuMs(pids.engine) - engine;
  count.machine += machineCpuMs() - machine;
}

/**
 * For each list, its calls through the station and its queries by the driver, counted by process from /proc:
 * what the station's process spends per call beside what the driver spends on the same queries, and whether
 * the engine and the rest work more for the station's queries than for the driver's. Counted in blocks, not
 * per call: /proc counts in 10 ms ticks.
 */
async function cpuSplit(
  api: readonly Probe[],
  dataLayer: readonly Probe[],
  pids: { station: number; engine: number },
): Promise<CpuSplit[]> {
  const rows: CpuSplit[] = [];
  const probeOf = (probes: readonly Probe[], label: string) => {
    const probe = probes.find((p) => p.label === label);
    if (!probe) throw new Error(`The processor split names "${label}", which is no probe's label.`);
    return probe;
  };
  const block = CPU_SPLIT_CALLS / 2;
  for (const label of CPU_SPLIT_LABELS) {
    const sides = { API: probeOf(api, label), driver: probeOf(dataLayer, label) };
    const counts = { API: emptyCpuCount(), driver: emptyCpuCount() };
    for (const by of ['API', 'driver', 'driver', 'API'] as const)
      await countBlock(sides[by], block, pids, counts[by]);
    for (const by of ['API', 'driver'] as const) {
      const c = counts[by];
      const perCall = (ms: number) => ms / CPU_SPLIT_CALLS;
      rows.push({
        label,
        by,
        p50: percentile(c.times, 50),
        client: perCall(c.client),
        station: perCall(c.station),
        engine: perCall(c.engine),
        rest: perCall(c.machine - c.client - c.station - c.engine),
        errors: c.errors,
      });
    }
  }
  return rows;
}

function printCpuSplit(rows: readonly CpuSplit[]): void {
  const ms = (v: number) => v.toFixed(2);
  printTable(
    ['call', 'by', 'p50 ms', 'client', 'station', 'engine', 'rest of machine', 'all', 'errors'],
    rows.map((r) => [
      r.by === 'API' ? r.label : '',
      r.by,
      msec(r.p50),
      ms(r.client),
      r.by === 'API' ? ms(r.station) : '-',
      ms(r.engine),
      ms(r.rest),
      ms(r.client + r.station + r.engine + r.rest),
      String(r.errors),
    ]),
  );
}

function printApi(results: readonly Sampled[], raw: ReadonlyMap<string, Sampled>): void {
  printTable(
    ['call (HTTP)', 'n', 'p50 ms', 'p95 ms', 'max ms', 'driver p50', 'API/driver'],
    results.map((r) => {
      const p50 = percentile(r.times, 50);
      const rawP50 = percentile(raw.get(r.label)?.times ?? [], 50);
      return [
        r.label,
        String(r.times.length),
        msec(p50),
        msec(percentile(r.times, 95)),
        msec(percentile(r.times, 100)),
        Number.isNaN(rawP50) ? '' : msec(rawP50),
        Number.isNaN(rawP50) || Number.isNaN(p50) ? '' : `${(p50 / rawP50).toFixed(2)}x`,
      ];
    }),
  );
  printErrors(results);
  printErrors([...raw.values()].map((r) => ({ ...r, label: `${r.label} (driver)` })));
}

function printLoad(loaded: Loaded, clients: number): void {
  const all = [...loaded.byCall.values()];
  const times = all.flatMap((r) => r.times);
  const errors = all.reduce((n, r) => n + r.errors, 0);
  console.log(
    `  ${int(times.length)} calls in ${secs(loaded.elapsedMs)} by ${clients} clients: ` +
      `${(times.length / (loaded.elapsedMs / 1000)).toFixed(1)} calls/s, p50 ${msec(percentile(times, 50))} ms, ` +
      `p99 ${msec(percentile(times, 99))} ms, ${errors} error(s)`,
  );
  printTable(
    ['call', 'n', 'p50 ms', 'p99 ms', 'errors'],
    all
      .sort((a, b) => a.label.localeCompare(b.label))
      .map((r) => [
        r.label,
        String(r.times.length),
        msec(percentile(r.times, 50)),
        msec(percentile(r.times, 99)),
        String(r.errors),
      ]),
  );
  printErrors(all);
}

// ── The run ─────────────────────────────────────────────────────────────────────────────────────────────────

const options = parseOptions(process.argv.slice(2));
// Said before seeding, not after it: the data-layer figures need the station's engine, found through /proc.
if (!existsSync('/proc/self/net/tcp')) {
  console.error(
    "bench:school finds the station's engine through Linux's /proc, which this system does not have.",
  );
  process.exit(2);
}
// Directly under the temp folder and traversable: run as root, the engine hands the data directory to an
// unprivileged account, which must reach it. The station keeps its signing key beside it, in `secrets`.
const root = options.reuse
  ? path.resolve(options.reuse)
  : mkdtempSync(path.join(os.tmpdir(), 'crm-bench-school-'));
chmodSync(root, 0o755);
const dataDir = path.join(root, 'data');
/** What seeding wrote, kept beside the data directory by --keep for --reuse. */
const seededFile = path.join(root, 'seeded.json');
// The driver's own EJSON, so the ids read back are the ObjectIds the models compare with (bson's ESM build,
// which shared/rpc-encoding loads here, has classes of its own).
const reused = options.reuse
  ? (mongo.BSON.EJSON.parse(readFileSync(seededFile, 'utf8'), { relaxed: false }) as Seeded)
  : undefined;
const counts = reused?.counts ?? countsFor(options.scale);
const engine = createEngineSupervisor({ dataDir, logger: () => undefined });
let station: StationChild | undefined;
/** The bench's own connection to the station's engine, for the data-layer figures. */
let dataLayer: DatabaseManager | undefined;
let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    await dataLayer?.close().catch(() => undefined);
    await station?.stop();
    await engine.stop().catch(() => undefined);
    if (options.keep) console.log(`data kept in ${root} (npm run bench:school -- --reuse ${root})`);
    else rmSync(root, { recursive: true, force: true });
  })());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

try {
  console.log(
    `school year ${reused ? `kept in ${root}` : `at scale ${options.scale}`}: ${int(counts.students)} students, ${int(counts.teachers)} teachers, ` +
      `${int(counts.classes)} classes, ${int(counts.assignments)} assignments, ${int(counts.messages)} messages, ` +
      `${int(counts.activity)} log entries, ${int(counts.notices)} notices, ${int(counts.calendar)} calendar entries`,
  );
  if (!reused)
    console.log(
      `files: ${options.filesMb} MB (--files-mb; the full year's 2 GB is left out because writing it takes too long here)`,
    );

  // 1. Seed (or take the kept year) while this process owns the engine.
  const connection = await withDeadline('the engine start', 120_000, engine.start());
  const seedDb = await DatabaseManager.open(connection, { logger: () => undefined });
  const seeded =
    reused ??
    (await withDeadline('seeding', (20 + 180 * options.scale) * 60_000, seed(seedDb, options, counts)));
  if (options.keep) writeFileSync(seededFile, mongo.BSON.EJSON.stringify(seeded, { relaxed: false }));
  const labels = labelsFor(seeded);
  await seedDb.close();
  await engine.stop();

  // 2. The station, cold on the same data directory.
  console.log('\nstation (cold start on the seeded data directory):');
  station = await startStation(dataDir, 10 * 60_000);
  const call = apiClient(station.url);
  console.log(
    `  listening after ${secs(station.addressMs)}, ready after ${secs(station.readyMs)} (${station.url})`,
  );
  const [admin, firstSignIn] = await timed(() =>
    signIn(call, { username: seeded.adminUsername }, 'admin', item(seeded.teachers, 0).id),
  );
  const sessions: Sessions = {
    admin,
    teacher: await signIn(
      call,
      { institution: seeded.adminUsername, username: item(seeded.teachers, 0).username },
      'teacher',
      item(seeded.students, 0).id,
    ),
    student: await signIn(
      call,
      { institution: seeded.adminUsername, username: item(seeded.students, 0).username },
      'student',
      item(seeded.teachers, 0).id,
    ),
  };
  console.log(`  first call (the admin's sign-in, bcrypt included): ${msec(firstSignIn)} ms`);

  // 3. Every call of the UI, sequentially, taking turns with its queries sent by the bare driver.
  dataLayer = await DatabaseManager.open(stationEngine(dataDir, connection), { logger: () => undefined });
  const handle = await dataLayer.tenant(seeded.databaseName);
  const handIn = await handInOf(handle, seeded);
  const driver = bareDriver(handle);
  console.log(
    `\nAPI over HTTP, each call taking turns with its queries sent by the bare driver on the station's engine ` +
      `(${WARMUP_ROUNDS} rounds of every call and query, then each ${WARMUP} more and ${SAMPLES} timed):`,
  );
  const { api, dataLayer: raw } = await withDeadline(
    'the timings',
    60 * 60_000,
    sampleBeside(
      [
        ...apiProbes(call, sessions, seeded, labels),
        ...fileProbes(station.url, call, sessions, seeded, handIn),
      ],
      dataLayerProbes(handle, driver, seeded, labels, handIn),
      () => {
        // The warm-ups asked every query of the models too: from here on only the driver answers.
        driver.checking = false;
        if (driver.mismatches.length > 0)
          throw new Error(
            `The bare driver answered otherwise than the models:\n  ${driver.mismatches.join('\n  ')}`,
          );
      },
    ),
  );
  printApi(api, raw);

  // 4. Where the time of the short lists goes, by process.
  console.log(
    `\nprocessor ms per call by process (${CPU_SPLIT_CALLS} calls and as many rounds of their queries by the ` +
      'driver, in blocks taken API, driver, driver, API; the client is this process):',
  );
  printCpuSplit(
    await withDeadline(
      'the processor split',
      10 * 60_000,
      cpuSplit(
        apiProbes(call, sessions, seeded, labels),
        dataLayerProbes(handle, driver, seeded, labels, handIn),
        { station: station.pid, engine: enginePid(dataDir) },
      ),
    ),
  );

  // 5. Clients at once.
  console.log(
    `\nconcurrency: ${options.clients} clients for ${options.seconds} s (the teachers' mix sends messages):`,
  );
  const clients = await clientSessions(call, seeded, sessions, options.clients);
  const loaded = await withDeadline(
    'the concurrency phase',
    options.seconds * 1000 + 2 * CALL_TIMEOUT_MS,
    runClients(call, seeded, clients, options.seconds),
  );
  printLoad(loaded, options.clients);

  // 6. Newest pages: flat when they cost the same whatever the size of the log and the thread.
  const p50Of = (label: string) => msec(percentile(api.find((r) => r.label === label)?.times ?? [], 50));
  console.log('\nnewest pages:');
  console.log(
    `  activity.list newest page   p50 ${p50Of('activity.list newest page')} ms over ${int(counts.activity)} log entries`,
  );
  console.log(
    `  messages.thread newest 50   p50 ${p50Of('messages.thread newest 50')} ms in a ${int(counts.longThread)}-message thread`,
  );
  console.log(
    '  Run once with --quick and once without: the tenth/full comparison of these two figures shows',
  );
  console.log('  whether the newest pages stay flat as the log and the thread grow.');

  const notable = station.log.filter((line) => !line.includes('[secrets]'));
  if (notable.length > 0) {
    console.log('\nstation log:');
    for (const line of notable.slice(-20)) console.log(`  ${line}`);
  }
} catch (err) {
  console.error(`\nbench:school failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
  // Anything still holding the event loop (a stuck socket) does not keep the benchmark alive.
  setTimeout(() => process.exit(), 5_000).unref();
}
