/**
 * Reading a backup: file → gunzip → tar entries, each hashed as it passes. `verifyBackup` reads the whole file
 * and checks it against its manifest (every entry's size and SHA-256, every collection's document count, no
 * entry missing or extra) before anything is changed; `restoreInto` reads it again into an empty database and
 * checks every entry again as it goes (the file could change between the two reads).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Binary, BSON, ObjectId, type Db, type Document } from 'mongodb';
import {
  ADMIN_ENTRY,
  MANIFEST_ENTRY,
  parseManifest,
  type BackupManifest,
  type ManifestEntry,
} from './manifest';
import { ArchiveError, readTar, type TarEntry } from './tar';

/** The manifest and the admin entry are small; anything larger is not ours. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const MAX_ADMIN_BYTES = 1024 * 1024;
const INSERT_BATCH = 500;
const CHUNKS_PER_INSERT = 16;

/** gzip's own errors, in the admin's words. */
function gzipFailure(err: unknown, started: boolean): ArchiveError {
  const code = (err as { code?: unknown }).code;
  if (code === 'Z_BUF_ERROR')
    return new ArchiveError('truncated', 'The backup ends early: the file is incomplete.');
  if (!started) return new ArchiveError('foreign', 'The file is not a Smart School CRM backup.');
  return new ArchiveError('corrupt', 'The backup is damaged: its compressed data does not check out.');
}

async function* gunzipped(file: string, state: { started: boolean }): AsyncGenerator<Buffer> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  try {
    for await (const piece of gunzip) {
      state.started = true;
      yield piece as Buffer;
    }
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') throw err;
    if (
      typeof (err as { code?: unknown }).code === 'string' &&
      String((err as { code: string }).code).startsWith('Z_')
    )
      throw gzipFailure(err, state.started);
    throw err;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

async function readAll(entry: TarEntry, max: number): Promise<Buffer> {
  if (entry.size > max)
    throw new ArchiveError('corrupt', 'The backup is damaged: an entry is far too large.');
  const parts: Buffer[] = [];
  for await (const piece of entry.body) parts.push(piece);
  return Buffer.concat(parts);
}

type Visitor = (entry: TarEntry, known: ManifestEntry | undefined) => Promise<void>;

/**
 * Every entry of the file through `visit`, hashed on the way; afterwards the manifest is checked against what
 * was read. With `expected` (the manifest of a first read) each entry is checked as soon as it ends.
 */
async function scan(file: string, visit: Visitor, expected?: BackupManifest): Promise<BackupManifest> {
  const state = { started: false };
  const seen = new Map<string, { size: number; sha256: string; lines: number }>();
  const known = new Map(expected?.entries.map((e) => [e.name, e]));
  let manifest: BackupManifest | undefined;
  try {
    for await (const entry of readTar(gunzipped(file, state))) {
      if (manifest) throw new ArchiveError('corrupt', 'The backup is damaged: entries follow its manifest.');
      if (entry.name === MANIFEST_ENTRY) {
        manifest = parseManifest((await readAll(entry, MAX_MANIFEST_BYTES)).toString('utf8'));
        continue;
      }
      if (seen.has(entry.name))
        throw new ArchiveError('corrupt', 'The backup is damaged: an entry appears twice.');
      const hash = createHash('sha256');
      let lines = 0;
      let size = 0;
      const hashed: TarEntry = {
        ...entry,
        body: (async function* () {
          for await (const piece of entry.body) {
            hash.update(piece);
            size += piece.length;
            for (let i = piece.indexOf(10); i !== -1; i = piece.indexOf(10, i + 1)) lines += 1;
            yield piece;
          }
        })(),
      };
      const expectedEntry = known.get(entry.name);
      if (expected && !expectedEntry) throw tampered();
      await visit(hashed, expectedEntry);
      for await (const piece of hashed.body) void piece; // what the visitor did not read still counts
      const digest = { size, sha256: hash.digest('hex'), lines };
      if (expectedEntry && (expectedEntry.size !== digest.size || expectedEntry.sha256 !== digest.sha256))
        throw tampered();
      seen.set(entry.name, digest);
    }
  } catch (err) {
    if (err instanceof ArchiveError && err.kind === 'foreign' && state.started && seen.size > 0)
      throw new ArchiveError('corrupt', 'The backup is damaged.');
    throw err;
  }
  if (!manifest) {
    throw seen.has(ADMIN_ENTRY)
      ? new ArchiveError('truncated', 'The backup ends early: its table of contents is missing.')
      : new ArchiveError('foreign', 'The file is not a Smart School CRM backup.');
  }
  checkAgainstManifest(manifest, seen);
  return manifest;
}

function tampered(): ArchiveError {
  return new ArchiveError(
    'corrupt',
    'The backup has been changed since it was made (its checksums do not match): it cannot be trusted.',
  );
}

function checkAgainstManifest(
  manifest: BackupManifest,
  seen: Map<string, { size: number; sha256: string; lines: number }>,
): void {
  const listed = new Set(manifest.entries.map((e) => e.name));
  if (!listed.has(ADMIN_ENTRY)) throw tampered();
  for (const name of seen.keys()) if (!listed.has(name)) throw tampered();
  const documents = new Map<string, number>();
  for (const entry of manifest.entries) {
    const got = seen.get(entry.name);
    if (!got) throw new ArchiveError('truncated', 'The backup is incomplete: some of its data is missing.');
    if (got.size !== entry.size || got.sha256 !== entry.sha256) throw tampered();
    if (entry.collection !== undefined) {
      if (got.lines !== entry.documents) throw tampered();
      documents.set(entry.collection, (documents.get(entry.collection) ?? 0) + got.lines);
    }
  }
  for (const [name, { documents: count }] of Object.entries(manifest.collections)) {
    if ((documents.get(name) ?? 0) !== count) throw tampered();
  }
  for (const name of documents.keys()) if (!(name in manifest.collections)) throw tampered();
}

export interface VerifiedBackup {
  manifest: BackupManifest;
  /** The institution's registry entry as backed up (with its password hash). */
  admin: Document;
}

/** Reads the whole file and checks it; throws ArchiveError (foreign, truncated, corrupt) with a sentence. */
export async function verifyBackup(file: string): Promise<VerifiedBackup> {
  let admin: Document | undefined;
  const manifest = await scan(file, async (entry) => {
    if (entry.name !== ADMIN_ENTRY) return;
    const text = (await readAll(entry, MAX_ADMIN_BYTES)).toString('utf8');
    try {
      admin = BSON.EJSON.parse(text, { relaxed: false }) as Document;
    } catch {
      throw new ArchiveError('corrupt', 'The backup is damaged: its admin account is unreadable.');
    }
  });
  if (!admin) throw new ArchiveError('corrupt', 'The backup is damaged: its admin account is missing.');
  return { manifest, admin };
}

export interface RestoreProgress {
  documentsDone: number;
  documentsTotal: number;
  filesDone: number;
  filesTotal: number;
}

/** The lines of an entry, one at a time, with bounded memory. */
async function* linesOf(body: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let rest = '';
  for await (const piece of body) {
    const text = rest + piece.toString('utf8');
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    yield* lines;
  }
  if (rest.length > 0) yield rest;
}

/**
 * Fills `target` (a new, empty database) from a verified backup: documents as they were (canonical EJSON keeps
 * every type), GridFS files rebuilt chunk by chunk with their recorded chunk size, then the backed-up indexes.
 */
export async function restoreInto(
  file: string,
  verified: BackupManifest,
  target: Db,
  onProgress?: (progress: RestoreProgress) => void,
): Promise<void> {
  const progress: RestoreProgress = {
    documentsDone: 0,
    documentsTotal: Object.values(verified.collections).reduce((sum, c) => sum + c.documents, 0),
    filesDone: 0,
    filesTotal: verified.files.count,
  };
  await scan(
    file,
    async (entry, known) => {
      if (known?.collection !== undefined) {
        const collection = target.collection(known.collection);
        let batch: Document[] = [];
        for await (const line of linesOf(entry.body)) {
          batch.push(BSON.EJSON.parse(line, { relaxed: false }) as Document);
          if (batch.length >= INSERT_BATCH) {
            await collection.insertMany(batch, { ordered: true });
            progress.documentsDone += batch.length;
            onProgress?.({ ...progress });
            batch = [];
          }
        }
        if (batch.length > 0) await collection.insertMany(batch, { ordered: true });
        progress.documentsDone += batch.length;
        onProgress?.({ ...progress });
      } else if (known?.file) {
        await restoreFile(target, known.file, entry.body);
        progress.filesDone += 1;
        onProgress?.({ ...progress });
      }
    },
    verified,
  );
  for (const [name, { indexes }] of Object.entries(verified.collections)) {
    for (const index of indexes) {
      await target
        .collection(name)
        .createIndex(index.key, {
          name: index.name,
          ...(index.unique ? { unique: true } : {}),
          ...(index.sparse ? { sparse: true } : {}),
        })
        .catch((err: unknown) => {
          // 85/86: the app's current definition of that index differs (an older backup): the app's stays.
          const code = (err as { code?: unknown }).code;
          if (code !== 85 && code !== 86) throw err;
        });
    }
  }
  for (const bucket of new Set(verified.entries.flatMap((e) => (e.file ? [e.file.bucket] : [])))) {
    // GridFS's own index, which a driver creates only when it writes to an empty bucket.
    await target.collection(`${bucket}.chunks`).createIndex({ files_id: 1, n: 1 }, { unique: true });
  }
}

/** One file's bytes back into `<bucket>.chunks`, cut at its chunk size. */
async function restoreFile(
  target: Db,
  file: NonNullable<ManifestEntry['file']>,
  body: AsyncIterable<Buffer>,
): Promise<void> {
  const id = BSON.EJSON.parse(file.id, { relaxed: false }) as unknown;
  const chunks = target.collection(`${file.bucket}.chunks`);
  let current = Buffer.allocUnsafe(file.chunkSize);
  let filled = 0;
  let n = 0;
  let batch: Document[] = [];
  const push = async (final: boolean) => {
    if (filled > 0) {
      batch.push({
        _id: new ObjectId(),
        files_id: id,
        n,
        data: new Binary(Buffer.from(current.subarray(0, filled))),
      });
      n += 1;
      filled = 0;
      current = Buffer.allocUnsafe(file.chunkSize);
    }
    if (batch.length >= CHUNKS_PER_INSERT || (final && batch.length > 0)) {
      await chunks.insertMany(batch, { ordered: true });
      batch = [];
    }
  };
  for await (const piece of body) {
    let offset = 0;
    while (offset < piece.length) {
      const take = Math.min(piece.length - offset, file.chunkSize - filled);
      piece.copy(current, filled, offset, offset + take);
      filled += take;
      offset += take;
      if (filled === file.chunkSize) await push(false);
    }
  }
  await push(true);
}
