/**
 * Roll numbers as other services read them: a student's number within their class, kept on the student (a
 * student is in one class at most) and cleared whenever they leave it. Setting them: services/enrolment.ts.
 */
import type { Types } from 'mongoose';
import type { TenantModels } from '../db/tenant';
import { keptRollNumbers } from './kept-references';

/** id → roll number of the given students (those without one are left out), kept between writes. */
export async function rollNumbersOf(
  models: TenantModels,
  ids: readonly (string | Types.ObjectId)[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  return keptRollNumbers(models.User.db, ids.map(String), async (missing) => {
    const users = await models.User.find(
      { _id: { $in: missing }, rollNumber: { $exists: true } },
      { rollNumber: 1 },
    ).lean();
    return new Map(
      users.flatMap((u) => (typeof u.rollNumber === 'number' ? [[u._id.toString(), u.rollNumber]] : [])),
    );
  });
}

/** Roll number first (those without one last), then name: the order of a register or a class list. */
export function byRollNumber(
  a: { rollNumber?: number; name: string },
  b: { rollNumber?: number; name: string },
) {
  const ra = a.rollNumber ?? Number.POSITIVE_INFINITY;
  const rb = b.rollNumber ?? Number.POSITIVE_INFINITY;
  return ra !== rb ? ra - rb : a.name.localeCompare(b.name);
}

/** Students who left a class lose its roll numbers. */
export async function clearRollNumbers(
  models: TenantModels,
  studentIds: readonly Types.ObjectId[],
): Promise<void> {
  if (studentIds.length === 0) return;
  await models.User.updateMany({ _id: { $in: studentIds } }, { $unset: { rollNumber: 1 } });
}
