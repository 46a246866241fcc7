/**
 * Files in the tenant database's GridFS (bucket `files`): assignment attachments, submitted work and voice
 * notes travel with the institution's data (backups, Atlas) and never leave it. Bytes go in as a stream of
 * chunks and come back as one byte array; a failed upload leaves no chunks behind.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mongoose, { Types } from 'mongoose';
import type { Filter, GridFSBucket, GridFSFile } from 'mongodb';
import type { FilePurpose } from '../../../shared/domain';
import type { Role } from '../../../shared/roles';
import type { TenantHandle } from './database-manager';
import { guardCollection } from './guarded-collection';
import { createKeptFiles, type KeptFiles } from './kept-files';
import { assertSupportedFilter } from './subset-guard';

export const FILES_BUCKET = 'files';

/** What is stored with each file (GridFS `metadata`). */
export interface FileMetadata {
  purpose: FilePurpose;
  /** A tenant user's id, or the admin's registry id. */
  uploadedBy: Types.ObjectId;
  uploadedByRole: Role;
  durationSeconds?: number;
  /** As declared by the uploader (`audio/webm;codecs=opus`). */
  mimeType: string;
  /** The name before sanitising, for the record. */
  originalName: string;
}

export interface StoredFile {
  id: Types.ObjectId;
  /** The sanitised name (GridFS `filename`). */
  name: string;
  size: number;
  /** GridFS's chunk size for this file (255 KB unless written otherwise). */
  chunkSize: number;
  uploadDate: Date;
  metadata: FileMetadata;
}

/** Pieces written to the upload stream; GridFS cuts its own 255 KB chunks from them. */
const WRITE_PIECE = 256 * 1024;

const buckets = new WeakMap<mongoose.Connection, GridFSBucket>();

function bucketOf(handle: TenantHandle): GridFSBucket {
  const cached = buckets.get(handle.conn);
  if (cached) return cached;
  const db = handle.conn.db;
  if (!db) throw new Error(`The database ${handle.databaseName} is not connected.`);
  const bucket = new mongoose.mongo.GridFSBucket(db, { bucketName: FILES_BUCKET });
  buckets.set(handle.conn, bucket);
  return bucket;
}

function toStoredFile(file: GridFSFile): StoredFile | null {
  const metadata = file.metadata as FileMetadata | undefined;
  if (!metadata || !(file._id instanceof Types.ObjectId)) return null;
  return {
    id: file._id,
    name: file.filename,
    size: file.length,
    chunkSize: file.chunkSize,
    uploadDate: file.uploadDate,
    metadata,
  };
}

function* pieces(bytes: Uint8Array): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += WRITE_PIECE) {
    yield bytes.subarray(offset, Math.min(offset + WRITE_PIECE, bytes.byteLength));
  }
}

/** Streams the bytes into GridFS; on failure the partial file is removed before the error is passed on. */
export async function putFile(
  handle: TenantHandle,
  name: string,
  bytes: Uint8Array,
  metadata: FileMetadata,
): Promise<StoredFile> {
  const upload = bucketOf(handle).openUploadStream(name, { metadata });
  try {
    await pipeline(Readable.from(pieces(bytes)), upload);
  } catch (err) {
    await upload.abort().catch(() => undefined);
    throw err;
  }
  return {
    id: upload.id,
    name,
    size: bytes.byteLength,
    chunkSize: upload.chunkSizeBytes,
    uploadDate: upload.gridFSFile?.uploadDate ?? new Date(),
    metadata,
  };
}

/** Files matching a filter on the files collection (`_id`, `metadata.*`, `uploadDate`). */
export async function findFiles(handle: TenantHandle, filter: Filter<GridFSFile>): Promise<StoredFile[]> {
  assertSupportedFilter(filter);
  const files = await bucketOf(handle).find(filter).toArray();
  return files.map(toStoredFile).filter((f): f is StoredFile => f !== null);
}

/** The files with these ids that exist, by id string. */
export async function filesById(
  handle: TenantHandle,
  ids: readonly (string | Types.ObjectId)[],
): Promise<Map<string, StoredFile>> {
  const oids = objectIdsOf(ids);
  if (oids.length === 0) return new Map();
  const files = await findFiles(handle, { _id: { $in: oids } });
  return new Map(files.map((f) => [f.id.toString(), f]));
}

/**
 * The file and its bytes, or null when there is no such file. Given the file already found (the caller checked
 * who may read it), only its chunks are read: one query in `n` order, where GridFS's download stream would read
 * the file's entry again first. The chunks must be 0, 1, 2… and add up to the recorded length.
 */
export async function readFile(
  handle: TenantHandle,
  idOrFile: Types.ObjectId | StoredFile,
): Promise<{ file: StoredFile; data: Uint8Array<ArrayBuffer> } | null> {
  const file =
    idOrFile instanceof Types.ObjectId ? (await findFiles(handle, { _id: idOrFile }))[0] : idOrFile;
  if (!file) return null;
  const kept = keptRead(handle, file);
  // A copy of the kept bytes: the caller owns what it gets.
  return { file, data: kept ? (await kept).slice() : await readChunks(handle, file) };
}

/**
 * The file's bytes from those kept, read whole once if need be; undefined when it is too large to keep. Kept under
 * its entry as just read (kept-files.ts says why that is enough).
 */
function keptRead(handle: TenantHandle, file: StoredFile): Promise<Uint8Array> | undefined {
  const key = [handle.databaseName, file.id, file.uploadDate.getTime(), file.size, file.chunkSize].join(
    '\u0000',
  );
  return keptFiles.bytes(key, file.size, () => readChunks(handle, file));
}

/** The recently read files of this process (the station's, or the desktop app's). */
const keptFiles = createKeptFiles();

/** What is kept of the recently read files, and how reads went. */
export const keptFilesStats = (): ReturnType<KeptFiles['stats']> => keptFiles.stats();

/** All of a file's chunks, in one query, checked and joined. */
async function readChunks(handle: TenantHandle, file: StoredFile): Promise<Uint8Array<ArrayBuffer>> {
  const db = handle.conn.db;
  if (!db) throw new Error(`The database ${handle.databaseName} is not connected.`);
  const chunks = guardCollection(db.collection<GridFSChunk>(`${FILES_BUCKET}.chunks`))
    .find({ files_id: file.id }, { sort: { n: 1 }, projection: { _id: 0, n: 1, data: 1 } })
    .toArray();
  const data = new Uint8Array(file.size);
  let offset = 0;
  let expected = 0;
  for (const chunk of await chunks) {
    const bytes = chunk.data.buffer.subarray(0, chunk.data.position);
    if (offset + bytes.byteLength > data.byteLength)
      throw new Error(`The file ${file.id.toString()} is longer than recorded.`);
    // Each chunk the next one and whole, as a streamed read requires (chunkBytes).
    if (chunk.n !== expected || bytes.byteLength !== Math.min(file.chunkSize, file.size - offset))
      throw new Error(`The file ${file.id.toString()} misses its chunk ${expected}.`);
    expected += 1;
    data.set(bytes, offset);
    offset += bytes.byteLength;
  }
  if (offset !== data.byteLength) throw new Error(`The file ${file.id.toString()} is shorter than recorded.`);
  return data;
}

/** A GridFS chunk as stored. */
interface GridFSChunk {
  files_id: Types.ObjectId;
  n: number;
  data: mongoose.mongo.Binary;
}

/**
 * A file's entry carries `referenced: true` once something (an assignment, a hand-in, a message) was seen to
 * refer to it, so the sweep of abandoned uploads checks each file once, not every file every hour: at a year
 * of data that check reads every assignment with its hand-ins (4 s for a batch of 500 files, measured). Code
 * that takes a reference away releases the mark first; an interruption then leaves the file to the sweep.
 */
const REFERENCED = 'referenced';

function filesCollection(handle: TenantHandle) {
  const db = handle.conn.db;
  if (!db) throw new Error(`The database ${handle.databaseName} is not connected.`);
  return guardCollection(db.collection<GridFSFile>(`${FILES_BUCKET}.files`));
}

function objectIdsOf(ids: readonly (string | Types.ObjectId)[]): Types.ObjectId[] {
  return [...new Set(ids.map(String))].filter(isObjectIdString).map((id) => new Types.ObjectId(id));
}

async function setMarks(
  handle: TenantHandle,
  ids: readonly (string | Types.ObjectId)[],
  referenced: boolean,
): Promise<void> {
  const oids = objectIdsOf(ids);
  if (oids.length === 0) return;
  await filesCollection(handle).updateMany(
    { _id: { $in: oids } },
    referenced ? { $set: { [REFERENCED]: true } } : { $unset: { [REFERENCED]: '' } },
  );
}

/** Marks files as referenced (after the reference was written: a failed write leaves them to the sweep). */
export const markReferenced = (handle: TenantHandle, ids: readonly (string | Types.ObjectId)[]) =>
  setMarks(handle, ids, true);

/** Releases the mark before a reference is taken away, so the sweep checks these files again. */
export const releaseReferences = (handle: TenantHandle, ids: readonly (string | Types.ObjectId)[]) =>
  setMarks(handle, ids, false);

/** Files uploaded before `cutoff` that are not marked referenced: what the sweep of abandoned uploads checks. */
export async function unmarkedFilesBefore(handle: TenantHandle, cutoff: Date): Promise<StoredFile[]> {
  return findFiles(handle, { uploadDate: { $lt: cutoff }, [REFERENCED]: { $ne: true } });
}

/** Deletes files and their chunks; ids that are already gone are skipped. */
export async function deleteFiles(
  handle: TenantHandle,
  ids: readonly (string | Types.ObjectId)[],
): Promise<number> {
  let deleted = 0;
  for (const id of new Set(ids.map(String))) {
    if (!isObjectIdString(id)) continue;
    try {
      await bucketOf(handle).delete(new Types.ObjectId(id));
      deleted += 1;
    } catch (err) {
      if (!(err instanceof mongoose.mongo.MongoRuntimeError && /not found/i.test(err.message))) throw err;
    }
  }
  return deleted;
}

function isObjectIdString(id: string): boolean {
  return /^[0-9a-f]{24}$/i.test(id);
}

/** A GridFS upload stream the caller writes into (a streamed request body); `abort()` removes what it wrote. */
export function openUpload(
  handle: TenantHandle,
  name: string,
  metadata: FileMetadata,
): { id: Types.ObjectId; stream: ReturnType<GridFSBucket['openUploadStream']> } {
  const stream = bucketOf(handle).openUploadStream(name, { metadata });
  return { id: stream.id, stream };
}

/**
 * Chunks a streamed download asks the engine for at a time: about 1.5 MB held per download, whatever the size.
 * A range within that comes in one round: one chunk more than it needs tells the engine the cursor is done
 * (a 1 MB file is five chunks; in batches of four it took a second round for the fifth).
 */
const STREAM_BATCH_CHUNKS = 6;

/**
 * The bytes `start` to `end` (exclusive) of a file already found (the caller checked who may read it), as a
 * stream. A file small enough to keep comes as views of the kept bytes, which the reader must not change; a
 * larger one from one query for the chunks that hold the range, in `n` order, a batch at a time as the client
 * takes the bytes (GridFS's own download stream would read the file's entry again first, a round trip more).
 * Each chunk must be the next one and of its full size; a missing or short chunk ends the stream with an error.
 */
export function openDownload(
  handle: TenantHandle,
  file: StoredFile,
  range?: { start: number; end: number },
): Readable {
  const start = range?.start ?? 0;
  const end = range?.end ?? file.size;
  // A file small enough to keep is read whole once (a player's later ranges then cost nothing).
  const kept = end > start ? keptRead(handle, file) : undefined;
  return Readable.from(kept ? keptBytes(kept, start, end) : chunkBytes(handle, file, start, end), {
    objectMode: false,
  });
}

async function* keptBytes(kept: Promise<Uint8Array>, start: number, end: number): AsyncGenerator<Uint8Array> {
  yield (await kept).subarray(start, end);
}

async function* chunkBytes(
  handle: TenantHandle,
  file: StoredFile,
  start: number,
  end: number,
): AsyncGenerator<Uint8Array> {
  if (end <= start) return;
  const db = handle.conn.db;
  if (!db) throw new Error(`The database ${handle.databaseName} is not connected.`);
  const size = file.chunkSize;
  const first = Math.floor(start / size);
  const last = Math.floor((end - 1) / size);
  const cursor = guardCollection(db.collection<GridFSChunk>(`${FILES_BUCKET}.chunks`)).find(
    { files_id: file.id, n: { $gte: first, $lte: last } },
    {
      sort: { n: 1 },
      projection: { _id: 0, n: 1, data: 1 },
      batchSize: Math.min(last - first + 2, STREAM_BATCH_CHUNKS),
    },
  );
  let expected = first;
  try {
    for await (const chunk of cursor) {
      const bytes = chunk.data.buffer.subarray(0, chunk.data.position);
      const length = Math.min(size, file.size - expected * size);
      if (chunk.n !== expected || bytes.byteLength !== length)
        throw new Error(`The file ${file.id.toString()} misses its chunk ${expected}.`);
      yield bytes.subarray(
        expected === first ? start - first * size : 0,
        Math.min(length, end - expected * size),
      );
      expected += 1;
    }
  } finally {
    // A client that stopped reading leaves the engine's cursor behind otherwise.
    await cursor.close().catch(() => undefined);
  }
  if (expected !== last + 1) throw new Error(`The file ${file.id.toString()} misses its chunk ${expected}.`);
}
