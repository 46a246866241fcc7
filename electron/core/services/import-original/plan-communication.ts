/**
 * The original's messages, calendar, notices and (seed-shaped) assignments. Files the original kept on its
 * server's disk (voice notes' `audioUrl`, attachments' paths) are not in a mongoexport: the records come
 * without them and the report says so.
 */
import { TEXT_LIMITS } from '../../../../shared/domain';
import type { PeopleIndex } from './plan-people';
import type { ReportBuilder } from './report';
import { boolOf, dateOf, idOf, idsOf, shown, textOf, type Doc } from './values';

/** Shown in place of a voice note whose recording stayed on the original server. */
export const MISSING_VOICE_NOTE = '🎤 Voice note (the recording was not moved from the original system)';

export function planMessages(docs: readonly Doc[], report: ReportBuilder, index: PeopleIndex): Doc[] {
  report.found('messages', docs.length);
  const known = (id: string | undefined) => id !== undefined && (index.users.has(id) || id === index.adminId);
  const ids = new Set<string>();
  const candidates: Doc[] = [];
  let missingAudio = 0;
  for (const doc of docs) {
    const id = idOf(doc._id);
    const senderId = idOf(doc.senderId);
    const receiverId = idOf(doc.receiverId);
    const timestamp = dateOf(doc.timestamp) ?? dateOf(doc.createdAt);
    const subject = `From ${senderId ? (index.users.get(senderId)?.name ?? 'someone') : 'someone'}`;
    if (!id || ids.has(id)) {
      report.skip('messages', id, subject, id ? 'The same _id appears twice.' : 'No usable _id.');
      continue;
    }
    if (!known(senderId) || !known(receiverId) || senderId === receiverId) {
      report.skip('messages', id, subject, 'Its sender or receiver was not imported.');
      continue;
    }
    if (!timestamp) {
      report.skip('messages', id, subject, 'No date.');
      continue;
    }
    const audio = (doc.type ?? doc.messageType) === 'audio' || typeof doc.audioUrl === 'string';
    let text = textOf(doc.message, TEXT_LIMITS.message)?.text;
    if (audio) {
      missingAudio += 1;
      // The recording is not in the export: the message stays in the thread as text saying so.
      text =
        text && !/^(audio|voice)( message| note)?$/i.test(text)
          ? `${MISSING_VOICE_NOTE}: ${text}`
          : MISSING_VOICE_NOTE;
      text = text.slice(0, TEXT_LIMITS.message);
    }
    if (!text) {
      report.skip('messages', id, subject, 'An empty message.');
      continue;
    }
    ids.add(id);
    const replyTo = idOf(
      typeof doc.replyTo === 'object' && doc.replyTo !== null && !idOf(doc.replyTo)
        ? (doc.replyTo as Doc).messageId
        : doc.replyTo,
    );
    candidates.push({
      _id: id,
      senderId,
      receiverId,
      message: text,
      messageType: 'text',
      isRead: boolOf(doc.isRead, false),
      timestamp,
      ...(replyTo ? { replyTo } : {}),
    });
  }
  // A reply to a message that was not imported keeps its text but loses the link.
  for (const message of candidates) {
    const replyTo = message.replyTo as string | undefined;
    if (replyTo && !ids.has(replyTo)) {
      delete message.replyTo;
      report.fix(
        'messages',
        message._id as string,
        'A reply',
        'The message it replied to was not imported: shown as a plain message.',
      );
    }
  }
  if (missingAudio > 0) {
    report.note({
      kind: 'fixed',
      collection: 'messages',
      subject: 'Voice notes',
      message: `${missingAudio} voice note${missingAudio === 1 ? '' : 's'}: the recordings (audioUrl) stayed on the original server and are not in the export, so each is kept as a text message saying so.`,
    });
  }
  report.created('messages', candidates.length);
  return candidates;
}

const HOLIDAY_TYPES = new Set([
  'holiday',
  'national_holiday',
  'custom_holiday',
  'public_holiday',
  'school_holiday',
]);
const EVENT_TYPES = new Set(['event', 'academic_event', 'special_event', 'exam', 'meeting']);

export function planCalendar(
  collection: string,
  docs: readonly Doc[],
  report: ReportBuilder,
  index: PeopleIndex,
): Doc[] {
  report.found(collection, docs.length);
  const out: Doc[] = [];
  const mapped = new Map<string, string>();
  for (const doc of docs) {
    const id = idOf(doc._id);
    const title = textOf(doc.title, TEXT_LIMITS.title)?.text;
    const date = dateOf(doc.date);
    if (!id || !title || !date) {
      report.skip(
        collection,
        id,
        title ?? 'An event',
        !title ? 'No title.' : !date ? 'No date.' : 'No usable _id.',
      );
      continue;
    }
    const original = typeof doc.type === 'string' ? doc.type : '';
    let type: 'holiday' | 'event';
    if (HOLIDAY_TYPES.has(original) || (original === '' && doc.isHoliday === true)) type = 'holiday';
    else if (EVENT_TYPES.has(original)) type = 'event';
    else {
      type = 'event';
      report.fix(collection, id, title, `Unknown type ${shown(doc.type)}: kept as an event.`);
    }
    if (original !== type && (HOLIDAY_TYPES.has(original) || EVENT_TYPES.has(original))) {
      mapped.set(original, type);
    }
    out.push({
      _id: id,
      title,
      description: textOf(doc.description, TEXT_LIMITS.description)?.text ?? '',
      date,
      type,
      isHoliday: type === 'holiday',
      createdBy: idOf(doc.createdBy) ?? index.adminId,
      ...(dateOf(doc.createdAt) ? { createdAt: dateOf(doc.createdAt) } : {}),
    });
    report.created(collection);
  }
  for (const [from, to] of mapped) {
    report.map(collection, undefined, from, `Calendar type "${from}" becomes "${to}".`);
  }
  return out;
}

/** The notices, and their read marks as `noticereads` documents (kept apart from the notice, as the app does). */
export function planNotices(
  docs: readonly Doc[],
  report: ReportBuilder,
  index: PeopleIndex,
): { notices: Doc[]; reads: Doc[] } {
  report.found('notices', docs.length);
  const out: Doc[] = [];
  const reads: Doc[] = [];
  for (const doc of docs) {
    const id = idOf(doc._id);
    const title = textOf(doc.title, TEXT_LIMITS.title)?.text;
    const body = textOf(doc.content ?? doc.body, TEXT_LIMITS.noticeBody)?.text;
    if (!id || !title || !body) {
      report.skip(
        'notices',
        id,
        title ?? 'A notice',
        !title ? 'No title.' : !body ? 'No text.' : 'No usable _id.',
      );
      continue;
    }
    const roles = Array.isArray(doc.targetRoles ?? doc.audience)
      ? ((doc.targetRoles ?? doc.audience) as unknown[])
      : [];
    let audience = [
      ...new Set(roles.filter((r): r is 'teacher' | 'student' => r === 'teacher' || r === 'student')),
    ];
    if (audience.length === 0) {
      audience = ['teacher', 'student'];
      report.fix('notices', id, title, 'No audience: addressed to teachers and students.');
    }
    // The original's `isRead` is a map of user id → true; ours lists the readers.
    const readMap: unknown =
      doc.isRead instanceof Map ? Object.fromEntries(doc.isRead as Map<string, unknown>) : doc.isRead;
    const readBy =
      typeof readMap === 'object' && readMap !== null
        ? Object.entries(readMap as Record<string, unknown>)
            .filter(
              ([userId, read]) => read === true && (index.users.has(userId) || userId === index.adminId),
            )
            .map(([userId]) => userId)
        : idsOf(doc.readBy).ids.filter((u) => index.users.has(u));
    out.push({
      _id: id,
      title,
      body,
      audience,
      createdBy: index.adminId,
      ...(dateOf(doc.createdAt) ? { createdAt: dateOf(doc.createdAt) } : {}),
    });
    for (const userId of new Set(readBy)) reads.push({ noticeId: id, userId });
    report.created('notices');
  }
  return { notices: out, reads };
}

const SUBMISSION_STATUSES = new Set(['pending', 'submitted', 'graded']);

/** The seed's assignment shape (the original web system never stored assignments, so this is usually empty). */
export function planAssignments(docs: readonly Doc[], report: ReportBuilder, index: PeopleIndex): Doc[] {
  report.found('assignments', docs.length);
  const out: Doc[] = [];
  let files = 0;
  for (const doc of docs) {
    const id = idOf(doc._id);
    const title = textOf(doc.title, TEXT_LIMITS.title)?.text;
    const teacherId = idOf(doc.teacherId);
    const dueDate = dateOf(doc.dueDate);
    if (!id || !title || !dueDate || !teacherId || index.users.get(teacherId)?.role !== 'teacher') {
      report.skip(
        'assignments',
        id,
        title ?? 'An assignment',
        !title ? 'No title.' : !dueDate ? 'No due date.' : 'Its teacher is not an imported teacher.',
      );
      continue;
    }
    const classIds = [
      ...new Set([...idsOf(doc.classIds).ids, ...(idOf(doc.classId) ? [idOf(doc.classId) as string] : [])]),
    ].filter((c) => index.classes.has(c));
    files += Array.isArray(doc.attachments) ? doc.attachments.length : 0;
    const submissions: Doc[] = [];
    for (const raw of Array.isArray(doc.submissions) ? (doc.submissions as unknown[]) : []) {
      if (typeof raw !== 'object' || raw === null) continue;
      const s = raw as Doc;
      const studentId = idOf(s.studentId);
      if (!studentId || index.users.get(studentId)?.role !== 'student') continue;
      files += Array.isArray(s.files) ? s.files.length : 0;
      const status =
        typeof s.status === 'string' && SUBMISSION_STATUSES.has(s.status) ? s.status : 'submitted';
      const grade = typeof s.grade === 'number' && s.grade >= 0 && s.grade <= 100 ? s.grade : undefined;
      submissions.push({
        studentId,
        status: grade !== undefined ? 'graded' : status,
        files: [],
        ...(dateOf(s.submittedAt) ? { submittedAt: dateOf(s.submittedAt) } : {}),
        ...(grade !== undefined ? { grade, isAccepted: true, outcome: 'accepted' } : {}),
        ...(textOf(s.feedback, TEXT_LIMITS.feedback)
          ? { feedback: textOf(s.feedback, TEXT_LIMITS.feedback)?.text }
          : {}),
      });
    }
    out.push({
      _id: id,
      title,
      description: textOf(doc.description, TEXT_LIMITS.description)?.text ?? '',
      teacherId,
      classIds,
      dueDate,
      attachments: [],
      submissions,
      ...(dateOf(doc.createdAt) ? { createdAt: dateOf(doc.createdAt) } : {}),
    });
    report.created('assignments');
  }
  if (files > 0) {
    report.note({
      kind: 'dropped',
      collection: 'assignments',
      subject: 'Files',
      message: `${files} attached or handed-in file${files === 1 ? '' : 's'} stayed on the original server (only their paths are in the export).`,
    });
  }
  return out;
}
