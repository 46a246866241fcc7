/**
 * The original's activity: the master `adminactivitylogs` (`adminUsername`, `action`, `targetType`, a string
 * `targetId`, `createdAt`) of the school's admin go into both of our logs, as our admin actions do; a tenant
 * `activitylogs` file, where present, into the institution's log.
 */
import type { PlannedAdmin } from './plan-people';
import type { ReportBuilder } from './report';
import { dateOf, idOf, textOf, type Doc } from './values';

/** Details worth keeping: plain data, no operator-like keys, small. */
function detailsOf(value: unknown, extra: Doc): Doc | undefined {
  const base = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Doc) : {};
  const merged = { ...base, ...extra };
  if (Object.keys(merged).length === 0) return undefined;
  const json = JSON.stringify(merged);
  if (json.length > 4000 || /"[$][^"]*"\s*:|"[^"]*\.[^"]*"\s*:/.test(json))
    return Object.keys(extra).length ? extra : undefined;
  return JSON.parse(json) as Doc;
}

function entryOf(doc: Doc, username: string): Doc | undefined {
  const id = idOf(doc._id);
  const action = textOf(doc.action, 64)?.text;
  const targetType = textOf(doc.targetType, 64)?.text;
  const timestamp = dateOf(doc.timestamp) ?? dateOf(doc.createdAt);
  if (!id || !action || !targetType || !timestamp) return undefined;
  const rawTarget = doc.targetId;
  const targetId = idOf(rawTarget);
  // Our targetId is an ObjectId; the original's free-text ids are kept in the details.
  const extra: Doc =
    !targetId && typeof rawTarget === 'string' && rawTarget !== ''
      ? { originalTargetId: rawTarget.slice(0, 200) }
      : {};
  const details = detailsOf(doc.details, extra);
  return {
    _id: id,
    username: username.slice(0, 64),
    action,
    targetType,
    ...(targetId ? { targetId } : {}),
    ...(textOf(doc.targetName, 300) ? { targetName: textOf(doc.targetName, 300)?.text } : {}),
    ...(details ? { details } : {}),
    ipAddress: textOf(doc.ipAddress, 64)?.text ?? 'original system',
    userAgent: textOf(doc.userAgent, 300)?.text ?? '',
    timestamp,
  };
}

export function planAdminLogs(
  docs: readonly Doc[],
  report: ReportBuilder,
  admin: PlannedAdmin,
): { master: Doc[]; tenant: Doc[] } {
  const master: Doc[] = [];
  const tenant: Doc[] = [];
  let others = 0;
  let unreadable = 0;
  for (const doc of docs) {
    const theirs = idOf(doc.adminId) === admin._id || doc.adminUsername === admin.originalUsername;
    if (!theirs) {
      others += 1;
      continue;
    }
    const entry = entryOf(doc, admin.username);
    if (!entry) {
      unreadable += 1;
      continue;
    }
    master.push({ ...entry, adminId: admin._id });
    tenant.push({ ...entry, userId: admin._id, role: 'admin' });
  }
  report.found('adminactivitylogs', docs.length - others);
  report.created('adminactivitylogs', master.length);
  if (others > 0) {
    report.note({
      kind: 'dropped',
      collection: 'adminactivitylogs',
      subject: 'Other admins',
      message: `${others} entr${others === 1 ? 'y belongs' : 'ies belong'} to other institutions' admins and stay${others === 1 ? 's' : ''} behind.`,
    });
  }
  if (unreadable > 0) {
    report.note({
      kind: 'skipped',
      collection: 'adminactivitylogs',
      subject: 'Entries',
      message: `${unreadable} entries without an _id, action, target type or date are skipped.`,
    });
  }
  if (master.length > 0) {
    report.map(
      'adminactivitylogs',
      undefined,
      'Activity log',
      `${master.length} entries of ${admin.originalUsername} go into the institution's log and the installation's log (createdAt becomes the time, a free-text targetId is kept in the details).`,
    );
  }
  return { master, tenant };
}

export function planTenantLogs(
  docs: readonly Doc[],
  report: ReportBuilder,
  names: ReadonlyMap<string, string>,
): Doc[] {
  report.found('activitylogs', docs.length);
  const out: Doc[] = [];
  for (const doc of docs) {
    const userId = idOf(doc.userId);
    const username = (userId && names.get(userId)) ?? textOf(doc.username, 64)?.text ?? 'unknown';
    const entry = entryOf(doc, username);
    if (!entry) continue;
    const role =
      typeof doc.role === 'string' && ['admin', 'teacher', 'student'].includes(doc.role)
        ? doc.role
        : 'unknown';
    out.push({ ...entry, ...(userId ? { userId } : {}), role });
  }
  report.created('activitylogs', out.length);
  return out;
}
