/**
 * What the institution report reads that grows with the school: every class's name, grade and number of
 * students (a year's class lists hold every student id: 31 ms of 74 at 5,000 students), the school's sum of
 * assignment figures and the figures of the assignments not yet due (34 ms: the sum holds every class's and
 * every day's figures). Kept in the process where the station is the one writer (the runtime makes
 * `InstitutionReports` on the embedded engine only), under the report generation: the class and figures
 * models' hooks move it around every write that could change them (db/tenant/report-generation.ts), so a new
 * class, a moved student or a hand-in shows from the next call.
 */
import type { Types } from 'mongoose';
import type { TenantHandle } from '../db/database-manager';
import { readAssignmentFigures } from '../db/tenant/figures-upkeep';
import { reportGeneration } from '../db/tenant/report-generation';
import type { ServiceDeps } from './context';
import { createKeptValues, type InstitutionReports, type ReportBase } from './kept-values';

export type { InstitutionReports, ReportBase };

/** One base per institution; a station serves a few. */
const MAX_INSTITUTIONS = 20;

export function createInstitutionReports(
  options: { maxAgeMs?: number; now?: () => number } = {},
): InstitutionReports {
  return createKeptValues<ReportBase>({
    generationOf: reportGeneration,
    maxEntries: MAX_INSTITUTIONS,
    ...options,
  });
}

async function readReportBase(
  handle: TenantHandle,
  dueDate: { $gte?: Date; $lte?: Date },
  readAt: Date,
): Promise<ReportBase> {
  const [classes, figures] = await Promise.all([
    handle.models.Class.find({}, { name: 1, grade: 1, students: 1 }).lean<
      Array<{ _id: Types.ObjectId; name: string; grade: number; students: Types.ObjectId[] }>
    >(),
    readAssignmentFigures(handle.conn, dueDate),
  ]);
  return {
    classes: classes.map((c) => ({ _id: c._id, name: c.name, grade: c.grade, students: c.students.length })),
    ...figures,
    readAt: readAt.getTime(),
  };
}

/**
 * The classes, the school's figures and those of the assignments due in `window` (without one: not yet due
 * at `now`). Without a window, kept where the runtime keeps reports: what was read at an earlier moment
 * holds every assignment due from then on, and those already due are left out here.
 */
export async function reportBaseOf(
  deps: ServiceDeps,
  handle: TenantHandle,
  window: { $gte?: Date; $lte?: Date } | undefined,
  now: Date,
): Promise<ReportBase> {
  if (window) return readReportBase(handle, window, now);
  const read = () => readReportBase(handle, { $gte: now }, now);
  const base = deps.institutionReports
    ? await deps.institutionReports.get(handle.databaseName, 'base', read, (b) => b.readAt <= now.getTime())
    : await read();
  const due = now.getTime();
  return { ...base, assignments: base.assignments.filter((a) => (a.dueDate?.getTime() ?? -Infinity) >= due) };
}
