/**
 * The original's people and classes in our shapes: the institution's admin from the master registry, teachers
 * and students from the school's `users`, classes with parsed grades, sections and one class per student.
 */
import {
  ADMIN_USERNAME_PATTERN,
  CLASS_CAPACITY_DEFAULT,
  CLASS_CAPACITY_MAX,
  CONTROL_CHARACTERS,
  DECEPTIVE_CHARACTERS,
  TENANT_USERNAME_RULES,
  TEXT_LIMITS,
  tenantUsernameKey,
} from '../../../../shared/domain';
import { isBcryptHash } from '../../security/passwords';
import type { ReportBuilder } from './report';
import { boolOf, dateOf, gradeOf, idOf, idsOf, shown, textOf, type Doc } from './values';

/** Fields of the original's users we have no place for. */
const USER_FIELDS_NOT_KEPT = ['class', 'rollNumber', 'department', 'employeeId', 'lastLogin'] as const;

export interface PlannedAdmin {
  _id: string;
  username: string;
  originalUsername: string;
  password: string;
  name: string;
  institutionName: string;
  createdAt?: Date | undefined;
}

export interface PeopleIndex {
  adminId: string;
  /** Imported tenant users by original id. */
  users: Map<string, { role: 'teacher' | 'student'; username: string; name: string }>;
  /** Imported classes by original id. */
  classes: Map<string, { grade: number; section: string; name: string; teacherId?: string | undefined }>;
  /** A student's own `classId` on the original (used when no class lists them). */
  classHints: Map<string, string>;
}

/** `Viva admin!` → `Viva_admin`: what our admin usernames allow (they also name the database). */
function adminUsernameFor(original: string): string {
  const cleaned = original
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 32);
  return cleaned.length >= 3 ? cleaned : `${cleaned}_admin`.slice(0, 32);
}

export function planAdmin(
  registry: readonly Doc[],
  tenantDatabase: string,
  report: ReportBuilder,
): PlannedAdmin | undefined {
  const entry = registry.find((d) => d.databaseName === tenantDatabase);
  if (!entry) {
    report.problem(
      `adminregistries has no admin whose databaseName is ${tenantDatabase}: export the master database ` +
        'of the same installation as the school.',
    );
    return undefined;
  }
  const id = idOf(entry._id);
  const original = typeof entry.username === 'string' ? entry.username.trim() : '';
  const password = typeof entry.password === 'string' ? entry.password : '';
  if (!id) report.problem("The school's admin in adminregistries has no usable _id.");
  if (!original) report.problem("The school's admin in adminregistries has no username.");
  // bcrypt as the original's bcryptjs wrote it (`$2a$10$…`): our sign-in verifies these as they are.
  if (!isBcryptHash(password)) {
    report.problem(
      "The school's admin in adminregistries has no bcrypt password hash ($2a$10$…), so nobody could sign in.",
    );
  }
  if (!id || !original) return undefined;
  const username = ADMIN_USERNAME_PATTERN.test(original) ? original : adminUsernameFor(original);
  if (username !== original) {
    report.map(
      'adminregistries',
      id,
      original,
      `Admin usernames here are 3–32 letters, digits or underscores: the admin signs in as "${username}".`,
    );
  }
  const institutionName =
    textOf(entry.institutionName, TEXT_LIMITS.institutionName)?.text ?? `${username}'s institution`;
  if (!textOf(entry.institutionName, TEXT_LIMITS.institutionName)) {
    report.fix('adminregistries', id, original, `No institution name: it is called "${institutionName}".`);
  }
  const name = textOf(entry.name, TEXT_LIMITS.personName)?.text ?? username;
  if (entry.isActive === false) {
    report.fix(
      'adminregistries',
      id,
      original,
      'Was deactivated on the original system; imported as active.',
    );
  }
  return {
    _id: id,
    username,
    originalUsername: original,
    password,
    name,
    institutionName,
    createdAt: dateOf(entry.createdAt),
  };
}

/** A username our rules accept: control and invisible characters removed, at most 64 characters. */
function usernameFor(original: string): string {
  const cleaned = [...original.normalize('NFC')]
    .filter(
      (ch) => !CONTROL_CHARACTERS.test(ch) && !DECEPTIVE_CHARACTERS.test(ch) && !/[\u200c\u200d]/u.test(ch),
    )
    .join('')
    .trim();
  return [...cleaned].slice(0, TENANT_USERNAME_RULES.maxLength).join('').trim();
}

/** `Raju`, then `Raju (2)` for the next account whose name differs only in case. */
function uniqueUsername(base: string, taken: Set<string>): string {
  let candidate = base;
  for (let n = 2; taken.has(tenantUsernameKey(candidate)); n += 1) {
    const suffix = ` (${n})`;
    candidate = `${[...base].slice(0, TENANT_USERNAME_RULES.maxLength - suffix.length).join('')}${suffix}`;
  }
  taken.add(tenantUsernameKey(candidate));
  return candidate;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+0-9 ()\-./]{3,}$/;

export function planUsers(docs: readonly Doc[], report: ReportBuilder, index: PeopleIndex): Doc[] {
  const out: Doc[] = [];
  const taken = new Set<string>();
  const notKept = new Map<string, number>();
  // Usernames such as "Pratik sir" are kept as they are; the report says so once.
  const spaced = { count: 0, example: '' };
  report.found('users', docs.length);
  for (const doc of docs) {
    const id = idOf(doc._id);
    const original = typeof doc.username === 'string' ? doc.username : '';
    const who = original.trim() || (id ?? 'a user');
    if (!id) {
      report.skip(
        'users',
        undefined,
        who,
        'No usable _id: classes and messages could not refer to this account.',
      );
      continue;
    }
    if (index.users.has(id) || id === index.adminId) {
      report.skip('users', id, who, 'The same _id appears twice; the first one is kept.');
      continue;
    }
    const role = doc.role;
    if (role === 'admin') {
      report.skip(
        'users',
        id,
        who,
        'An admin account inside the school: the office signs in as the institution admin.',
      );
      continue;
    }
    if (role !== 'teacher' && role !== 'student') {
      report.skip(
        'users',
        id,
        who,
        `Unknown role ${shown(role)}: only teachers and students are people here.`,
      );
      continue;
    }
    if (!isBcryptHash(doc.password)) {
      report.skip('users', id, who, 'No bcrypt password hash: this account could never sign in.');
      continue;
    }
    const cleaned = usernameFor(original);
    if (cleaned === '') {
      report.skip('users', id, who, 'No username: this account could never sign in.');
      continue;
    }
    const username = uniqueUsername(cleaned, taken);
    if (username === original && /\s|\p{Lu}/u.test(username)) {
      spaced.count += 1;
      spaced.example ||= username;
    }
    if (username !== original) {
      const why =
        cleaned !== original.trim()
          ? 'invisible characters removed or shortened to 64 characters'
          : 'another account has the same name in other letter case, and names here are case-insensitive';
      report.map('users', id, original, `Signs in as "${username}" (${why}).`);
    }
    const givenName = textOf(doc.name, TEXT_LIMITS.personName);
    const name = givenName?.text ?? [...username].slice(0, TEXT_LIMITS.personName).join('');
    if (!givenName)
      report.fix('users', id, username, `No name: shown as "${name}" until the office adds one.`);
    const user: Doc = {
      _id: id,
      username,
      usernameKey: tenantUsernameKey(username),
      password: doc.password,
      role,
      name,
      isActive: boolOf(doc.isActive, true),
      tokenVersion: 0,
    };
    const email = textOf(doc.email, TEXT_LIMITS.email)?.text.toLowerCase();
    if (email && EMAIL.test(email)) user.email = email;
    else if (email)
      report.fix('users', id, username, `Email ${shown(doc.email)} is not an address; left empty.`);
    const phone = textOf(doc.phone, TEXT_LIMITS.phone)?.text;
    if (phone && PHONE.test(phone)) user.phone = phone;
    else if (phone)
      report.fix('users', id, username, `Phone ${shown(doc.phone)} is not a number; left empty.`);
    const address = textOf(doc.address, TEXT_LIMITS.address)?.text;
    if (address) user.address = address;
    for (const field of ['dateOfBirth', 'joiningDate', 'createdAt', 'updatedAt'] as const) {
      const date = dateOf(doc[field]);
      if (date) user[field] = date;
    }
    for (const field of USER_FIELDS_NOT_KEPT) {
      if (doc[field] !== undefined && doc[field] !== null && doc[field] !== '') {
        notKept.set(field, (notKept.get(field) ?? 0) + 1);
      }
    }
    const classHint = idOf(doc.classId);
    if (role === 'student' && classHint) index.classHints.set(id, classHint);
    index.users.set(id, { role, username, name });
    report.created('users');
    out.push(user);
  }
  if (spaced.count > 0) {
    report.map(
      'users',
      undefined,
      'Usernames',
      `${spaced.count} username${spaced.count === 1 ? '' : 's'} with spaces or capitals (such as "${spaced.example}") stay as they are: names here may hold them, and sign-in ignores letter case.`,
    );
  }
  for (const [field, n] of notKept) {
    report.note({
      kind: 'dropped',
      collection: 'users',
      subject: field,
      message: `${n} account${n === 1 ? '' : 's'} had "${field}"; people here have no such field, so it is not kept.`,
    });
  }
  return out;
}

/** `A` → section A; `Class 10-B`, `10 B`, `10B` → section B; otherwise none. */
function sectionOf(name: string): { section: string; onlySection: boolean } | undefined {
  if (/^[A-Za-z]{1,2}$/.test(name)) return { section: name.toUpperCase(), onlySection: true };
  const m = /(?:^|[\s\d-])([A-Za-z]{1,2})$/.exec(name);
  return m?.[1] ? { section: m[1].toUpperCase(), onlySection: false } : undefined;
}

function freeSection(grade: number, taken: Set<string>): string | undefined {
  for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') if (!taken.has(`${grade}-${letter}`)) return letter;
  return undefined;
}

/**
 * Classes: grade parsed, a name that is only a section becomes "Class 9-A", a teacher who is not an imported
 * teacher is dropped, and each student stays in the first class listing them (here a student is in one class).
 */
export function planClasses(docs: readonly Doc[], report: ReportBuilder, index: PeopleIndex): Doc[] {
  const out: Doc[] = [];
  const sections = new Set<string>();
  const classOf = new Map<string, string>();
  report.found('classes', docs.length);
  const sorted = [...docs].sort(
    (a, b) => (dateOf(a.createdAt)?.getTime() ?? 0) - (dateOf(b.createdAt)?.getTime() ?? 0),
  );
  for (const doc of sorted) {
    const id = idOf(doc._id);
    const originalName = textOf(doc.name, TEXT_LIMITS.className)?.text;
    const label = `${originalName ?? 'A class'}${typeof doc.grade === 'string' ? ` (${doc.grade})` : ''}`;
    if (!id || index.classes.has(id)) {
      report.skip(
        'classes',
        id,
        label,
        id ? 'The same _id appears twice; the first one is kept.' : 'No usable _id.',
      );
      continue;
    }
    const grade = gradeOf(doc.grade);
    if (grade === undefined) {
      report.skip('classes', id, label, `Grade ${shown(doc.grade)} is not a grade from 1 to 12.`);
      continue;
    }
    const parsed = originalName ? sectionOf(originalName) : undefined;
    let section = parsed?.section;
    if (section !== undefined && sections.has(`${grade}-${section}`)) {
      const free = freeSection(grade, sections);
      report.fix(
        'classes',
        id,
        label,
        `Grade ${grade} already has section ${section}: this class becomes section ${free ?? '?'}.`,
      );
      section = free;
    } else if (section === undefined) {
      section = freeSection(grade, sections);
      report.fix('classes', id, label, `No section in its name: it becomes section ${section ?? '?'}.`);
    }
    if (section === undefined) {
      report.skip('classes', id, label, `Grade ${grade} has no free section letter left.`);
      continue;
    }
    sections.add(`${grade}-${section}`);
    const name =
      !originalName || parsed?.onlySection || parsed?.section !== section
        ? `Class ${grade}-${section}`
        : originalName;
    if (name !== originalName) report.map('classes', id, label, `Named "${name}".`);

    const cls: Doc = { _id: id, name, grade, section, subjects: [] };
    const teacherId = idOf(doc.teacherId);
    if (teacherId && index.users.get(teacherId)?.role === 'teacher') cls.teacherId = teacherId;
    else if (doc.teacherId !== undefined && doc.teacherId !== null) {
      report.fix(
        'classes',
        id,
        name,
        'Its class teacher is not an imported teacher: the class has no class teacher for now.',
      );
    }
    const { ids, unreadable } = idsOf(doc.studentIds ?? doc.students);
    const students: string[] = [];
    let unknown = unreadable;
    for (const studentId of new Set(ids)) {
      const student = index.users.get(studentId);
      if (student?.role !== 'student') {
        unknown += 1;
        continue;
      }
      const first = classOf.get(studentId);
      if (first !== undefined) {
        report.fix(
          'classes',
          id,
          name,
          `${student.name} is also in ${index.classes.get(first)?.name ?? 'another class'}: a student belongs to one class here, so they stay there.`,
        );
        continue;
      }
      classOf.set(studentId, id);
      students.push(studentId);
    }
    if (unknown > 0) {
      report.fix(
        'classes',
        id,
        name,
        `${unknown} listed student${unknown === 1 ? ' is' : 's are'} not an imported student: left out.`,
      );
    }
    cls.students = students.slice(0, CLASS_CAPACITY_MAX);
    if (students.length > CLASS_CAPACITY_MAX) {
      report.fix(
        'classes',
        id,
        name,
        `Only the first ${CLASS_CAPACITY_MAX} students are kept: a class holds at most that many.`,
      );
    }
    cls.maxStudents = Math.max(CLASS_CAPACITY_DEFAULT, (cls.students as string[]).length);
    for (const field of ['createdAt', 'updatedAt'] as const) {
      const date = dateOf(doc[field]);
      if (date) cls[field] = date;
    }
    index.classes.set(id, { grade, section, name, teacherId: cls.teacherId as string | undefined });
    report.created('classes');
    out.push(cls);
  }
  // A student the classes do not list but whose own record names a class (the original's user.classId).
  const byId = new Map(out.map((c) => [c._id as string, c]));
  for (const [userId, hint] of index.classHints) {
    const cls = byId.get(hint);
    const user = index.users.get(userId);
    if (!cls || !user || classOf.has(userId)) continue;
    const students = cls.students as string[];
    if (students.length >= CLASS_CAPACITY_MAX) continue;
    students.push(userId);
    cls.maxStudents = Math.max(cls.maxStudents as number, students.length);
    classOf.set(userId, cls._id as string);
    report.fix('classes', hint, cls.name as string, `${user.name} added: their own record names this class.`);
  }
  return out;
}
