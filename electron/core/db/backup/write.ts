/**
 * Writing a backup: cursor → EJSON lines → tar entries → gzip → a temporary file, renamed into place only when
 * complete and flushed. Memory stays bounded: a collection goes out in parts of about PART_BYTES, a file's bytes
 * chunk by chunk. Any failure (a full disk, a vanished folder) removes the temporary file: no partial backup is
 * ever left under a backup's name.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { BSON, type Db, type Document } from 'mongodb';
import { guardCollection } from '../guarded-collection';
import { ASSIGNMENT_FIGURES_COLLECTION } from '../tenant/assignment-figures';
import {
  ADMIN_ENTRY,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  MANIFEST_ENTRY,
  type BackupManifest,
  type IndexSpec,
  type ManifestEntry,
} from './manifest';
import { tarEnd, tarHeader, tarPadding } from './tar';

/** A collection part is cut once it passes this size (a single larger document makes a larger part). */
export const PART_BYTES = 4 * 1024 * 1024;

export interface BackupSource {
  db: Db;
  /** The institution's registry entry, with its password hash (a restore may keep the admin account). */
  admin: Document & { username: string; name: string; institutionName: string; databaseName: string };
  appVersion: string;
  engine: 'embedded' | 'external';
  now?: Date;
}

export interface BackupProgress {
  documentsDone: number;
  documentsTotal: number;
  filesDone: number;
  filesTotal: number;
}

export interface WriteOptions {
  onProgress?: (progress: BackupProgress) => void;
  /** Stops the backup (the app is quitting); the temporary file is removed. */
  signal?: AbortSignal;
  /** Test hook: the stream the compressed bytes go to (default: the temporary file). */
  output?: (temporaryPath: string) => Writable;
}

/** Canonical EJSON keeps every type (int, long, double, decimal, date, binary) exactly. */
const ejsonLine = (doc: Document): string => `${BSON.EJSON.stringify(doc, { relaxed: false })}\n`;

/** The options that read documents without turning their numbers and binaries into JS values. */
const RAW_VALUES = { promoteValues: false, promoteLongs: false, promoteBuffers: false, bsonRegExp: true };

interface Collections {
  plain: string[];
  /** GridFS buckets: `<bucket>.files` is backed up as a collection, `<bucket>.chunks` as each file's bytes. */
  buckets: string[];
}

/**
 * Collections computed from the others: a backup leaves them out (a restore rebuilds them), so it never carries
 * figures that disagree with its own data.
 */
const DERIVED = new Set([ASSIGNMENT_FIGURES_COLLECTION]);

async function collectionsOf(db: Db): Promise<Collections> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((n) => !n.startsWith('system.') && !DERIVED.has(n))
    .sort();
  const buckets = names
    .filter((n) => n.endsWith('.files') && names.includes(`${n.slice(0, -6)}.chunks`))
    .map((n) => n.slice(0, -6));
  const plain = names.filter((n) => !buckets.some((b) => n === `${b}.chunks`));
  return { plain, buckets };
}

async function indexesOf(db: Db, collection: string): Promise<IndexSpec[]> {
  const indexes = await db.collection(collection).indexes();
  return indexes
    .filter((i) => i.name !== '_id_')
    .map((i) => ({
      name: String(i.name),
      key: i.key as Record<string, 1 | -1>,
      ...(i.unique === true ? { unique: true } : {}),
      ...(i.sparse === true ? { sparse: true } : {}),
    }));
}

function entryName(prefix: string, name: string): string {
  const safe = encodeURIComponent(name).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `${prefix}/${safe}`;
}

class EntryHasher {
  readonly entries: ManifestEntry[] = [];

  /** Header, bytes and padding of one entry, recording its size and SHA-256 for the manifest. */
  *entry(
    name: string,
    pieces: readonly Buffer[],
    size: number,
    extra: Partial<ManifestEntry> = {},
  ): Generator<Buffer> {
    const hash = createHash('sha256');
    yield tarHeader(name, size, new Date());
    for (const piece of pieces) {
      hash.update(piece);
      yield piece;
    }
    yield tarPadding(size);
    this.entries.push({ name, size, sha256: hash.digest('hex'), ...extra });
  }
}

async function* archive(
  source: BackupSource,
  options: WriteOptions,
  result: { manifest?: BackupManifest },
): AsyncGenerator<Buffer> {
  const { db } = source;
  const hasher = new EntryHasher();
  const { plain, buckets } = await collectionsOf(db);
  const progress: BackupProgress = { documentsDone: 0, documentsTotal: 0, filesDone: 0, filesTotal: 0 };
  for (const name of plain) progress.documentsTotal += await db.collection(name).estimatedDocumentCount();
  for (const bucket of buckets)
    progress.filesTotal += await db.collection(`${bucket}.files`).estimatedDocumentCount();
  options.onProgress?.({ ...progress });

  const adminLine = Buffer.from(ejsonLine(source.admin));
  yield* hasher.entry(ADMIN_ENTRY, [adminLine], adminLine.length);

  const collections: BackupManifest['collections'] = {};
  for (const name of plain) {
    let documents = 0;
    let part: Buffer[] = [];
    let partBytes = 0;
    let partDocs = 0;
    let partNo = 0;
    const flush = function* () {
      partNo += 1;
      const entry = entryName('collections', `${name}/${String(partNo).padStart(5, '0')}.ejsonl`);
      yield* hasher.entry(entry, part, partBytes, { collection: name, documents: partDocs });
      part = [];
      partBytes = 0;
      partDocs = 0;
    };
    const cursor = guardCollection(db.collection(name)).find({}, { sort: { _id: 1 }, ...RAW_VALUES });
    for await (const doc of cursor) {
      options.signal?.throwIfAborted();
      const line = Buffer.from(ejsonLine(doc));
      part.push(line);
      partBytes += line.length;
      partDocs += 1;
      documents += 1;
      if (partBytes >= PART_BYTES) yield* flush();
      progress.documentsDone += 1;
      if (progress.documentsDone % 1000 === 0) options.onProgress?.({ ...progress });
    }
    if (partDocs > 0) yield* flush();
    collections[name] = { documents, indexes: await indexesOf(db, name) };
  }

  let fileCount = 0;
  let fileBytes = 0;
  for (const bucket of buckets) {
    const files = guardCollection(db.collection(`${bucket}.files`)).find(
      {},
      { sort: { _id: 1 }, projection: { _id: 1, length: 1, chunkSize: 1 } },
    );
    for await (const file of files) {
      options.signal?.throwIfAborted();
      const length = Number(file.length);
      const chunkSize = Number(file.chunkSize);
      const id: unknown = file._id;
      const name = entryName(`files/${bucket}`, BSON.EJSON.stringify({ id }, { relaxed: false }));
      yield* fileEntry(hasher, db, bucket, id, name.length <= 100 ? name : `files/${bucket}/${fileCount}`, {
        length,
        chunkSize,
      });
      fileCount += 1;
      fileBytes += length;
      progress.filesDone += 1;
      options.onProgress?.({ ...progress });
    }
  }

  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    app: { name: 'Smart School CRM', version: source.appVersion },
    createdAt: (source.now ?? new Date()).toISOString(),
    engine: source.engine,
    institution: {
      username: source.admin.username,
      name: source.admin.name,
      institutionName: source.admin.institutionName,
      databaseName: source.admin.databaseName,
    },
    collections,
    files: { count: fileCount, bytes: fileBytes },
    entries: hasher.entries,
  };
  result.manifest = manifest;
  const text = Buffer.from(JSON.stringify(manifest, null, 1));
  yield tarHeader(MANIFEST_ENTRY, text.length, new Date());
  yield text;
  yield tarPadding(text.length);
  yield tarEnd();
}

/** One GridFS file's bytes as an entry, read chunk by chunk in order; a gap or a short file fails the backup. */
async function* fileEntry(
  hasher: EntryHasher,
  db: Db,
  bucket: string,
  id: unknown,
  name: string,
  file: { length: number; chunkSize: number },
): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  yield tarHeader(name, file.length, new Date());
  let written = 0;
  let expected = 0;
  const chunks = guardCollection(db.collection(`${bucket}.chunks`)).find(
    { files_id: id },
    { sort: { n: 1 }, promoteBuffers: true },
  );
  for await (const chunk of chunks) {
    const data = chunk.data as unknown;
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from((data as { buffer: Uint8Array }).buffer);
    if (Number(chunk.n) !== expected || written + bytes.length > file.length) {
      throw new Error(`A stored file (${String(id)}) is damaged in the database: a piece is missing.`);
    }
    expected += 1;
    written += bytes.length;
    hash.update(bytes);
    yield bytes;
  }
  if (written !== file.length) {
    throw new Error(`A stored file (${String(id)}) is damaged in the database: it is shorter than recorded.`);
  }
  yield tarPadding(file.length);
  hasher.entries.push({
    name,
    size: file.length,
    sha256: hash.digest('hex'),
    file: { bucket, id: BSON.EJSON.stringify(id, { relaxed: false }), chunkSize: file.chunkSize },
  });
}

/** A backup that could not be written, with a sentence for the admin; the original error is its cause. */
export class BackupWriteError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
  }
}

/** Says in words what stopped a backup's writing. */
function writeFailure(err: unknown, destination: string): BackupWriteError {
  const code = (err as { code?: unknown }).code;
  const folder = path.dirname(destination);
  const message =
    code === 'ENOSPC'
      ? `The disk is full: the backup could not be written to ${folder}. Nothing was left behind; free some space or choose another place.`
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? `The backup could not be written to ${folder}: that place does not allow writing. Choose another place.`
        : code === 'ENOENT' || code === 'ENOTDIR'
          ? `The folder ${folder} does not exist (anymore). Choose another place.`
          : `The backup could not be written: ${err instanceof Error ? err.message : String(err)}. Nothing was left behind.`;
  return new BackupWriteError(message, err);
}

/**
 * Writes the backup to `destination` (a temporary name beside it first, renamed when complete). Returns the
 * manifest and the file's size; throws BackupWriteError with a sentence for the admin, leaving nothing behind.
 */
export async function writeBackup(
  source: BackupSource,
  destination: string,
  options: WriteOptions = {},
): Promise<{ manifest: BackupManifest; size: number }> {
  const temporary = path.join(
    path.dirname(destination),
    `.${path.basename(destination)}.${randomBytes(6).toString('hex')}.partial`,
  );
  const result: { manifest?: BackupManifest } = {};
  try {
    const output =
      options.output?.(temporary) ?? createWriteStream(temporary, { flags: 'wx', mode: 0o600, flush: true });
    await pipeline(Readable.from(archive(source, options, result)), createGzip({ level: 6 }), output);
    await rename(temporary, destination);
  } catch (err) {
    await rm(temporary, { force: true }).catch(() => undefined);
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw writeFailure(err, destination);
    throw err;
  }
  const { manifest } = result;
  if (!manifest) throw new Error('the backup ended without its manifest');
  return { manifest, size: (await stat(destination)).size };
}
