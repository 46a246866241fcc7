/**
 * A school for the backup tests: people with passwords, a class, files (one over several chunks, one empty) and
 * values whose types plain JSON would lose; and fingerprints to compare a database before and after.
 */
import { createHash, randomBytes } from 'node:crypto';
import { BSON } from 'mongodb';
import { Types } from 'mongoose';
import { putFile, readFile } from '../../electron/core/db/files';
import { createClass } from '../../electron/core/services/classes';
import type { Actor, ServiceDeps } from '../../electron/core/services/context';
import { createUser } from '../../electron/core/services/users';
import { newInstitution, uniqueAdmin } from './services';

export { authDeps } from './services';

/** A school with people, a class, files (one over several chunks, one empty) and typed numbers. */
export async function school(
  deps: ServiceDeps,
): Promise<{ actor: Actor; username: string; fileIds: Types.ObjectId[] }> {
  const username = uniqueAdmin('Bk');
  const { actor } = await newInstitution(deps, username);
  const teacher = await createUser(deps, actor, {
    role: 'teacher',
    username: 'Pratik sir',
    password: 'Teach1234',
    name: 'Pratik Shah',
  });
  for (let i = 0; i < 30; i += 1) {
    await createUser(deps, actor, {
      role: 'student',
      username: `Student ${i}`,
      password: 'Learn1234',
      name: `S ${i}`,
    });
  }
  await createClass(deps, actor, { name: 'Class 9-A', grade: 9, section: 'A', teacherId: teacher.id });
  const tenant = await deps.db.tenant(actor.databaseName);
  // Types that plain JSON would lose: a double that looks whole, a long beyond 2^53, a date's milliseconds.
  await tenant.conn.db!.collection('notices').insertOne({
    title: 'types',
    double: new BSON.Double(2),
    long: BSON.Long.fromString('9007199254740993'),
    at: new Date('2026-01-02T03:04:05.678Z'),
  });
  // A read mark: marks live in their own collection, which the backup must carry too.
  const notice = await tenant.models.Notice.create({
    title: 'Sports day',
    body: 'On Friday.',
    audience: ['teacher'],
    createdBy: new Types.ObjectId(actor.userId),
  });
  await tenant.models.NoticeRead.create({
    noticeId: notice._id,
    userId: teacher.id,
    readAt: new Date('2026-01-02T03:04:05.678Z'),
  });
  const meta = {
    purpose: 'attachment' as const,
    uploadedBy: new Types.ObjectId(actor.userId),
    uploadedByRole: 'admin' as const,
    mimeType: 'application/octet-stream',
    originalName: 'x.bin',
  };
  const fileIds: Types.ObjectId[] = [];
  for (const size of [700_000, 0, 1234]) {
    fileIds.push((await putFile(tenant, `f${size}.bin`, randomBytes(size), meta)).id);
  }
  return { actor, username, fileIds };
}

/**
 * Per collection: the count and a SHA-256 over its documents in canonical EJSON, in _id order. GridFS chunks
 * are rebuilt with new ids: their count here, their bytes by `fileBytes`.
 */
export async function fingerprint(
  deps: ServiceDeps,
  databaseName: string,
): Promise<Record<string, { count: number; sha256: string }>> {
  const db = deps.db.master.getClient().db(databaseName);
  const out: Record<string, { count: number; sha256: string }> = {};
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    if (name.startsWith('system.') || name === 'activitylogs') continue;
    const hash = createHash('sha256');
    let count = 0;
    const cursor = db
      .collection(name)
      .find({}, { sort: { _id: 1 }, promoteValues: false, promoteLongs: false, promoteBuffers: false });
    for await (const doc of cursor) {
      hash.update(BSON.EJSON.stringify(doc, { relaxed: false }));
      count += 1;
    }
    out[name] = { count, sha256: name.endsWith('.chunks') ? 'bytes compared by file' : hash.digest('hex') };
  }
  return out;
}

export async function fileBytes(
  deps: ServiceDeps,
  databaseName: string,
  ids: Types.ObjectId[],
): Promise<string[]> {
  const tenant = await deps.db.tenant(databaseName);
  const out: string[] = [];
  for (const id of ids) {
    const file = await readFile(tenant, id);
    out.push(createHash('sha256').update(file!.data).digest('hex'));
  }
  return out;
}
