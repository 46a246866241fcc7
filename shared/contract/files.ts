/**
 * Files in the institution's GridFS: assignment attachments, submitted work and voice notes. Bytes travel as a
 * Uint8Array: natively over Electron IPC, and as EJSON `{"$binary": …}` over HTTP, which `EJSON.parse` turns into
 * a bson `Binary` (an object whose `buffer` holds the bytes), converted here.
 */
import { z } from 'zod';
import {
  FILE_LIMITS,
  DECEPTIVE_MESSAGE,
  FILE_NAME_RULES,
  FILE_PURPOSES,
  baseMimeType,
  formatBytes,
  isAllowedMimeType,
  isDeceptive,
  isValidFileName,
  type FileLimit,
  type FilePurpose,
} from '../domain';
import type { Role } from '../roles';
import { defineChannel } from './channel';
import { byId, count, objectId, fileRef, strictObject } from './common';

/** Who may upload for which purpose (the service answers FORBIDDEN otherwise). */
export const UPLOAD_ROLES: Readonly<Record<FilePurpose, readonly Role[]>> = {
  attachment: ['teacher'],
  submission: ['student'],
  audio: ['admin', 'teacher', 'student'],
};

/** The largest files.upload body the station reads (EJSON base64): larger files go through POST /api/files. */
export const RPC_UPLOAD_BODY_LIMIT = 512 * 1024;

/** The largest file of any purpose: a cheap first bound before the per-purpose check. */
const MAX_FILE_BYTES = Math.max(...FILE_PURPOSES.map((p) => FILE_LIMITS[p].maxBytes));

/**
 * Bytes from either transport: a Uint8Array (Node's Buffer is one), an ArrayBuffer, or a bson Binary (its
 * `buffer` holds the bytes, `position` how many are used).
 */
export const bytes = z
  .union(
    [
      z.instanceof(Uint8Array),
      z.instanceof(ArrayBuffer).transform((b) => new Uint8Array(b)),
      z
        .object({ buffer: z.instanceof(Uint8Array), position: z.number().int().nonnegative().optional() })
        .transform(({ buffer, position }) =>
          position !== undefined && position <= buffer.length ? buffer.subarray(0, position) : buffer,
        ),
    ],
    { error: 'must be the file’s bytes' },
  )
  .refine((b) => b.byteLength <= MAX_FILE_BYTES, `A file may be at most ${formatBytes(MAX_FILE_BYTES)}.`);

const fileName = z
  .string({ error: 'must be text' })
  .trim()
  .refine((s) => !isDeceptive(s), DECEPTIVE_MESSAGE)
  .refine(isValidFileName, FILE_NAME_RULES.message);

const mimeType = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, 'Required.')
  .max(100, 'At most 100 characters.')
  // type/subtype with optional parameters, as MediaRecorder reports them: `audio/webm;codecs=opus`.
  .regex(
    /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=("[\w.,+ -]*"|[\w.+-]+))*$/,
    'must be a MIME type such as application/pdf',
  );

interface UploadFacts {
  purpose: FilePurpose;
  mimeType: string;
  durationSeconds?: number | undefined;
}

/** The type must be one the purpose allows; answers the purpose's limits for the other checks. */
function checkType(v: UploadFacts, ctx: z.RefinementCtx): FileLimit {
  const limit = FILE_LIMITS[v.purpose];
  if (!isAllowedMimeType(v.purpose, v.mimeType)) {
    ctx.addIssue({
      code: 'custom',
      path: ['mimeType'],
      message: `${limit.label} may not be ${baseMimeType(v.mimeType)} files.`,
    });
  }
  return limit;
}

/** Only recordings have a duration; with `checkLength`, no longer than the purpose allows. */
function checkDuration(v: UploadFacts, ctx: z.RefinementCtx, limit: FileLimit, checkLength: boolean): void {
  if (v.durationSeconds === undefined) return;
  if (limit.maxDurationSeconds === undefined) {
    ctx.addIssue({ code: 'custom', path: ['durationSeconds'], message: 'Only recordings have a duration.' });
  } else if (checkLength && v.durationSeconds > limit.maxDurationSeconds) {
    ctx.addIssue({
      code: 'custom',
      path: ['durationSeconds'],
      message: `${limit.label} may be at most ${limit.maxDurationSeconds / 60} minutes long.`,
    });
  }
}

/**
 * What `POST /api/files` takes in its query beside the streamed bytes (the station's files route): the same
 * name, type, purpose and duration rules as files.upload; the size and the bytes' signature are checked while
 * the body streams in.
 */
export const fileUploadDetails = strictObject({
  name: fileName,
  mimeType,
  purpose: z.enum(FILE_PURPOSES),
  durationSeconds: z.coerce.number().positive().optional(),
  // The length is checked by the service once the recording is in (the query's number is the recorder's).
}).superRefine((v, ctx) => checkDuration(v, ctx, checkType(v, ctx), false));
export type FileUploadDetails = z.infer<typeof fileUploadDetails>;

// everyone signed in, for the purposes UPLOAD_ROLES gives their role. Type and size are checked here per
// purpose; the service also checks the bytes begin like the declared type (PDF, PNG, …). An upload nobody
// references (assignment, submission, message) is removed after a day.
export const filesUpload = defineChannel({
  name: 'files.upload',
  outbox: true,
  roles: ['admin', 'teacher', 'student'],
  // Over HTTP, files travel as files (POST /api/files, streamed); this channel stays for the desktop app's IPC,
  // which has no body limit, and small files over HTTP: a few hundred kB of base64 at most.
  maxBodyBytes: RPC_UPLOAD_BODY_LIMIT,
  input: strictObject({
    name: fileName,
    mimeType,
    data: bytes,
    purpose: z.enum(FILE_PURPOSES),
    /** Voice notes: the recording's length as the recorder measured it. */
    durationSeconds: z.number().positive().optional(),
  }).superRefine((v, ctx) => {
    const limit = checkType(v, ctx);
    if (v.data.byteLength === 0) {
      ctx.addIssue({ code: 'custom', path: ['data'], message: 'The file is empty.' });
    }
    if (v.data.byteLength > limit.maxBytes) {
      ctx.addIssue({
        code: 'custom',
        path: ['data'],
        message: `${limit.label} may be at most ${formatBytes(limit.maxBytes)}.`,
      });
    }
    checkDuration(v, ctx, limit, true);
  }),
  output: fileRef,
  summary:
    'Stores a file: teachers upload attachments, students submissions, everyone voice notes ' +
    '(limits per purpose in shared/domain.ts FILE_LIMITS).',
});

// everyone signed in, for a file they may see: their own uploads; an assignment's attachments for its teacher,
// the students of its classes and the admin; a submission's files for that student, the assignment's teacher and
// the admin; a voice note for its sender and receiver. Anything else is NOT_FOUND.
/** A file's details: files.get's answer without the bytes, and what GET /api/files/<id> sends beside them. */
export const fileDetails = strictObject({
  id: objectId,
  name: z.string(),
  mimeType: z.string(),
  size: count,
  purpose: z.enum(FILE_PURPOSES),
  durationSeconds: z.number().positive().optional(),
  createdAt: z.date(),
});
export type FileDetails = z.infer<typeof fileDetails>;

export const filesGet = defineChannel({
  name: 'files.get',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  input: byId,
  output: fileDetails.extend({ data: z.instanceof(Uint8Array) }),
  summary: 'The bytes and details of a file the caller may see (attachments, submissions, voice notes).',
});

// everyone signed in, for a file they may see (the same rule as files.get). A browser's <audio>/<img> sends no
// Authorization header, and a session token in a URL ends up in logs: the answer is the file's address on the
// station with a ticket for this one file (10 minutes: a voice note seeks with several range requests), plus
// what a player shows before the bytes arrive.
export const filesLink = defineChannel({
  name: 'files.link',
  idempotent: true,
  roles: ['admin', 'teacher', 'student'],
  maxBodyBytes: 1024,
  input: byId,
  output: strictObject({
    url: z.string(),
    expiresAt: z.date(),
    name: z.string(),
    mimeType: z.string(),
    size: count,
    durationSeconds: z.number().positive().optional(),
  }),
  summary:
    "A short-lived address (GET /api/files/<id>?ticket=…) of a file the caller may see, for the station's browser.",
});

/**
 * GET /api/files/<id> sends the file's details in this header (JSON, percent-encoded: names are Unicode), so a
 * connected app answers files.get from the one streamed GET instead of base64 in an RPC answer.
 */
export const FILE_DETAILS_HEADER = 'x-crm-file';

/** A 200-character name percent-encodes to at most 1,800 characters; anything longer is not ours. */
const MAX_FILE_DETAILS_HEADER = 4096;

const fileDetailsOnTheWire = fileDetails.extend({
  createdAt: z.iso.datetime().transform((s) => new Date(s)),
});

export function encodeFileDetails(details: FileDetails): string {
  return encodeURIComponent(JSON.stringify({ ...details, createdAt: details.createdAt.toISOString() }));
}

/** The details from the header, checked; undefined when it is missing, too long or not a file's details. */
export function decodeFileDetails(header: string | undefined): FileDetails | undefined {
  if (!header || header.length > MAX_FILE_DETAILS_HEADER) return undefined;
  try {
    const parsed = fileDetailsOnTheWire.safeParse(JSON.parse(decodeURIComponent(header)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
