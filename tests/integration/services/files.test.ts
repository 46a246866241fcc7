/**
 * Files in the tenant's GridFS against the real engine: limits per purpose, content checks, name sanitising,
 * a 1 MB round trip, who may read what, and the clean-up of uploads nobody uses.
 */
import { randomBytes } from 'node:crypto';
import type { ServiceInput } from '../../../shared/contract';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { filesGet, filesUpload } from '../../../shared/contract/files';
import { FILE_LIMITS } from '../../../shared/domain';
import { findFiles } from '../../../electron/core/db/files';
import type { TenantHandle } from '../../../electron/core/db/database-manager';
import { AppError } from '../../../electron/core/errors/app-error';
import { createAssignment } from '../../../electron/core/services/assignments';
import { addStudents, createClass } from '../../../electron/core/services/classes';
import type { Actor } from '../../../electron/core/services/context';
import {
  contentMatchesType,
  getFile,
  pruneUnreferencedUploads,
  sanitizeFileName,
  uploadFile,
} from '../../../electron/core/services/files';
import { deleteMessage, sendMessage } from '../../../electron/core/services/messages';
import { createUser } from '../../../electron/core/services/users';
import { commandsDuring } from '../../support/commands';
import { origin, errorCode as code } from '../../support/services';
import { admin, deps, other as otherAdmin, useInstitutions } from '../../support/fixture';

useInstitutions();

let handle: TenantHandle;
let teacher: Actor;
let student: Actor;
let classmate: Actor;

const field = (expected: string, name: string) => (err: unknown) =>
  err instanceof AppError && err.code === expected && err.fields?.[name] !== undefined;

const MB = 1024 * 1024;
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(Math.max(0, size - 9))]);
const webm = (size: number) => Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), randomBytes(size - 4)]);

async function person(role: 'teacher' | 'student', name: string): Promise<Actor> {
  const u = await createUser(deps, admin, { role, username: name, password: 'Secret123', name });
  return { userId: u.id, username: u.username, role, databaseName: admin.databaseName, ...origin };
}

function doc(overrides: Partial<ServiceInput<'files.upload'>> = {}): ServiceInput<'files.upload'> {
  return {
    name: 'work.pdf',
    mimeType: 'application/pdf',
    data: pdf(100),
    purpose: 'submission',
    ...overrides,
  };
}

beforeAll(async () => {
  handle = await deps.db.tenant(admin.databaseName);
  teacher = await person('teacher', 'Tara');
  student = await person('student', 'Asha');
  classmate = await person('student', 'Bina');
  const classId = (
    await createClass(deps, admin, { name: '7-A', grade: 7, section: 'A', teacherId: teacher.userId })
  ).id;
  await addStudents(deps, admin, classId, [student.userId, classmate.userId]);
});
describe('upload limits per purpose', () => {
  it('who may upload for which purpose', async () => {
    await expect(uploadFile(deps, student, doc({ purpose: 'attachment' }))).rejects.toSatisfy(
      code('FORBIDDEN'),
    );
    await expect(uploadFile(deps, teacher, doc({ purpose: 'submission' }))).rejects.toSatisfy(
      code('FORBIDDEN'),
    );
    await expect(uploadFile(deps, admin, doc({ purpose: 'attachment' }))).rejects.toSatisfy(
      code('FORBIDDEN'),
    );
    const voice = {
      name: 'hi.webm',
      mimeType: 'audio/webm;codecs=opus',
      data: webm(100),
      purpose: 'audio' as const,
    };
    for (const actor of [admin, teacher, student]) {
      expect((await uploadFile(deps, actor, voice)).mimeType).toBe('audio/webm;codecs=opus');
    }
  });

  it('sizes: documents up to 20 MB, voice notes up to 5 MB, never empty', async () => {
    expect(FILE_LIMITS.attachment.maxBytes).toBe(20 * MB);
    expect(FILE_LIMITS.audio.maxBytes).toBe(5 * MB);
    await expect(uploadFile(deps, student, doc({ data: pdf(20 * MB + 1) }))).rejects.toSatisfy(
      field('VALIDATION', 'data'),
    );
    await expect(
      uploadFile(deps, teacher, doc({ purpose: 'attachment', data: pdf(20 * MB + 1) })),
    ).rejects.toSatisfy(field('VALIDATION', 'data'));
    await expect(
      uploadFile(deps, student, {
        name: 'long.webm',
        mimeType: 'audio/webm',
        data: webm(5 * MB + 1),
        purpose: 'audio',
      }),
    ).rejects.toSatisfy(field('VALIDATION', 'data'));
    const atLimit = await uploadFile(deps, student, {
      name: 'max.webm',
      mimeType: 'audio/webm',
      data: webm(5 * MB),
      purpose: 'audio',
    });
    expect(atLimit.size).toBe(5 * MB);
    await expect(uploadFile(deps, student, doc({ data: new Uint8Array(0) }))).rejects.toSatisfy(
      field('VALIDATION', 'data'),
    );
  });

  it('types: documents for attachments and submissions, recordings for voice notes', async () => {
    await expect(
      uploadFile(deps, student, {
        name: 'a.webm',
        mimeType: 'audio/webm',
        data: webm(50),
        purpose: 'submission',
      }),
    ).rejects.toSatisfy(field('VALIDATION', 'mimeType'));
    await expect(uploadFile(deps, student, { ...doc(), purpose: 'audio' })).rejects.toSatisfy(
      field('VALIDATION', 'mimeType'),
    );
    await expect(
      uploadFile(deps, student, doc({ name: 'x.exe', mimeType: 'application/x-msdownload' })),
    ).rejects.toSatisfy(field('VALIDATION', 'mimeType'));
  });

  it('durations only for recordings, at most 5 minutes', async () => {
    await expect(uploadFile(deps, student, doc({ durationSeconds: 3 }))).rejects.toSatisfy(
      field('VALIDATION', 'durationSeconds'),
    );
    const voice = { name: 'v.webm', mimeType: 'audio/webm', data: webm(100), purpose: 'audio' as const };
    await expect(uploadFile(deps, student, { ...voice, durationSeconds: 301 })).rejects.toSatisfy(
      field('VALIDATION', 'durationSeconds'),
    );
    const ok = await uploadFile(deps, student, { ...voice, durationSeconds: 12.5 });
    expect((await getFile(deps, student, { id: ok.id })).durationSeconds).toBe(12.5);
  });

  it('the contract refuses the same limits before the service', () => {
    const tooBig = filesUpload.input.safeParse({
      name: 'v.webm',
      mimeType: 'audio/webm',
      data: webm(5 * MB + 1),
      purpose: 'audio',
    });
    expect(tooBig.success).toBe(false);
    const wrongType = filesUpload.input.safeParse({ ...doc(), purpose: 'audio' });
    expect(wrongType.success).toBe(false);
  });

  it('the bytes must begin like the declared type', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      randomBytes(40),
    ]);
    await expect(uploadFile(deps, student, doc({ data: png }))).rejects.toSatisfy(
      field('VALIDATION', 'data'),
    );
    expect(
      (await uploadFile(deps, student, doc({ name: 'p.png', mimeType: 'image/png', data: png }))).size,
    ).toBe(48);
    const zip = Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(40)]);
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect(contentMatchesType(docx, zip)).toBe(true);
    expect(contentMatchesType('application/pdf', Buffer.from('\r\n%PDF-1.4'))).toBe(true);
    expect(contentMatchesType('application/pdf', Buffer.from('PDF-1.4'))).toBe(false);
    expect(contentMatchesType(docx, pdf(40))).toBe(false);
    expect(contentMatchesType('text/csv', Buffer.from('name,grade\nAsha,7\n'))).toBe(true);
    expect(contentMatchesType('text/plain', Buffer.from([0x41, 0x00, 0x42]))).toBe(false);
    expect(contentMatchesType('audio/ogg', Buffer.from('OggS\0\0'))).toBe(true);
    expect(contentMatchesType('audio/mp4', Buffer.from('\0\0\0\x20ftypM4A '))).toBe(true);
    expect(contentMatchesType('audio/wav', Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBe(true);
    expect(contentMatchesType('audio/mpeg', Buffer.from('ID3\x04\0'))).toBe(true);
  });
});

describe('storage', () => {
  it('a 1 MB file round-trips byte for byte, with its metadata in GridFS', async () => {
    const bytes = pdf(MB);
    expect(bytes.byteLength).toBe(MB);
    const ref = await uploadFile(deps, student, doc({ name: 'big.pdf', data: bytes }));
    expect(ref).toMatchObject({ name: 'big.pdf', mimeType: 'application/pdf', size: MB });
    const back = await getFile(deps, student, { id: ref.id });
    expect(back).toMatchObject({ id: ref.id, name: 'big.pdf', size: MB, purpose: 'submission' });
    expect(back.data).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(back.data).equals(bytes)).toBe(true);
    filesUpload.output.parse(ref);
    filesGet.output.parse(back);

    const [stored] = await findFiles(handle, { _id: new Types.ObjectId(ref.id) });
    expect(stored?.metadata).toMatchObject({
      purpose: 'submission',
      uploadedByRole: 'student',
      mimeType: 'application/pdf',
      originalName: 'big.pdf',
    });
    expect(stored?.metadata.uploadedBy.toString()).toBe(student.userId);
    const chunks = await handle.conn.db?.collection('files.chunks').countDocuments({ files_id: stored?.id });
    expect(chunks).toBeGreaterThan(1);
    expect(
      await handle.models.ActivityLog.exists({ targetId: ref.id, action: 'CREATE', targetType: 'FILE' }),
    ).not.toBeNull();
  });

  it('names are sanitised for other people’s disks', async () => {
    expect(sanitizeFileName('report: final?.pdf')).toBe('report_ final_.pdf');
    expect(sanitizeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(sanitizeFileName('..hidden.pdf ')).toBe('hidden.pdf');
    expect(sanitizeFileName('a\u0000b\tc.pdf')).toBe('a_b_c.pdf');
    expect(sanitizeFileName('...')).toBe('file');
    const long = sanitizeFileName(`${'x'.repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
    const ref = await uploadFile(deps, student, doc({ name: 'my<draft>|v2.pdf' }));
    expect(ref.name).toBe('my_draft__v2.pdf');
  });
});

describe('who may read a file', () => {
  it('the uploader; anyone else only through what the file belongs to', async () => {
    const own = await uploadFile(deps, student, doc());
    expect((await getFile(deps, student, { id: own.id })).id).toBe(own.id);
    // Not yet handed in: nobody else sees it, not even the teacher or the admin.
    for (const actor of [classmate, teacher, admin]) {
      await expect(getFile(deps, actor, { id: own.id })).rejects.toSatisfy(code('NOT_FOUND'));
    }
  });

  it('voice notes: their sender and receiver only', async () => {
    const voice = await uploadFile(deps, teacher, {
      name: 'note.webm',
      mimeType: 'audio/webm',
      data: webm(500),
      purpose: 'audio',
    });
    await expect(getFile(deps, student, { id: voice.id })).rejects.toSatisfy(code('NOT_FOUND'));
    await sendMessage(deps, teacher, { receiverId: student.userId, audioFileId: voice.id });
    expect((await getFile(deps, student, { id: voice.id })).purpose).toBe('audio');
    await expect(getFile(deps, classmate, { id: voice.id })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(getFile(deps, admin, { id: voice.id })).rejects.toSatisfy(code('NOT_FOUND'));
  });

  it("unknown ids and another institution's files are NOT_FOUND", async () => {
    const own = await uploadFile(deps, student, doc());
    await expect(getFile(deps, otherAdmin, { id: own.id })).rejects.toSatisfy(code('NOT_FOUND'));
    await expect(getFile(deps, student, { id: '0123456789abcdef01234567' })).rejects.toSatisfy(
      code('NOT_FOUND'),
    );
    await expect(getFile(deps, student, { id: 'not-an-id' })).rejects.toSatisfy(code('NOT_FOUND'));
  });
});

describe('clean-up', () => {
  it('removes uploads nobody refers to after a day, and keeps the rest', async () => {
    const abandoned = await uploadFile(deps, teacher, doc({ purpose: 'attachment' }));
    const attached = await uploadFile(deps, teacher, doc({ purpose: 'attachment' }));
    await createAssignment(deps, teacher, {
      title: 'Kept',
      classIds: (await handle.models.Class.find({ teacherId: teacher.userId }, { _id: 1 }).lean()).map((c) =>
        c._id.toString(),
      ),
      dueDate: new Date(Date.now() + 3600_000),
      attachments: [attached.id],
    });
    // Within the day nothing goes.
    expect(await pruneUnreferencedUploads(handle, { now: new Date(Date.now() + 3600_000) })).toBe(0);
    const removed = await pruneUnreferencedUploads(handle, { now: new Date(Date.now() + 2 * 24 * 3600_000) });
    expect(removed).toBeGreaterThanOrEqual(1);
    await expect(getFile(deps, teacher, { id: abandoned.id })).rejects.toSatisfy(code('NOT_FOUND'));
    expect((await getFile(deps, teacher, { id: attached.id })).id).toBe(attached.id);
    // Voice notes that were sent stay too.
    const voices = await findFiles(handle, { 'metadata.purpose': 'audio' });
    const sent = await handle.models.Message.distinct('filePath', { messageType: 'audio' });
    expect(voices.map((v) => v.id.toString()).sort()).toEqual([...sent].map(String).sort());
  });

  it('checks each file once: files seen referenced are marked and skipped; a released one is checked again', async () => {
    const marked = async (id: string) =>
      (await handle.conn.db
        ?.collection('files.files')
        .findOne({ _id: new Types.ObjectId(id) }, { projection: { referenced: 1 } })) as {
        referenced?: boolean;
      } | null;
    const attached = await uploadFile(deps, teacher, doc({ purpose: 'attachment' }));
    const voice = await uploadFile(deps, teacher, {
      name: 'note.webm',
      mimeType: 'audio/webm',
      data: webm(500),
      purpose: 'audio',
    });
    const abandoned = await uploadFile(deps, teacher, doc({ purpose: 'attachment' }));
    await createAssignment(deps, teacher, {
      title: 'Marked',
      classIds: (await handle.models.Class.find({ teacherId: teacher.userId }, { _id: 1 }).lean()).map((c) =>
        c._id.toString(),
      ),
      dueDate: new Date(Date.now() + 3600_000),
      attachments: [attached.id],
    });
    const sent = await sendMessage(deps, teacher, { receiverId: student.userId, audioFileId: voice.id });
    // Marked by the writes that refer to them; an upload nobody used is not.
    expect((await marked(attached.id))?.referenced).toBe(true);
    expect((await marked(voice.id))?.referenced).toBe(true);
    expect((await marked(abandoned.id))?.referenced).toBeUndefined();

    const later = new Date(Date.now() + 2 * 24 * 3600_000);
    expect(await pruneUnreferencedUploads(handle, { now: later })).toBeGreaterThanOrEqual(1);
    expect(await marked(abandoned.id)).toBeNull();
    // Every file left is marked now: the next sweep reads no assignment and no message to check them.
    const commands = await commandsDuring(
      handle.conn.getClient(),
      () => pruneUnreferencedUploads(handle, { now: later }),
      admin.databaseName,
    );
    expect(commands.filter((c) => /assignments|messages/.test(c))).toEqual([]);

    // Deleting the message releases its voice note and removes it.
    await deleteMessage(deps, teacher, { id: sent.id });
    expect(await marked(voice.id)).toBeNull();
    // A file released but still referenced is checked by the next sweep, kept and marked again.
    await handle.conn.db
      ?.collection('files.files')
      .updateOne({ _id: new Types.ObjectId(attached.id) }, { $unset: { referenced: '' } });
    expect(await pruneUnreferencedUploads(handle, { now: later })).toBe(0);
    expect((await marked(attached.id))?.referenced).toBe(true);
  });
});
