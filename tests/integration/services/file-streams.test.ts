/**
 * Streamed uploads and ranged downloads (services/file-streams.ts) against the real engine: a body that breaks
 * off, grows past the limit or does not begin like its type leaves no file and no chunk behind; a range reads
 * exactly its bytes; someone who may not see a file gets NOT_FOUND.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { mongo } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantHandle } from '../../../electron/core/db/database-manager';
import { deleteFiles, findFiles, keptFilesStats, openDownload } from '../../../electron/core/db/files';
import { KEPT_FILES_LIMITS } from '../../../electron/core/db/kept-files';
import type { Actor } from '../../../electron/core/services/context';
import { fileDownload, uploadFileStream } from '../../../electron/core/services/file-streams';
import { createUser } from '../../../electron/core/services/users';
import {
  errorCode as code,
  newInstitution,
  openServices,
  origin,
  type TestServices,
} from '../../support/services';

let deps: TestServices;
let handle: TenantHandle;
let teacher: Actor;
let otherTeacher: Actor;

const MB = 1024 * 1024;
const voice = { name: 'note.webm', mimeType: 'audio/webm', purpose: 'audio' } as const;

/** `total` bytes in 64 kB pieces, beginning like WebM; `failAfter` breaks off (the client went away). */
async function* body(total: number, failAfter?: number): AsyncGenerator<Uint8Array> {
  const piece = 64 * 1024;
  for (let sent = 0; sent < total; sent += piece) {
    // As from a network: the next piece a moment later.
    await new Promise((resolve) => setImmediate(resolve));
    if (failAfter !== undefined && sent >= failAfter) throw new Error('aborted');
    const bytes = randomBytes(Math.min(piece, total - sent));
    if (sent === 0) bytes.set([0x1a, 0x45, 0xdf, 0xa3]);
    yield bytes;
  }
}

async function storedCounts(): Promise<{ files: number; chunks: number }> {
  const files = (await findFiles(handle, {})).length;
  const chunks = await handle.conn.collection('files.chunks').countDocuments({});
  return { files, chunks };
}

beforeAll(async () => {
  deps = await openServices();
  const { actor: admin } = await newInstitution(deps);
  handle = await deps.db.tenant(admin.databaseName);
  const person = async (name: string): Promise<Actor> => {
    const u = await createUser(deps, admin, { role: 'teacher', username: name, password: 'Secret123', name });
    return {
      userId: u.id,
      username: u.username,
      role: 'teacher',
      databaseName: admin.databaseName,
      ...origin,
    };
  };
  teacher = await person('Tara');
  otherTeacher = await person('Omar');
});

afterAll(async () => {
  await deps.close();
});

describe('streamed uploads', () => {
  it('an upload that breaks off, grows too large or lies about its type leaves nothing behind', async () => {
    const before = await storedCounts();
    await expect(uploadFileStream(deps, teacher, voice, body(2 * MB, MB))).rejects.toThrow('aborted');
    await expect(uploadFileStream(deps, teacher, voice, body(5 * MB + 1))).rejects.toSatisfy(
      code('TOO_LARGE'),
    );
    const notWebm = Readable.from([Buffer.from('%PDF-1.7 pretending to be audio')]);
    await expect(uploadFileStream(deps, teacher, voice, notWebm)).rejects.toSatisfy(code('VALIDATION'));
    expect(await storedCounts()).toEqual(before);
  });

  it('a 5 MB voice note streams in, and a range reads exactly its bytes', async () => {
    const chunks: Uint8Array[] = [];
    const source = body(5 * MB);
    const kept = (async function* () {
      for await (const c of source) {
        chunks.push(c);
        yield c;
      }
    })();
    const ref = await uploadFileStream(deps, teacher, { ...voice, durationSeconds: 60 }, kept);
    expect(ref).toMatchObject({ name: 'note.webm', size: 5 * MB, mimeType: 'audio/webm' });
    const all = Buffer.concat(chunks);

    const download = await fileDownload(deps, teacher, ref.id);
    const read: Buffer[] = [];
    for await (const c of download.open({ start: 1_000_000, end: 5 * MB - 1 })) read.push(c as Buffer);
    expect(Buffer.concat(read).equals(all.subarray(1_000_000))).toBe(true);

    // Another teacher is not a party to it: as if it did not exist.
    await expect(fileDownload(deps, otherTeacher, ref.id)).rejects.toSatisfy(code('NOT_FOUND'));
  });

  it('any range reads exactly its bytes, at and across chunk edges, read from the engine and kept', async () => {
    const chunk = 255 * 1024;
    const size = 3 * chunk + 7;
    const pieces: Uint8Array[] = [];
    for await (const c of body(size)) pieces.push(c);
    const all = Buffer.concat(pieces);
    const ref = await uploadFileStream(deps, teacher, voice, Readable.from(pieces));
    const download = await fileDownload(deps, teacher, ref.id);
    const before = keptFilesStats();
    const read = async (range?: { start: number; end: number }) => {
      const out: Buffer[] = [];
      for await (const c of download.open(range)) out.push(Buffer.from(c as Uint8Array));
      return Buffer.concat(out);
    };
    expect((await read()).equals(all)).toBe(true);
    const ranges: Array<[number, number]> = [
      [0, 0],
      [0, chunk - 1],
      [chunk - 1, chunk],
      [chunk, 2 * chunk - 1],
      [5, 2 * chunk + 9],
      [3 * chunk, size - 1],
      [size - 1, size - 1],
    ];
    for (const [start, end] of ranges) {
      expect((await read({ start, end })).equals(all.subarray(start, end + 1)), `${start}-${end}`).toBe(true);
    }

    // The whole file was read once, then kept: the ranges were slices of memory.
    const after = keptFilesStats();
    expect(after.reads - before.reads).toBe(1);
    expect(after.hits - before.hits).toBe(ranges.length);

    // Kept under the entry as read, in this database: the same id elsewhere, or an entry that changed, is read
    // from its own database again.
    const drain = async (stream: NodeJS.ReadableStream) => {
      const out: Buffer[] = [];
      for await (const c of stream) out.push(Buffer.from(c as Uint8Array));
      return Buffer.concat(out);
    };
    const elsewhere = await deps.db.tenant((await newInstitution(deps)).actor.databaseName);
    await expect(drain(openDownload(elsewhere, download.file))).rejects.toThrow('shorter than recorded');
    const changed = { ...download.file, uploadDate: new Date(download.file.uploadDate.getTime() + 1) };
    expect((await drain(openDownload(handle, changed))).equals(all)).toBe(true);
    expect(keptFilesStats().reads - after.reads).toBe(2);

    // Kept bytes were checked when they were read: a chunk lost since does not change what is served…
    await handle.conn.collection('files.chunks').deleteOne({ files_id: download.file.id, n: 1 });
    expect((await read()).equals(all)).toBe(true);
    // …but a deleted file is not served at all: every read finds its entry first.
    await deleteFiles(handle, [download.file.id]);
    await expect(fileDownload(deps, teacher, ref.id)).rejects.toSatisfy(code('NOT_FOUND'));
  });

  it('a file with a missing chunk ends the stream with an error, kept or too large to keep', async () => {
    const chunk = 255 * 1024;
    for (const size of [3 * chunk + 7, 17 * chunk]) {
      const ref = await uploadFileStream(deps, teacher, voice, body(size));
      const download = await fileDownload(deps, teacher, ref.id);
      await handle.conn.collection('files.chunks').deleteOne({ files_id: download.file.id, n: 1 });
      const read = async (range?: { start: number; end: number }) => {
        for await (const c of download.open(range)) void c;
      };
      await expect(read(), `${size}`).rejects.toThrow('misses its chunk 1');
      // A file small enough to keep is read whole for any range; a larger one reads the range's chunks only.
      const tail = read({ start: size - 7, end: size - 1 });
      if (size <= KEPT_FILES_LIMITS.maxFileBytes) await expect(tail).rejects.toThrow('misses its chunk 1');
      else await expect(tail).resolves.toBeUndefined();
    }

    // A chunk cut short is refused too, though the next one may be the next: each must be whole.
    const ref = await uploadFileStream(deps, teacher, voice, body(3 * chunk + 7));
    const download = await fileDownload(deps, teacher, ref.id);
    const first = await handle.conn
      .collection<{ data: { buffer: Buffer } }>('files.chunks')
      .findOne({ files_id: download.file.id, n: 0 });
    await handle.conn
      .collection('files.chunks')
      .updateOne(
        { files_id: download.file.id, n: 0 },
        { $set: { data: new mongo.Binary(first!.data.buffer.subarray(0, chunk - 1)) } },
      );
    const whole = async () => {
      for await (const c of download.open()) void c;
    };
    await expect(whole()).rejects.toThrow('misses its chunk 0');
  });
});
