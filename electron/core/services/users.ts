/**
 * Teachers and students of one institution. Usernames are unique case-insensitively through a stored key;
 * deleting a person removes them from classes and the timetable. Also the CSV import of many accounts at once.
 */
import { Types, type Connection, type QueryFilter } from 'mongoose';
import type { ServiceInput, UserDto } from '../../../shared/contract';
import type { z } from 'zod';
import { importRowSchema, type ImportReport, type PeopleCursor } from '../../../shared/contract/users';
import { CSV_IMPORT_LIMITS, tenantUsernameKey } from '../../../shared/domain';
import { normalizeTenantUsername } from '../db/names';
import type { TenantHandle } from '../db/database-manager';
import type { TenantModels, UserDoc } from '../db/tenant';
import { referenceGeneration } from '../db/tenant/reference-generation';
import { AppError, isDuplicateKeyError } from '../errors/app-error';
import {
  classIdsTaughtBy,
  containsText,
  pageOf,
  requireAdmin,
  studentIdsOf,
  uniqueIds,
  type Page,
} from './classes';
import type { Actor, ServiceDeps } from './context';
import { sessionsChanged } from './events/publish';
import { objectId, tenantOf } from './tenant-access';

/** A new account, as the contract checked it. */
export type CreateUserInput = ServiceInput<'users.create'>;

/** A person as outputs show them (never the password). */
export type UserRecord = UserDto;

type StoredUser = {
  _id: Types.ObjectId;
  role: string;
  username: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  dateOfBirth?: Date | null;
  joiningDate?: Date | null;
  department?: string | null;
  employeeNumber?: string | null;
  rollNumber?: number | null;
  isActive?: boolean | null;
  createdAt: Date;
  updatedAt: Date;
};

/** What outputs read of a user: never the password hash, the username key or the token version. */
export const PUBLIC_FIELDS = {
  role: 1,
  username: 1,
  name: 1,
  email: 1,
  phone: 1,
  address: 1,
  dateOfBirth: 1,
  joiningDate: 1,
  department: 1,
  employeeNumber: 1,
  rollNumber: 1,
  isActive: 1,
  createdAt: 1,
  updatedAt: 1,
} as const;

/**
 * The people list's projection: everything but the password hash and the internal keys (`toUserRecord` keeps
 * only the public fields). An exclusion, because the engine trims it more cheaply there: with `PUBLIC_FIELDS` a
 * page beside a row near the start of the list took 15 ms against 5 ms at 5,300 people.
 */
export const LIST_PROJECTION = {
  password: 0,
  usernameKey: 0,
  tokenVersion: 0,
  mustChangePassword: 0,
  __v: 0,
} as const;

/** The stored user as callers see it: never the password hash or the internal keys. */
export function toUserRecord(user: StoredUser): UserRecord {
  return {
    id: user._id.toString(),
    role: user.role as UserRecord['role'],
    username: user.username,
    name: user.name,
    email: user.email ?? undefined,
    phone: user.phone ?? undefined,
    address: user.address ?? undefined,
    dateOfBirth: user.dateOfBirth ?? undefined,
    joiningDate: user.joiningDate ?? undefined,
    department: user.department ?? undefined,
    employeeNumber: user.employeeNumber ?? undefined,
    rollNumber: user.rollNumber ?? undefined,
    isActive: user.isActive !== false,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export function usernameTaken(username: string): AppError {
  return new AppError('CONFLICT', `The username "${username}" is already used in this institution.`, {
    username: 'This username is taken.',
  });
}

function userNotFound(): AppError {
  return new AppError('NOT_FOUND', 'This person was not found.');
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * users.list. Admin: everyone, by role, active state, search and class (a class's people are its students, its
 * class teacher and the teachers who teach it in the timetable). Teacher: only students of the classes they
 * lead or teach; asking for teachers gives an empty page, a class that is not theirs is NOT_FOUND.
 */
export async function listUsers(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'users.list'>,
): Promise<Page<UserRecord>> {
  const handle = await tenantOf(deps, actor);
  const { models } = handle;
  const empty = { items: [], total: 0, page: input.page, pageSize: input.pageSize };
  const filter: QueryFilter<UserDoc> = {};

  if (actor.role === 'admin') {
    if (input.role !== undefined) filter.role = input.role;
    if (input.classId !== undefined) filter._id = { $in: await classMembers(models, input.classId) };
    if (input.grade !== undefined) {
      // Students of the grade's classes (with a class filter too: those of both).
      filter.role = 'student';
      const ofGrade = await studentIdsOf(
        models,
        (await models.Class.find({ grade: input.grade }, { _id: 1 }).lean()).map((c) => c._id),
      );
      const inClass = input.classId !== undefined ? await classMembers(models, input.classId) : null;
      filter._id = { $in: inClass ? ofGrade.filter((id) => inClass.some((c) => c.equals(id))) : ofGrade };
    }
    if (input.withoutClass) {
      filter.role = 'student';
      filter._id = { $nin: await models.Class.distinct('students') };
    }
  } else if (actor.role === 'teacher') {
    const mine = await classIdsTaughtBy(models, objectId(actor.userId, 'You'));
    let classIds = mine;
    if (input.classId !== undefined) {
      const classId = objectId(input.classId, 'The class');
      if (!mine.some((id) => id.equals(classId))) {
        throw new AppError('NOT_FOUND', 'The class was not found.', { classId: 'Not found.' });
      }
      classIds = [classId];
    }
    if (input.role === 'teacher') return empty;
    const students = await studentIdsOf(models, classIds);
    if (students.length === 0) return empty;
    filter.role = 'student';
    filter._id = { $in: students };
  } else {
    throw new AppError('FORBIDDEN', 'Students cannot list people.');
  }

  if (input.isActive !== undefined) filter.isActive = input.isActive ? { $ne: false } : false;
  if (input.search !== undefined) {
    filter.$or = [{ name: containsText(input.search) }, { username: containsText(input.search) }];
  }
  const { skip, limit } = pageOf(input);
  const boundary = input.after ?? input.before;
  const direction = input.before === undefined ? 1 : -1;
  // A page next to a row shown is a range from that row, not a skip over every row before it.
  const pageRead = models.User.find(boundary ? beside(filter, boundary, direction) : filter, LIST_PROJECTION)
    .sort({ name: direction, _id: direction })
    .skip(boundary ? 0 : skip)
    .limit(limit)
    .lean()
    .exec();
  const [users, total, classes] = await Promise.all([
    pageRead,
    models.User.countDocuments(filter),
    filter.role === 'teacher'
      ? new Map<string, ClassRef>()
      : classesOfStudents(handle, async () =>
          (await pageRead).filter((u) => u.role === 'student').map((u) => u._id),
        ),
  ]);
  if (direction === -1) users.reverse();
  return {
    items: users.map((u) => (u.role === 'student' ? withClass(toUserRecord(u), classes) : toUserRecord(u))),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/**
 * The rows of `filter` past `boundary` in the list's order (name, then id), forwards (1) or backwards (-1):
 * `{$or: [{name: {$gt: n}}, {name: n, _id: {$gt: id}}]}`, which the name index serves at any depth. (Written as
 * `{name: {$gte: n}, $or: …}` instead, PostgreSQL sorted every person for a page near the start: 24 ms
 * against 6 ms at 5,300 people.) A boundary from another filter is only a place in the order: it shows rows of
 * this one.
 */
function beside(
  filter: QueryFilter<UserDoc>,
  boundary: PeopleCursor,
  direction: 1 | -1,
): QueryFilter<UserDoc> {
  const id = objectId(boundary.id, 'The page boundary');
  const past = direction === 1 ? '$gt' : '$lt';
  const keyset = [{ name: { [past]: boundary.name } }, { name: boundary.name, _id: { [past]: id } }];
  const { $or: search, ...rest } = filter;
  return { ...rest, ...(search ? { $and: [{ $or: search }, { $or: keyset }] } : { $or: keyset }) };
}

type ClassRef = { id: string; name: string };

/** Per tenant connection: student id → their class (a student is in one class at most), and its generation. */
const keptRosters = new WeakMap<Connection, { generation: number; classOf: ReadonlyMap<string, ClassRef> }>();

/**
 * Which class each of the page's students is in. Where the station is the one writer (the reference generation
 * is defined: db/tenant/reference-generation.ts), every class's name and students are read once and kept until a
 * class's name, teacher or students are written: a page's own lookup (`students: {$in: page}`) took 10–12 ms at
 * 150 classes, after the page (the engine matches arrays in Go); reading them all takes 30 ms, once. A read that
 * a write overtook is kept under the generation it began with, so the next one reads afresh. Elsewhere (another
 * station may write) the page's own students are looked up at every call.
 */
async function classesOfStudents(
  handle: TenantHandle,
  page: () => Promise<readonly Types.ObjectId[]>,
): Promise<ReadonlyMap<string, ClassRef>> {
  const { conn, models } = handle;
  const generation = referenceGeneration(conn);
  const byClass = (found: ReadonlyArray<{ _id: Types.ObjectId; name: string; students: Types.ObjectId[] }>) =>
    new Map(
      found.flatMap((c) =>
        c.students.map((s) => [s.toString(), { id: c._id.toString(), name: c.name }] as const),
      ),
    );
  if (generation === undefined) {
    const ids = await page();
    if (ids.length === 0) return new Map();
    const wanted = new Set(ids.map(String));
    const found = await models.Class.find({ students: { $in: ids } }, { name: 1, students: 1 }).lean();
    return new Map([...byClass(found)].filter(([student]) => wanted.has(student)));
  }
  const kept = keptRosters.get(conn);
  if (kept?.generation === generation) return kept.classOf;
  const classOf = byClass(await models.Class.find({}, { name: 1, students: 1 }).lean());
  keptRosters.set(conn, { generation, classOf });
  return classOf;
}

function withClass(user: UserRecord, classes: ReadonlyMap<string, ClassRef>): UserRecord {
  const cls = classes.get(user.id);
  return cls ? { ...user, classId: cls.id, className: cls.name } : user;
}

/** Everyone in a class: its students, its class teacher and the teachers of its timetable entries. */
async function classMembers(models: TenantModels, id: string): Promise<Types.ObjectId[]> {
  const classId = objectId(id, 'The class');
  const found = await models.Class.findById(classId, { students: 1, teacherId: 1 }).lean();
  if (!found) throw new AppError('NOT_FOUND', 'The class was not found.', { classId: 'Not found.' });
  const timetabled = await models.Schedule.distinct('teacherId', { classId });
  return uniqueIds([...found.students, ...(found.teacherId ? [found.teacherId] : []), ...timetabled]);
}

/**
 * users.get. Admin: anyone; teacher: themselves and students of the classes they lead or teach; student:
 * themselves. Anyone else is NOT_FOUND, so ids leak nothing.
 */
export async function getUser(deps: ServiceDeps, actor: Actor, id: string): Promise<UserRecord> {
  const { models } = await tenantOf(deps, actor);
  const userId = objectId(id, 'This person');
  if (actor.role !== 'admin' && id !== actor.userId) {
    if (actor.role === 'student') throw userNotFound();
    const classIds = await classIdsTaughtBy(models, objectId(actor.userId, 'You'));
    const teachesThem =
      classIds.length > 0 &&
      (await models.Class.exists({ _id: { $in: classIds }, students: userId })) !== null;
    if (!teachesThem) throw userNotFound();
  }
  const user = await models.User.findById(userId, PUBLIC_FIELDS).lean();
  if (!user) throw userNotFound();
  return toUserRecord(user);
}

// ── Writing ─────────────────────────────────────────────────────────────────────────────────────────────────

export async function createUser(
  deps: ServiceDeps,
  actor: Actor,
  input: CreateUserInput,
): Promise<UserRecord> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const { username, usernameKey } = normalizeTenantUsername(input.username);
  if (await models.User.exists({ usernameKey })) throw usernameTaken(username);
  const password = await deps.passwords.hash(input.password);
  let created;
  try {
    created = await models.User.create({ ...input, username, usernameKey, password });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw usernameTaken(username);
    throw err;
  }
  await deps.activity.record(actor, {
    action: 'CREATE',
    targetType: 'USER',
    targetId: created._id,
    targetName: username,
    details: { role: input.role },
  });
  return toUserRecord(created.toObject());
}

const CLEARABLE = [
  'email',
  'phone',
  'address',
  'dateOfBirth',
  'joiningDate',
  'department',
  'employeeNumber',
] as const;

/** Department and employee number are a teacher's; sending them for anyone else is a mistake worth saying. */
export function refuseTeacherOnlyFields(
  role: string,
  input: { department?: string | null | undefined; employeeNumber?: string | null | undefined },
): void {
  if (role === 'teacher') return;
  const fields: Record<string, string> = {};
  if (input.department !== undefined) fields.department = 'Only teachers have a department.';
  if (input.employeeNumber !== undefined) fields.employeeNumber = 'Only teachers have an employee number.';
  if (Object.keys(fields).length > 0) {
    throw new AppError('VALIDATION', 'Department and employee number are for teachers.', fields);
  }
}

/**
 * users.update. Absent keeps a field, null clears it. A new password (hashed on the worker pool) or
 * `isActive: false` raises the token version, which ends every session of that person.
 */
export async function updateUser(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'users.update'>,
): Promise<UserRecord> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const userId = objectId(input.id, 'This person');
  const current = await models.User.findById(userId, { username: 1, role: 1 }).lean();
  if (!current) throw userNotFound();
  refuseTeacherOnlyFields(current.role, input);

  const $set: Record<string, unknown> = {};
  const $unset: Record<string, 1> = {};
  let username = current.username;
  if (input.username !== undefined) {
    const normalized = normalizeTenantUsername(input.username);
    if (await models.User.exists({ _id: { $ne: userId }, usernameKey: normalized.usernameKey })) {
      throw usernameTaken(normalized.username);
    }
    ({ username } = normalized);
    Object.assign($set, normalized);
  }
  if (input.name !== undefined) $set.name = input.name;
  for (const key of CLEARABLE) {
    const value = input[key];
    if (value === null) $unset[key] = 1;
    else if (value !== undefined) $set[key] = value;
  }
  if (input.isActive !== undefined) $set.isActive = input.isActive;
  if (input.password !== undefined) $set.password = await deps.passwords.hash(input.password);
  const endSessions = input.password !== undefined || input.isActive === false;

  const update = {
    ...(Object.keys($set).length > 0 ? { $set } : {}),
    ...(Object.keys($unset).length > 0 ? { $unset } : {}),
    ...(endSessions ? { $inc: { tokenVersion: 1 } } : {}),
  };
  // updateOne, then a read: findOneAndUpdate would project away the `select: false` password, and the embedded
  // engine refuses a projection on findAndModify.
  try {
    const result = await models.User.updateOne({ _id: userId }, update, { runValidators: true });
    if (result.matchedCount === 0) throw userNotFound();
  } catch (err) {
    if (isDuplicateKeyError(err)) throw usernameTaken(username);
    throw err;
  }
  const updated = await models.User.findById(userId, PUBLIC_FIELDS).lean();
  if (!updated) throw userNotFound();

  const fields = Object.keys(input).filter((key) => key !== 'id' && key !== 'password');
  await deps.activity.record(actor, {
    action: 'UPDATE',
    targetType: 'USER',
    targetId: userId,
    targetName: updated.username,
    // Never the password: only that it was reset.
    details: {
      fields,
      ...(input.password !== undefined ? { passwordReset: true } : {}),
      ...(input.isActive === false ? { deactivated: true } : {}),
      ...(endSessions ? { sessionsEnded: true } : {}),
    },
  });
  if (endSessions) sessionsChanged(deps, actor.databaseName, userId.toString());
  return toUserRecord(updated);
}

/**
 * Deletes a teacher or student and the references to them: class enrolment, class teacher, timetable entries
 * and subject assignments. References go first, so an interruption leaves a user without references, never
 * references to a missing user.
 */
export async function deleteUser(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const userId = objectId(id, 'This person');
  const user = await models.User.findById(userId).lean();
  if (!user) throw userNotFound();

  await deps.db.consistently(async (session) => {
    await models.Class.updateMany({ students: userId }, { $pull: { students: userId } }, { session });
    await models.Class.updateMany({ teacherId: userId }, { $unset: { teacherId: 1 } }, { session });
    await models.Schedule.deleteMany({ teacherId: userId }, { session });
    await models.Subject.updateMany({ teacherId: userId }, { $unset: { teacherId: 1 } }, { session });
    await models.User.deleteOne({ _id: userId }, { session });
  });
  await deps.activity.record(actor, {
    action: 'DELETE',
    targetType: 'USER',
    targetId: userId,
    targetName: user.username,
    details: { role: user.role },
  });
  sessionsChanged(deps, actor.databaseName, userId.toString());
}

// ── CSV import ──────────────────────────────────────────────────────────────────────────────────────────────

/** One record of a CSV file: its cells, and the line it starts on (the header is line 1). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes (a quote inside one written twice), line
 * breaks CRLF, LF or CR, and line breaks allowed inside quoted fields. A leading byte-order mark (Excel's "CSV
 * UTF-8") is skipped. A quote in the middle of an unquoted field is kept as written; text after a closing quote
 * and a quote never closed are refused with the line.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field was quoted and has been closed
  let line = 1;
  let recordLine = 1;
  const malformed = (message: string) =>
    new AppError('VALIDATION', `Line ${line} of the file: ${message}`, { csv: `Line ${line}: ${message}` });

  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line += 1;
        field += ch;
      }
    } else if (ch === ',') {
      cells.push(field);
      field = '';
      wasQuoted = false;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      cells.push(field);
      records.push({ line: recordLine, cells });
      cells = [];
      field = '';
      wasQuoted = false;
      line += 1;
      recordLine = line;
    } else if (wasQuoted) {
      // Spaces after a closing quote are harmless; anything else means the quoting is broken.
      if (ch !== ' ' && ch !== '\t') throw malformed('unexpected text after a closing quote.');
    } else if (ch === '"' && field === '') {
      quoted = true;
      wasQuoted = true;
    } else {
      field += ch;
    }
  }
  if (quoted) throw malformed('a quoted field is never closed.');
  if (field !== '' || wasQuoted || cells.length > 0) {
    cells.push(field);
    records.push({ line: recordLine, cells });
  }
  return records;
}

type ImportColumn = (typeof CSV_IMPORT_LIMITS.columns)[number];
type ReportRow = ImportReport['rows'][number];

/**
 * Header row mapping: the first non-blank record names the columns. Names are matched ignoring case, spaces,
 * underscores and hyphens ("Date of birth", "date_of_birth" and "dateOfBirth" are one column), in any order.
 * The columns are those of CSV_IMPORT_LIMITS.columns: username, password and name are required, email, phone,
 * address, dateOfBirth and joiningDate (dates as YYYY-MM-DD) optional. An unknown or repeated column refuses the
 * whole file, so a misspelt "e-mail address" column is not silently dropped.
 */
function mapHeader(header: CsvRecord): Array<ImportColumn> {
  const byKey = new Map<string, ImportColumn>(CSV_IMPORT_LIMITS.columns.map((c) => [columnKey(c), c]));
  const columns: ImportColumn[] = [];
  for (const cell of header.cells) {
    const column = byKey.get(columnKey(cell));
    const refuse = (message: string) =>
      new AppError('VALIDATION', message, { csv: `Line ${header.line}: ${message}` });
    if (column === undefined) {
      throw refuse(
        `The header has an unknown column "${cell.trim().slice(0, 40)}". ` +
          `The columns are: ${CSV_IMPORT_LIMITS.columns.join(', ')}.`,
      );
    }
    if (columns.includes(column)) throw refuse(`The header names the column "${column}" twice.`);
    columns.push(column);
  }
  const missing = CSV_IMPORT_LIMITS.requiredColumns.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new AppError('VALIDATION', `The header needs the columns ${missing.join(', ')}.`, {
      csv: `Line ${header.line}: missing ${missing.join(', ')}.`,
    });
  }
  return columns;
}

function columnKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

const REQUIRED_COLUMNS: ReadonlySet<string> = new Set(CSV_IMPORT_LIMITS.requiredColumns);

interface CheckedRow {
  report: ReportRow;
  usernameKey?: string;
  value?: z.output<typeof importRowSchema>;
}

/** One data record checked against the contract's row schema; errors are keyed by column. */
function checkRow(record: CsvRecord, columns: readonly ImportColumn[]): CheckedRow {
  const fields: Record<string, string> = {};
  columns.forEach((column, index) => {
    const cell = record.cells[index] ?? '';
    // Empty optional cells are "not given" (a date cell cannot be ""); empty required cells stay "" so the
    // schema answers "Required." rather than a type error.
    if (cell.trim() !== '' || REQUIRED_COLUMNS.has(column)) fields[column] = cell;
  });
  const errors: Record<string, string> = {};
  const extra = record.cells.slice(columns.length).filter((cell) => cell.trim() !== '');
  if (extra.length > 0)
    errors._ = `This row has ${record.cells.length} cells; the header has ${columns.length}.`;

  const parsed = importRowSchema.safeParse(fields);
  const rawUsername = fields.username?.normalize('NFC').trim().slice(0, 64);
  const report: ReportRow = {
    line: record.line,
    status: 'valid',
    ...(rawUsername ? { username: rawUsername } : {}),
  };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = typeof issue.path[0] === 'string' ? issue.path[0] : '_';
      errors[key] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0) Object.assign(report, { status: 'invalid', errors });
  const usernameKey =
    errors.username === undefined && rawUsername ? tenantUsernameKey(rawUsername) : undefined;
  return { report, usernameKey, value: parsed.success && !errors._ ? parsed.data : undefined };
}

function markInvalid(row: CheckedRow, column: string, message: string): void {
  row.report.status = 'invalid';
  row.report.errors = { ...row.report.errors, [column]: message };
  delete row.value;
}

/** Which of these username keys the institution already has. */
async function takenKeys(models: TenantModels, keys: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const users = await models.User.find({ usernameKey: { $in: chunk } }, { usernameKey: 1 }).lean();
    for (const u of users) taken.add(u.usernameKey);
  }
  return taken;
}

export interface ImportUsersInput {
  role: 'teacher' | 'student';
  csv: string;
  dryRun?: boolean | undefined;
}

/** Test hook: runs after the checks and hashing, just before the accounts are written. */
export interface ImportHooks {
  beforeInsert?: () => Promise<void>;
}

/**
 * users.import. Every row is checked (the contract's row schema, usernames unique in the file and in the
 * institution) before anything is written; then the passwords are hashed on the worker pool in parallel and all
 * accounts written in one insertMany. If the write fails part-way, the accounts already written are deleted
 * again (or the transaction rolls back), so the file is imported whole or not at all.
 */
export async function importUsers(
  deps: ServiceDeps,
  actor: Actor,
  input: ImportUsersInput,
  hooks: ImportHooks = {},
): Promise<ImportReport> {
  requireAdmin(actor);
  const { models } = await tenantOf(deps, actor);
  const records = parseCsv(input.csv).filter((r) => r.cells.some((cell) => cell.trim() !== ''));
  const [header, ...data] = records;
  if (header === undefined)
    throw new AppError('VALIDATION', 'The file is empty.', { csv: 'The file is empty.' });
  const columns = mapHeader(header);
  if (data.length === 0) {
    throw new AppError('VALIDATION', 'The file has no rows under its header.', { csv: 'No rows.' });
  }
  if (data.length > CSV_IMPORT_LIMITS.maxRows) {
    const message = `A file may have at most ${CSV_IMPORT_LIMITS.maxRows} rows; this one has ${data.length}.`;
    throw new AppError('VALIDATION', message, { csv: message });
  }

  const rows = data.map((record) => checkRow(record, columns));
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    if (row.usernameKey === undefined) continue;
    const first = firstLine.get(row.usernameKey);
    if (first === undefined) firstLine.set(row.usernameKey, row.report.line);
    else markInvalid(row, 'username', `The same username is on line ${first}.`);
  }
  const taken = await takenKeys(models, [...firstLine.keys()]);
  for (const row of rows) {
    if (row.usernameKey !== undefined && taken.has(row.usernameKey) && !row.report.errors?.username) {
      markInvalid(row, 'username', 'This username is taken.');
    }
  }
  const report = (): ImportReport => ({ imported: false, created: 0, rows: rows.map((r) => r.report) });
  if (rows.some((r) => r.report.status === 'invalid') || input.dryRun === true) return report();

  const hashes = await Promise.all(rows.map((r) => deps.passwords.hash(r.value!.password)));
  const docs = rows.map((row, i) => {
    const { username, password: _plain, ...rest } = row.value!;
    return {
      ...rest,
      _id: new Types.ObjectId(),
      role: input.role,
      username,
      usernameKey: row.usernameKey!,
      password: hashes[i]!,
    };
  });
  const ids = docs.map((d) => d._id);
  await hooks.beforeInsert?.();
  try {
    await deps.db.consistently(
      async (session) => {
        await models.User.insertMany(docs, { ordered: true, session });
      },
      async () => {
        await models.User.deleteMany({ _id: { $in: ids } });
      },
    );
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    // Someone created one of these usernames meanwhile: nothing was kept; say which rows.
    const nowTaken = await takenKeys(models, [...firstLine.keys()]);
    for (const row of rows) {
      if (nowTaken.has(row.usernameKey!)) markInvalid(row, 'username', 'This username is taken.');
    }
    if (!rows.some((r) => r.report.status === 'invalid')) {
      throw new AppError(
        'CONFLICT',
        'The accounts changed while the file was imported; nothing was imported. Try again.',
      );
    }
    return report();
  }

  await deps.activity.record(actor, {
    action: 'CREATE',
    targetType: 'USER',
    targetName: `${docs.length} ${input.role}s (CSV import)`,
    details: { import: true, role: input.role, count: docs.length, ids: ids.map(String) },
  });
  return {
    imported: true,
    created: docs.length,
    rows: rows.map((row, i) => ({ ...row.report, status: 'created', id: ids[i]!.toString() })),
  };
}
