/**
 * Domain constants and rules that the contract, the services and the renderer share, so a form, the API and
 * the database agree on every limit. Plain TypeScript: no zod here, the contract builds its schemas from these.
 */

/** The seed's `day` strings. Schools mostly teach Monday–Saturday, but some run Sunday classes. */
export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Periods of a school day (the seed: 1–10). */
export const PERIOD_MIN = 1;
export const PERIOD_MAX = 10;
export const PERIODS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** Class and subject grades (the seed: 1–12). */
export const GRADE_MIN = 1;
export const GRADE_MAX = 12;
export const GRADES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

// ── Time slots ──────────────────────────────────────────────────────────────────────────────────────────────

/**
 * `H:MM-HH:MM` or `HH:MM-HH:MM`, 24-hour clock. The original system writes "9:00-9:30", so a one-digit hour is
 * accepted. A regular expression cannot say "start before end": use `isValidTimeSlot` for the whole rule.
 */
export const TIME_SLOT_PATTERN = /^([01]?\d|2[0-3]):([0-5]\d)-([01]?\d|2[0-3]):([0-5]\d)$/;
export const TIME_SLOT_MESSAGE =
  'Use HH:MM-HH:MM on a 24-hour clock, ending after it starts (e.g. 9:00-9:45).';

/** Minutes since midnight of both ends, or null when the text is not a slot. */
export function parseTimeSlot(slot: string): { start: number; end: number } | null {
  const m = TIME_SLOT_PATTERN.exec(slot);
  if (!m) return null;
  const [, h1, m1, h2, m2] = m.map(Number);
  if (h1 === undefined || m1 === undefined || h2 === undefined || m2 === undefined) return null;
  return { start: h1 * 60 + m1, end: h2 * 60 + m2 };
}

export function isValidTimeSlot(slot: string): boolean {
  const parsed = parseTimeSlot(slot);
  return parsed !== null && parsed.start < parsed.end;
}

// ── Usernames and passwords ─────────────────────────────────────────────────────────────────────────────────

/**
 * Admin usernames also name the institution and its database (`smart_crm_<lower-case username>_<time>`), so they
 * are restricted to what every engine and file system accepts. Case-insensitive: compare `adminUsernameKey`s.
 */
export const ADMIN_USERNAME_PATTERN = /^[A-Za-z0-9_]{3,32}$/;
export const ADMIN_USERNAME_MESSAGE = 'Use 3–32 letters, digits or underscores.';

export function adminUsernameKey(username: string): string {
  return username.trim().toLowerCase();
}

/** Control characters (C0, DEL, C1) and the Unicode line/paragraph separators: never inside a one-line value. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
/** The same, minus tab, line feed and carriage return: what multi-line text (messages, notes) may not hold. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTERS_EXCEPT_NEWLINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

/**
 * Characters that hide or reorder what a person sees: zero-width space, direction marks, embeddings,
 * overrides and isolates, word joiner and invisible operators, the byte-order mark. `homework<U+202E>fdp.exe`
 * shows as `homeworkexe.pdf`; `t1` + U+200B looks exactly like `t1`. Refused in names, titles, usernames and
 * file names.
 */
export const DECEPTIVE_CHARACTERS = /[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;
/** Zero-width non-joiner and joiner: needed inside words of Indic scripts and emoji sequences. */
const JOINER = /[\u200c\u200d]/u;
/** A joiner is legitimate only between two letters, marks or pictographs (never first, last or doubled). */
const JOINER_IN_PLACE =
  /(?<=[\p{L}\p{M}\p{Extended_Pictographic}])[\u200c\u200d](?=[\p{L}\p{M}\p{Extended_Pictographic}])/gu;
export const DECEPTIVE_MESSAGE =
  'Contains invisible or direction-changing characters (such as U+202E or U+200B) that can disguise it.';

/**
 * True when text would look like something it is not. Identifiers (usernames) allow no joiner at all; names
 * and titles allow one between letters (Malayalam, Hindi, emoji).
 */
export function isDeceptive(text: string, { identifier = false }: { identifier?: boolean } = {}): boolean {
  if (DECEPTIVE_CHARACTERS.test(text)) return true;
  if (!JOINER.test(text)) return false;
  return identifier || JOINER.test(text.replace(JOINER_IN_PLACE, ''));
}

/** Teacher and student usernames as schools write them (`Pratik sir`): trimmed, any script, no control characters. */
export const TENANT_USERNAME_RULES = {
  minLength: 1,
  maxLength: 64,
  message: 'Use 1–64 characters without control characters.',
} as const;

/**
 * The case-insensitive key a tenant username is unique by. NFKC folds compatibility look-alikes (full-width
 * `ｔ１`, ligatures, `é` typed two ways) into one name, so they are conflicts, not a second account.
 */
export function tenantUsernameKey(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

/** NFKC can lengthen a name (one ligature becomes up to 18 letters): the stored key's ceiling. */
export const USERNAME_KEY_MAX = 256;

/** The key as stored before it was NFKC: accounts made then are still found by it. */
export function legacyTenantUsernameKey(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}

/**
 * New passwords. Login accepts any 1–72 characters, so a password set before a rule changed still signs in.
 * bcrypt reads at most 72 bytes; the hashing side deals with longer input.
 */
export const PASSWORD_RULES = {
  minLength: 8,
  maxLength: 72,
  /** bcrypt ignores everything after 72 bytes: a longer password would be partly unchecked. */
  maxBytes: 72,
  message: 'Use 8–72 characters with at least one letter and one digit.',
} as const;

export function isStrongEnoughPassword(password: string): boolean {
  return (
    password.length >= PASSWORD_RULES.minLength &&
    password.length <= PASSWORD_RULES.maxLength &&
    new TextEncoder().encode(password).length <= PASSWORD_RULES.maxBytes &&
    /\p{L}/u.test(password) &&
    /\p{Nd}/u.test(password)
  );
}

// ── Assignments, messages, calendar ─────────────────────────────────────────────────────────────────────────

/** What the database stores per submission (the seed). */
export const ASSIGNMENT_STATUSES = ['pending', 'submitted', 'graded'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** What people see: the stored status, or `overdue` when nothing was handed in by the due date. */
export const SUBMISSION_STATES = ['pending', 'submitted', 'graded', 'overdue'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

/** What a teacher decides about a submission, and the outcome stored for it. */
export const REVIEW_DECISIONS = ['accept', 'reject', 'reassign'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const REVIEW_OUTCOMES = ['accepted', 'rejected', 'reassigned'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];
export const OUTCOME_OF_DECISION: Readonly<Record<ReviewDecision, ReviewOutcome>> = {
  accept: 'accepted',
  reject: 'rejected',
  reassign: 'reassigned',
};

/** Assignment grades are scores out of 100. */
export const SCORE_MIN = 0;
export const SCORE_MAX = 100;
/** Grade distribution buckets: 0–9, 10–19, … 90–100 (100 falls in the last). */
export const SCORE_BUCKET_WIDTH = 10;
export const SCORE_BUCKET_COUNT = 10;
export function scoreBucketIndex(score: number): number {
  return Math.min(SCORE_BUCKET_COUNT - 1, Math.max(0, Math.floor(score / SCORE_BUCKET_WIDTH)));
}

export const MESSAGE_TYPES = ['text', 'audio'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const CALENDAR_TYPES = ['holiday', 'event'] as const;
export type CalendarType = (typeof CALENDAR_TYPES)[number];

// ── Attendance ──────────────────────────────────────────────────────────────────────────────────────────────

/** How a student is marked in a register; everyone starts present. */
export const ATTENDANCE_STATUSES = ['present', 'absent', 'late', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const ATTENDANCE_LIMITS = {
  /** Minutes late a mark may say (half a school day). */
  lateMinutesMax: 240,
  /** A parent's reason, as the office notes it. */
  reason: 200,
  /** Days one record, class view or export may span (a school year with its edges). */
  rangeDays: 400,
} as const;

/**
 * How the school takes attendance: one register per class a day (period 0), or one per lesson (periods 1–10,
 * the timetable's). Registers taken the other way before a change stay as they are and keep counting.
 */
export const ATTENDANCE_MODES = ['daily', 'period'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

/** A student's day: a mark's status, or `partial` when absent from some of the day's lessons but not all. */
export type DayStatus = AttendanceStatus | 'partial';

/**
 * A student's day from all their marks of that day (one in daily mode, one per lesson per period): excused
 * marks aside, all absent is an absent day, some absent a partial one, otherwise late if late to any, else
 * present; a day excused throughout is excused. Undefined without a mark.
 */
export function dayStatusOf(statuses: readonly AttendanceStatus[]): DayStatus | undefined {
  if (statuses.length === 0) return undefined;
  const counted = statuses.filter((s) => s !== 'excused');
  if (counted.length === 0) return 'excused';
  const absent = counted.filter((s) => s === 'absent').length;
  if (absent === counted.length) return 'absent';
  if (absent > 0) return 'partial';
  return counted.includes('late') ? 'late' : 'present';
}

/** The weekday of a `YYYY-MM-DD` school day (the calendar's, whatever the station's time zone). */
export function weekdayOfSchoolDay(day: string): Weekday {
  const sunday0 = new Date(`${day}T12:00:00.000Z`).getUTCDay();
  return WEEKDAYS[(sunday0 + 6) % 7] ?? 'Monday';
}

/** A school day as `YYYY-MM-DD`, in the school's own calendar (the station's time zone). */
export const SCHOOL_DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The school day a moment falls on, in the station's time zone. */
export function schoolDayOf(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * The attendance rate: lessons attended (present or late) of those that counted (present, late or absent).
 * Excused absences do not count against a student; null when nothing counted yet.
 */
export function attendanceRate(counts: Readonly<Record<AttendanceStatus, number>>): number | null {
  const counted = counts.present + counts.late + counts.absent;
  return counted === 0 ? null : (counts.present + counts.late) / counted;
}

// ── Text and page limits ────────────────────────────────────────────────────────────────────────────────────

/** Maximum lengths (characters) of free text; the database models use the same numbers. */
export const TEXT_LIMITS = {
  personName: 120,
  institutionName: 200,
  email: 254,
  phone: 32,
  address: 500,
  className: 100,
  section: 10,
  subjectName: 100,
  subjectCode: 20,
  subjectDescription: 2000,
  title: 200,
  description: 5000,
  message: 4000,
  note: 2000,
  feedback: 2000,
  noticeBody: 5000,
  search: 100,
  department: 100,
  employeeNumber: 32,
} as const;

/** A student's roll number within their class: 1–999. */
export const ROLL_NUMBER_MAX = 999;

export const PAGE_SIZE_DEFAULT = 25;
export const PAGE_SIZE_MAX = 100;
/** Deeper than this, page with a filter instead: the embedded engine does not push `skip` down. */
export const PAGE_MAX = 10_000;

/** Messages per page of a chat thread. */
export const THREAD_PAGE_DEFAULT = 50;
export const THREAD_PAGE_MAX = 100;

/** A class holds 1–500 students (40 when not said). */
export const CLASS_CAPACITY_MIN = 1;
export const CLASS_CAPACITY_MAX = 500;
export const CLASS_CAPACITY_DEFAULT = 40;

/** Bounds of list inputs, so one request cannot ask for unbounded work. */
export const LIST_LIMITS = {
  classIdsPerAssignment: 20,
  attachmentsPerAssignment: 10,
  filesPerSubmission: 10,
  studentsPerRequest: 200,
  subjectsPerClass: 30,
} as const;

/** CSV import of teachers or students: one request, every row valid or nothing imported. */
export const CSV_IMPORT_LIMITS = {
  maxChars: 1_000_000,
  maxRows: 2000,
  columns: ['username', 'password', 'name', 'email', 'phone', 'address', 'dateOfBirth', 'joiningDate'],
  requiredColumns: ['username', 'password', 'name'],
} as const;

/** The calendar answers at most about a year per request (a year view with its edges). */
export const CALENDAR_RANGE_MAX_DAYS = 400;
/** Years whose public holidays can be imported: the holiday tables' rules hold for these. */
export const HOLIDAY_YEAR_MIN = 2000;
export const HOLIDAY_YEAR_MAX = 2100;

/** Dates outside this range are typing mistakes, not school events or birthdays. */
export const DATE_MIN = new Date('1900-01-01T00:00:00.000Z');
export const DATE_MAX = new Date('2200-12-31T23:59:59.999Z');

// ── Files ───────────────────────────────────────────────────────────────────────────────────────────────────

export const FILE_PURPOSES = ['attachment', 'submission', 'audio'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

const MB = 1024 * 1024;

/** Documents teachers attach and students hand in. */
const DOCUMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'text/plain',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/zip',
] as const;

/** What MediaRecorder produces (Chromium: webm/Opus; Safari: mp4) and common recorder formats. */
const AUDIO_TYPES = ['audio/webm', 'audio/ogg', 'audio/mp4', 'audio/mpeg', 'audio/wav'] as const;

export interface FileLimit {
  /** How the message names these files: "Voice notes may be at most 5 MB." */
  readonly label: string;
  /** Base MIME types (lower case, without parameters such as `;codecs=opus`). */
  readonly mimeTypes: readonly string[];
  readonly maxBytes: number;
  /** Recordings only: the recorder stops here, and the API refuses a longer declared duration. */
  readonly maxDurationSeconds?: number;
}

export const FILE_LIMITS: Readonly<Record<FilePurpose, FileLimit>> = {
  attachment: { label: 'Attachments', mimeTypes: DOCUMENT_TYPES, maxBytes: 20 * MB },
  submission: { label: 'Submitted files', mimeTypes: DOCUMENT_TYPES, maxBytes: 20 * MB },
  audio: { label: 'Voice notes', mimeTypes: AUDIO_TYPES, maxBytes: 5 * MB, maxDurationSeconds: 300 },
};

/** `audio/webm;codecs=opus` → `audio/webm`. */
export function baseMimeType(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase();
}

export function isAllowedMimeType(purpose: FilePurpose, mimeType: string): boolean {
  return FILE_LIMITS[purpose].mimeTypes.includes(baseMimeType(mimeType));
}

/** "5 MB", "20 MB", "512 KB". */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Math.round((bytes / MB) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** File names travel to other people's disks: no path separators, no control characters. */
export const FILE_NAME_RULES = {
  minLength: 1,
  maxLength: 200,
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  forbidden: /[/\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/u,
  message: 'A file name is 1–200 characters without / \\ or control characters.',
} as const;

export function isValidFileName(name: string): boolean {
  return (
    name.length >= FILE_NAME_RULES.minLength &&
    name.length <= FILE_NAME_RULES.maxLength &&
    !FILE_NAME_RULES.forbidden.test(name) &&
    !isDeceptive(name) &&
    // "." and ".." name directories, not files.
    !/^\.+$/.test(name)
  );
}
