/**
 * Files as files (docs/architecture.md, "Files travel as files"): an upload streamed from the request body
 * straight into GridFS, and a download streamed out of it, whole or a byte range. The rules are the files
 * service's own (checkUploadDetails, checkContent, readableFile); only the bytes travel differently.
 */
import type { FileRef, FileUploadDetails } from '../../../shared/contract';
import { FILE_LIMITS } from '../../../shared/domain';
import { openDownload, openUpload, type StoredFile } from '../db/files';
import { AppError } from '../errors/app-error';
import type { Actor, ServiceDeps } from './context';
import {
  checkContent,
  checkUploadDetails,
  readableFile,
  sanitizeFileName,
  toFileRef,
  tooLargeFor,
} from './files';
import { objectId, tenantOf } from './tenant-access';

/** Every type's signature lies within the first 16 bytes. */
const SIGNATURE_BYTES = 16;

/**
 * Streams `body` into GridFS as the actor's upload. The size limit and the type's signature are checked as the
 * bytes arrive; when a check fails or the body breaks off (the client went away), the partial file is aborted
 * (GridFS deletes its chunks) and nothing is left behind.
 */
export async function uploadFileStream(
  deps: ServiceDeps,
  actor: Actor,
  details: FileUploadDetails,
  body: AsyncIterable<Uint8Array>,
): Promise<FileRef> {
  checkUploadDetails(actor, details);
  const handle = await tenantOf(deps, actor);
  const name = sanitizeFileName(details.name);
  const limit = FILE_LIMITS[details.purpose].maxBytes;
  const { id, stream } = openUpload(handle, name, {
    purpose: details.purpose,
    uploadedBy: objectId(actor.userId, 'You'),
    uploadedByRole: actor.role,
    ...(details.durationSeconds !== undefined ? { durationSeconds: details.durationSeconds } : {}),
    mimeType: details.mimeType.trim(),
    originalName: details.name,
  });
  let size = 0;
  let head: Uint8Array = new Uint8Array(0);
  try {
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (size > limit) throw tooLargeFor(details.purpose);
      if (head.byteLength < SIGNATURE_BYTES) {
        head = concat(head, chunk.subarray(0, SIGNATURE_BYTES - head.byteLength));
        if (head.byteLength >= SIGNATURE_BYTES) checkContent(details.mimeType, head);
      }
      // Back-pressure: the next piece of the request is read once the database has taken this one.
      await new Promise<void>((resolve, reject) =>
        stream.write(chunk, (err) => (err ? reject(err) : resolve())),
      );
    }
    if (size === 0) throw new AppError('VALIDATION', 'The file is empty.', { data: 'The file is empty.' });
    if (head.byteLength < SIGNATURE_BYTES) checkContent(details.mimeType, head);
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.end(() => resolve());
    });
  } catch (err) {
    await stream.abort().catch(() => undefined);
    throw err;
  }
  const stored: StoredFile = {
    id,
    name,
    size,
    chunkSize: stream.chunkSizeBytes,
    uploadDate: stream.gridFSFile?.uploadDate ?? new Date(),
    metadata: stream.options.metadata as StoredFile['metadata'],
  };
  await deps.activity.record(actor, {
    action: 'CREATE',
    targetType: 'FILE',
    targetId: id,
    targetName: name,
    details: { purpose: details.purpose, size, mimeType: stored.metadata.mimeType, streamed: true },
  });
  return toFileRef(stored);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}

export interface FileDownload {
  file: StoredFile;
  /**
   * The whole file, or bytes `start`..`end` inclusive (HTTP's range arithmetic). The pieces may be views of bytes
   * kept for other readers (db/kept-files.ts): write them out, never change them.
   */
  open(range?: { start: number; end: number }): NodeJS.ReadableStream;
}

/** A file the actor may read (files.get's rule), ready to stream; NOT_FOUND otherwise. */
export async function fileDownload(deps: ServiceDeps, actor: Actor, id: string): Promise<FileDownload> {
  const { handle, file } = await readableFile(deps, actor, id);
  return {
    file,
    open: (range) =>
      openDownload(handle, file, range ? { start: range.start, end: range.end + 1 } : undefined),
  };
}
