/**
 * Uploads and downloads of the institution's files (GridFS): who may upload for which purpose, the limits per
 * purpose checked again here, the bytes checked against the declared type, and who may read a file back.
 * Also the checks other services make on file ids they are handed, and the clean-up of uploads nobody uses.
 */
import type { Types } from 'mongoose';
import type { ServiceInput } from '../../../shared/contract';
import type { z } from 'zod';
import { UPLOAD_ROLES, type FileDetails, type filesGet } from '../../../shared/contract/files';
import type { FileRef } from '../../../shared/contract/common';
import {
  FILE_LIMITS,
  DECEPTIVE_CHARACTERS,
  FILE_NAME_RULES,
  baseMimeType,
  formatBytes,
  isAllowedMimeType,
  type FilePurpose,
} from '../../../shared/domain';
import type { DatabaseManager, TenantHandle } from '../db/database-manager';
import {
  deleteFiles,
  filesById,
  findFiles,
  markReferenced,
  putFile,
  readFile,
  releaseReferences,
  unmarkedFilesBefore,
  type StoredFile,
} from '../db/files';
import { AppError } from '../errors/app-error';
import { classIdsOfStudent } from './classes';
import type { Actor, ServiceDeps } from './context';
import { objectId, tenantOf } from './tenant-access';

export type FileContent = z.input<(typeof filesGet)['output']>;

/** An upload that nothing references after this long is removed (the contract's "after a day"). */
export const UNREFERENCED_UPLOAD_TTL_MS = 24 * 3600 * 1000;

// ── Names and contents ─────────────────────────────────────────────────────────────────────────────────────

/** Characters Windows refuses in file names, besides the path separators and control characters. */
const WINDOWS_RESERVED = /[<>:"|?*]/gu;
const FORBIDDEN = new RegExp(FILE_NAME_RULES.forbidden.source, 'gu');
const DECEPTIVE = new RegExp(DECEPTIVE_CHARACTERS.source, 'gu');

/**
 * A name that is safe on the disk of whoever downloads it: separators, control and reserved characters become
 * `_`, surrounding dots and spaces go (no hidden or `..` names), at most 200 characters, the extension kept.
 */
export function sanitizeFileName(name: string): string {
  let clean = name
    .normalize('NFC')
    .replace(DECEPTIVE, '')
    .replace(FORBIDDEN, '_')
    .replace(WINDOWS_RESERVED, '_')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/gu, '');
  if (clean.length > FILE_NAME_RULES.maxLength) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
    clean = clean.slice(0, FILE_NAME_RULES.maxLength - ext.length).trimEnd() + ext;
  }
  return clean || 'file';
}

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.byteLength < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

/** Text in any common encoding: UTF-16 with its byte-order mark, or no NUL byte in the first 64 KB. */
function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true;
  return !bytes.subarray(0, 64 * 1024).includes(0);
}

const ZIP = (b: Uint8Array) =>
  startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]);

/** How each allowed type begins (Office and OpenDocument files are zip archives). */
const SIGNATURES: Readonly<Record<string, (bytes: Uint8Array) => boolean>> = {
  // Readers accept the marker anywhere in the first kilobyte (some generators put bytes before it).
  'application/pdf': (b) => Buffer.from(b.subarray(0, 1024)).includes('%PDF'),
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  'image/gif': (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')),
  'image/webp': (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8),
  'text/plain': looksLikeText,
  'text/csv': looksLikeText,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ZIP,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ZIP,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ZIP,
  'application/vnd.oasis.opendocument.text': ZIP,
  'application/vnd.oasis.opendocument.spreadsheet': ZIP,
  'application/vnd.oasis.opendocument.presentation': ZIP,
  'application/zip': ZIP,
  'audio/webm': (b) => startsWith(b, [0x1a, 0x45, 0xdf, 0xa3]),
  'audio/ogg': (b) => startsWith(b, ascii('OggS')),
  'audio/mp4': (b) => startsWith(b, ascii('ftyp'), 4),
  'audio/mpeg': (b) => startsWith(b, ascii('ID3')) || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0),
  'audio/wav': (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WAVE'), 8),
};

/** Whether the bytes begin as files of this type do; a type without a known signature passes. */
export function contentMatchesType(mimeType: string, bytes: Uint8Array): boolean {
  const check = SIGNATURES[baseMimeType(mimeType)];
  return check ? check(bytes) : true;
}

/** What an upload declares besides its bytes. */
export interface UploadDetails {
  purpose: FilePurpose;
  mimeType: string;
  durationSeconds?: number | undefined;
}

/**
 * The checks that need no bytes (the streamed upload makes them before reading any): the role may upload for
 * the purpose, the type is allowed for it, a duration only for recordings and within the limit.
 */
export function checkUploadDetails(actor: Actor, input: UploadDetails): void {
  if (!UPLOAD_ROLES[input.purpose].includes(actor.role)) {
    throw new AppError('FORBIDDEN', `A ${actor.role} cannot upload files for ${input.purpose}s.`, {
      purpose: 'Not allowed for your role.',
    });
  }
  const limit = FILE_LIMITS[input.purpose];
  const base = baseMimeType(input.mimeType);
  if (!isAllowedMimeType(input.purpose, input.mimeType)) {
    throw new AppError('VALIDATION', `${limit.label} may not be ${base} files.`, {
      mimeType: `Not allowed for ${limit.label.toLowerCase()}.`,
    });
  }
  if (input.durationSeconds !== undefined) {
    if (limit.maxDurationSeconds === undefined) {
      throw new AppError('VALIDATION', 'Only recordings have a duration.', {
        durationSeconds: 'Only recordings have a duration.',
      });
    }
    if (!(input.durationSeconds > 0) || input.durationSeconds > limit.maxDurationSeconds) {
      const message = `${limit.label} may be at most ${limit.maxDurationSeconds / 60} minutes long.`;
      throw new AppError('VALIDATION', message, { durationSeconds: message });
    }
  }
}

/** The size a purpose allows, as the error a too-large upload answers. */
export function tooLargeFor(purpose: FilePurpose): AppError {
  const limit = FILE_LIMITS[purpose];
  const message = `${limit.label} may be at most ${formatBytes(limit.maxBytes)}.`;
  return new AppError('TOO_LARGE', message, { data: message });
}

/** The bytes begin as the declared type's files do (the first 16 bytes suffice for every signature). */
export function checkContent(mimeType: string, head: Uint8Array): void {
  if (!contentMatchesType(mimeType, head)) {
    const base = baseMimeType(mimeType);
    throw new AppError('VALIDATION', `The file's contents are not ${base}.`, {
      data: `This is not a ${base} file.`,
    });
  }
}

/** The contract's per-purpose limits, again: the service must hold without the router in front of it. */
function checkLimits(actor: Actor, input: ServiceInput<'files.upload'>): void {
  checkUploadDetails(actor, input);
  if (input.data.byteLength === 0) {
    throw new AppError('VALIDATION', 'The file is empty.', { data: 'The file is empty.' });
  }
  if (input.data.byteLength > FILE_LIMITS[input.purpose].maxBytes) {
    const { message, fields } = tooLargeFor(input.purpose);
    throw new AppError('VALIDATION', message, fields);
  }
  checkContent(input.mimeType, input.data);
}

// ── Channels ───────────────────────────────────────────────────────────────────────────────────────────────

export function toFileRef(file: StoredFile): FileRef {
  return { id: file.id.toString(), name: file.name, mimeType: file.metadata.mimeType, size: file.size };
}

/** files.upload: teachers attachments, students submissions, everyone voice notes (UPLOAD_ROLES). */
export async function uploadFile(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'files.upload'>,
): Promise<FileRef> {
  checkLimits(actor, input);
  const handle = await tenantOf(deps, actor);
  const name = sanitizeFileName(input.name);
  const stored = await putFile(handle, name, input.data, {
    purpose: input.purpose,
    uploadedBy: objectId(actor.userId, 'You'),
    uploadedByRole: actor.role,
    ...(input.durationSeconds !== undefined ? { durationSeconds: input.durationSeconds } : {}),
    mimeType: input.mimeType.trim(),
    originalName: input.name,
  });
  await deps.activity.record(actor, {
    action: 'CREATE',
    targetType: 'FILE',
    targetId: stored.id,
    targetName: name,
    details: { purpose: input.purpose, size: stored.size, mimeType: stored.metadata.mimeType },
  });
  return toFileRef(stored);
}

function isUploader(file: StoredFile, actor: Actor): boolean {
  return file.metadata.uploadedByRole === actor.role && file.metadata.uploadedBy.toString() === actor.userId;
}

/** What the access check reads of an assignment a submitted file belongs to. */
interface SubmittedIn {
  submissions: Array<{ studentId: Types.ObjectId; files: string[] }>;
}

/**
 * Whether the actor may read a file they did not upload: an assignment's attachments for its teacher, the
 * students of its classes and the admin; a submission's files for that student, the assignment's teacher and
 * the admin; a voice note for its sender and receiver.
 */
async function maySee(handle: TenantHandle, actor: Actor, file: StoredFile): Promise<boolean> {
  const { models } = handle;
  const id = file.id.toString();
  const me = objectId(actor.userId, 'You');
  switch (file.metadata.purpose) {
    case 'attachment': {
      // A student's classes are read beside the assignments (one round trip, not two in a row).
      const [assignments, mine] = await Promise.all([
        models.Assignment.find({ attachments: id }, { teacherId: 1, classIds: 1 }).lean(),
        actor.role === 'student' ? classIdsOfStudent(models, me) : [],
      ]);
      if (actor.role === 'admin') return assignments.length > 0;
      if (actor.role === 'teacher') return assignments.some((a) => a.teacherId.equals(me));
      return assignments.some((a) => a.classIds.some((c) => mine.some((m) => m.equals(c))));
    }
    case 'submission': {
      // A hand-in's file is its student's own upload (requireOwnFiles), so its assignment is looked for where it
      // can be: among the teacher's own, or the work of the uploader's classes, rather than by a scan of every
      // assignment (65 ms at a year of data; 9–19 ms narrowed).
      const handedIn = { 'submissions.files': id };
      if (actor.role === 'teacher') {
        return (await models.Assignment.exists({ ...handedIn, teacherId: me })) !== null;
      }
      if (actor.role === 'admin') {
        const classes = await classIdsOfStudent(models, file.metadata.uploadedBy);
        if (
          classes.length > 0 &&
          (await models.Assignment.exists({ ...handedIn, classIds: { $in: classes } }))
        ) {
          return true;
        }
        // The student has left the class the work was set for: every assignment, as before.
        return (await models.Assignment.exists(handedIn)) !== null;
      }
      // Another student: only in their own hand-in, looked for in the work of their classes. (A hand-in's files
      // are its student's uploads, so its student is let in by isUploader before this.)
      const assignments = await models.Assignment.find(
        { ...handedIn, classIds: { $in: await classIdsOfStudent(models, me) } },
        { 'submissions.studentId': 1, 'submissions.files': 1 },
      ).lean<SubmittedIn[]>();
      return assignments.some((a) =>
        a.submissions.some((s) => s.studentId.equals(me) && s.files.includes(id)),
      );
    }
    case 'audio':
      return (
        (await models.Message.exists({
          filePath: id,
          messageType: 'audio',
          $or: [{ senderId: me }, { receiverId: me }],
        })) !== null
      );
  }
}

/**
 * The file with this id if the actor may read it (their own upload, or `maySee`); anything else is NOT_FOUND,
 * as if it did not exist. files.get, files.link and the station's GET /api/files/<id> all ask this.
 */
export async function readableFile(
  deps: ServiceDeps,
  actor: Actor,
  rawId: string,
): Promise<{ handle: TenantHandle; file: StoredFile }> {
  const handle = await tenantOf(deps, actor);
  const id = objectId(rawId, 'The file');
  const [file] = await findFiles(handle, { _id: id });
  if (!file || !(isUploader(file, actor) || (await maySee(handle, actor, file)))) {
    throw new AppError('NOT_FOUND', 'The file was not found.');
  }
  return { handle, file };
}

/** files.get: the bytes of a file the caller may see; anything else is NOT_FOUND, as if it did not exist. */
export async function getFile(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'files.get'>,
): Promise<FileContent> {
  const { handle, file } = await readableFile(deps, actor, input.id);
  const content = await readFile(handle, file);
  if (!content) throw new AppError('NOT_FOUND', 'The file was not found.');
  return { ...fileDetailsOf(file), data: content.data };
}

/** files.get's details of a stored file (also sent beside the bytes by the station's GET /api/files/<id>). */
export function fileDetailsOf(file: StoredFile): FileDetails {
  return {
    id: file.id.toString(),
    name: file.name,
    mimeType: file.metadata.mimeType,
    size: file.size,
    purpose: file.metadata.purpose,
    ...(file.metadata.durationSeconds !== undefined
      ? { durationSeconds: file.metadata.durationSeconds }
      : {}),
    createdAt: file.uploadDate,
  };
}

// ── For other services ─────────────────────────────────────────────────────────────────────────────────────

/**
 * The files with these ids, each uploaded by the actor for `purpose`, in the order given. Any other id — someone
 * else's upload, another purpose, another institution's id — is NOT_FOUND on `field`.
 */
export async function requireOwnFiles(
  handle: TenantHandle,
  actor: Actor,
  ids: readonly string[],
  purpose: FilePurpose,
  field: string,
): Promise<StoredFile[]> {
  if (ids.length === 0) return [];
  const found = await filesById(handle, ids);
  return ids.map((id) => {
    const file = found.get(id.toLowerCase());
    if (!file || file.metadata.purpose !== purpose || !isUploader(file, actor)) {
      throw new AppError('NOT_FOUND', `A file was not found among your ${purpose} uploads.`, {
        [field]: 'Upload the file again.',
      });
    }
    return file;
  });
}

/** File references for outputs, in the order of the ids; files that no longer exist are left out. */
export function fileRefsOf(files: ReadonlyMap<string, StoredFile>, ids: readonly string[]): FileRef[] {
  return ids.flatMap((id) => {
    const file = files.get(id);
    return file ? [toFileRef(file)] : [];
  });
}

/**
 * Files an assignment, a hand-in or a message now refers to (after that write), and files about to lose such a
 * reference (before it): the sweep of abandoned uploads checks only files not marked (db/files markReferenced).
 */
export { markReferenced, releaseReferences };

/** Of these ids, those an assignment or a message refers to. */
async function referencedIds(handle: TenantHandle, ids: readonly string[]): Promise<Set<string>> {
  const wanted = new Set(ids);
  const used = new Set<string>();
  if (wanted.size === 0) return used;
  const list = [...wanted];
  const { Assignment, Message } = handle.models;
  const [attached, submitted, voiced] = await Promise.all([
    Assignment.find({ attachments: { $in: list } }, { attachments: 1 }).lean(),
    Assignment.find({ 'submissions.files': { $in: list } }, { submissions: 1 }).lean(),
    Message.find({ filePath: { $in: list } }, { filePath: 1 }).lean(),
  ]);
  const mark = (id: string | null | undefined) => {
    if (id && wanted.has(id)) used.add(id);
  };
  attached.forEach((a) => a.attachments.forEach(mark));
  submitted.forEach((a) => a.submissions.forEach((s) => s.files.forEach(mark)));
  voiced.forEach((m) => mark(m.filePath));
  return used;
}

/**
 * Deletes those of these files that nothing refers to any more (call after the reference is gone). Returns how
 * many were deleted.
 */
export async function deleteUnreferencedFiles(handle: TenantHandle, ids: readonly string[]): Promise<number> {
  // Unmarked first: a file still referenced elsewhere is checked once more by the sweep and marked again.
  await releaseReferences(handle, ids);
  const used = await referencedIds(handle, ids);
  return deleteFiles(
    handle,
    ids.filter((id) => !used.has(id)),
  );
}

/**
 * Removes uploads older than `olderThanMs` that no assignment or message refers to: uploads abandoned before
 * being attached, handed in or sent, and files left behind by an interrupted delete. Returns how many.
 */
export async function pruneUnreferencedUploads(
  handle: TenantHandle,
  options: { olderThanMs?: number; now?: Date; batch?: number } = {},
): Promise<number> {
  const cutoff = new Date(
    (options.now ?? new Date()).getTime() - (options.olderThanMs ?? UNREFERENCED_UPLOAD_TTL_MS),
  );
  // Files once seen referenced are marked and not checked again (markReferenced in db/files).
  const old = (await unmarkedFilesBefore(handle, cutoff)).map((f) => f.id.toString());
  const batch = options.batch ?? 500;
  let removed = 0;
  for (let i = 0; i < old.length; i += batch) {
    const ids = old.slice(i, i + batch);
    const used = await referencedIds(handle, ids);
    await markReferenced(handle, [...used]);
    removed += await deleteFiles(
      handle,
      ids.filter((id) => !used.has(id)),
    );
  }
  return removed;
}

/** pruneUnreferencedUploads for every active institution (a scheduled job, like the log retention). */
export async function pruneUnreferencedUploadsEverywhere(
  db: DatabaseManager,
  now = new Date(),
): Promise<number> {
  const institutions = await db.masterModels.AdminRegistry.find(
    { state: 'active' },
    { databaseName: 1 },
  ).lean();
  let removed = 0;
  for (const { databaseName } of institutions) {
    removed += await pruneUnreferencedUploads(await db.tenant(databaseName), { now });
  }
  return removed;
}
