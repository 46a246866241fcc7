/**
 * The day-before reminder (issue 19): a notice to each student who has not handed in an assignment due within
 * the next 24 hours. One pass over every active institution; the runtime calls it from one timer. Idempotent per
 * assignment: the assignment is marked (`reminderSentAt`) in the same pass, and a marked one is never reminded
 * again, so passes can run as often as the timer likes (and after a restart) without a second reminder.
 */
import type { Types } from 'mongoose';
import type { DatabaseManager } from '../db/database-manager';
import type { TenantModels } from '../db/tenant';
import { dueWords } from './notices';

const DAY_MS = 24 * 60 * 60 * 1000;

interface DueAssignment {
  _id: Types.ObjectId;
  title: string;
  teacherId: Types.ObjectId;
  classIds: Types.ObjectId[];
  dueDate: Date;
  submissions: { studentId: Types.ObjectId; status: string }[];
}

/** One institution's reminders for assignments due in (now, now + 24 h]; answers how many notices it wrote. */
export async function sendDueReminders(models: TenantModels, now: Date): Promise<number> {
  const due = await models.Assignment.find(
    {
      dueDate: { $gt: now, $lte: new Date(now.getTime() + DAY_MS) },
      reminderSentAt: { $exists: false },
    },
    { title: 1, teacherId: 1, classIds: 1, dueDate: 1, 'submissions.studentId': 1, 'submissions.status': 1 },
  )
    .sort({ dueDate: 1, _id: 1 })
    .lean<DueAssignment[]>();
  let written = 0;
  for (const a of due) {
    // Claim it first: of two passes at once, only the one that marks it writes the notice.
    const claimed = await models.Assignment.updateOne(
      { _id: a._id, reminderSentAt: { $exists: false } },
      { $set: { reminderSentAt: now } },
    );
    if (claimed.modifiedCount === 0) continue;
    const handedIn = new Set(
      a.submissions
        .filter((s) => s.status === 'submitted' || s.status === 'graded')
        .map((s) => s.studentId.toString()),
    );
    const classes = await models.Class.find({ _id: { $in: a.classIds } }, { students: 1 }).lean();
    const waiting = [
      ...new Map(
        classes
          .flatMap((c) => c.students)
          .filter((s) => !handedIn.has(s.toString()))
          .map((s) => [s.toString(), s]),
      ).values(),
    ];
    if (waiting.length === 0) continue;
    await models.Notice.create({
      title: `Due tomorrow: ${a.title}`.slice(0, 200),
      body: `“${a.title}” is due ${dueWords(a.dueDate)} and you have not handed it in yet.`,
      audience: ['student'],
      recipientIds: waiting,
      assignmentId: a._id,
      createdBy: a.teacherId,
    });
    written += 1;
  }
  return written;
}

/** Every active institution's reminders (the runtime's timer). */
export async function sendDueRemindersEverywhere(db: DatabaseManager, now = new Date()): Promise<number> {
  const institutions = await db.masterModels.AdminRegistry.find(
    { state: 'active' },
    { databaseName: 1 },
  ).lean();
  let written = 0;
  for (const { databaseName } of institutions) {
    written += await sendDueReminders((await db.tenant(databaseName)).models, now);
  }
  return written;
}
