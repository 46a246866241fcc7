/**
 * Notices written by an older version kept their read marks inside them (`readBy`, a list of reader ids). This
 * moves each notice's marks into `noticereads` and then removes the list, one notice at a time, so a run cut
 * short resumes where it stopped: marks already moved are not written twice, and a notice loses its list only
 * after its marks are stored. Runs with the tenant's index check, before any query of the tenant; costs one
 * probe when there is nothing to do.
 */
import { Types } from 'mongoose';
import { guardCollection } from '../guarded-collection';
import type { TenantModels } from './index';

/** Notices read per round: each may carry thousands of marks. */
const BATCH = 20;
/** Marks inserted per command. */
const INSERT_CHUNK = 1000;

interface OldNotice {
  _id: Types.ObjectId;
  readBy?: unknown;
}

export interface MovedReadMarks {
  notices: number;
  marks: number;
}

export async function backfillNoticeReads(models: TenantModels): Promise<MovedReadMarks> {
  // The raw collection: `readBy` is no longer in the schema, and mongoose would drop it from the filter.
  const notices = guardCollection(models.Notice.collection);
  const moved: MovedReadMarks = { notices: 0, marks: 0 };
  for (;;) {
    const batch = await notices
      .find<OldNotice>({ readBy: { $exists: true } }, { projection: { readBy: 1 } })
      .limit(BATCH)
      .toArray();
    if (batch.length === 0) return moved;
    for (const notice of batch) {
      moved.marks += await moveMarks(models, notice);
      await notices.updateOne({ _id: notice._id }, { $unset: { readBy: '' } });
      moved.notices += 1;
    }
  }
}

/** The notice's marks not yet in `noticereads` (a previous run may have stored some), inserted. */
async function moveMarks(models: TenantModels, notice: OldNotice): Promise<number> {
  const readers = Array.isArray(notice.readBy)
    ? notice.readBy.filter((id): id is Types.ObjectId => id instanceof Types.ObjectId)
    : [];
  if (readers.length === 0) return 0;
  const stored = new Set(
    (await models.NoticeRead.distinct('userId', { noticeId: notice._id })).map((id) => String(id)),
  );
  const fresh = [...new Map(readers.map((id) => [id.toString(), id])).values()].filter(
    (id) => !stored.has(id.toString()),
  );
  for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
    await models.NoticeRead.insertMany(
      fresh.slice(i, i + INSERT_CHUNK).map((userId) => ({ noticeId: notice._id, userId })),
      { ordered: false },
    );
  }
  return fresh.length;
}
