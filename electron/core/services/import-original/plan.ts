/**
 * From the parsed export to what will be written: every document mapped, fixed or skipped, with the reason in
 * the report. Pure (no database): the dry run is this plan, and the import writes exactly this plan.
 */
import type { OriginalImportReport } from '../../../../shared/contract/import-original';
import { planAssignments, planCalendar, planMessages, planNotices } from './plan-communication';
import { planAdminLogs, planTenantLogs } from './plan-logs';
import { planAdmin, planClasses, planUsers, type PeopleIndex, type PlannedAdmin } from './plan-people';
import { planSchedules, planSubjects } from './plan-teaching';
import type { ExportCollection, readExport } from './read-export';
import { ReportBuilder } from './report';
import type { Doc } from './values';

export interface TenantRecords {
  User: Doc[];
  Class: Doc[];
  Subject: Doc[];
  Schedule: Doc[];
  Message: Doc[];
  Calendar: Doc[];
  Notice: Doc[];
  NoticeRead: Doc[];
  Assignment: Doc[];
  ActivityLog: Doc[];
}

export interface ImportPlan {
  sourceDatabase: string;
  admin: PlannedAdmin | undefined;
  tenant: TenantRecords;
  masterLogs: Doc[];
  report: ReportBuilder;
  files: OriginalImportReport['files'];
}

const TENANT_CARRIED = new Set([
  'users',
  'classes',
  'subjects',
  'schedules',
  'messages',
  'calendars',
  'calendarevents',
  'notices',
  'assignments',
  'activitylogs',
]);
const MASTER_CARRIED = new Set(['adminregistries', 'adminactivitylogs']);

/** Why a collection we know of is read and left. */
const LEFT_BEHIND: Readonly<Record<string, string>> = {
  schedulelogs: "The original's history of timetable changes; the timetable itself is imported.",
  studentallotmentlogs: "The original's history of class allotments; the classes themselves are imported.",
  noticelogs: "The original's history of notices; the notices themselves are imported.",
  masteractivitylogs: 'Our own log; the original keeps its admin log in adminactivitylogs.',
};

function fileRows(
  collections: Iterable<ExportCollection>,
  carried: Set<string>,
): OriginalImportReport['files'] {
  return [...collections].map((c) => ({
    name: c.file,
    collection: c.collection,
    documents: c.docs.length,
    carried: carried.has(c.collection),
    ...(carried.has(c.collection)
      ? {}
      : { note: LEFT_BEHIND[c.collection] ?? 'A collection we have no place for: read and left.' }),
  }));
}

export function planImport(exported: ReturnType<typeof readExport>): ImportPlan {
  const report = new ReportBuilder();
  const docsOf = (collection: string) => exported.tenant.get(collection)?.docs ?? [];
  const registry = exported.master.get('adminregistries')?.docs ?? [];
  const admin = planAdmin(registry, exported.tenantDatabase, report);
  const index: PeopleIndex = {
    adminId: admin?._id ?? '',
    users: new Map(),
    classes: new Map(),
    classHints: new Map(),
  };

  const User = planUsers(docsOf('users'), report, index);
  const Class = planClasses(docsOf('classes'), report, index);
  const { schedules: Schedule, taught } = planSchedules(docsOf('schedules'), report, index);
  for (const cls of Class)
    cls.subjects = [...(taught.classSubjects.get(cls._id as string) ?? [])].slice(0, 30);
  const Subject = planSubjects(docsOf('subjects'), report, index, taught);
  const Message = planMessages(docsOf('messages'), report, index);
  const Calendar = [
    ...planCalendar('calendars', docsOf('calendars'), report, index),
    ...planCalendar('calendarevents', docsOf('calendarevents'), report, index),
  ];
  const { notices: Notice, reads: NoticeRead } = planNotices(docsOf('notices'), report, index);
  const Assignment = planAssignments(docsOf('assignments'), report, index);
  const names = new Map([...index.users].map(([id, u]) => [id, u.username]));
  const ActivityLog = planTenantLogs(docsOf('activitylogs'), report, names);
  let masterLogs: Doc[] = [];
  if (admin) {
    names.set(admin._id, admin.username);
    const logs = planAdminLogs(exported.master.get('adminactivitylogs')?.docs ?? [], report, admin);
    masterLogs = logs.master;
    ActivityLog.push(...logs.tenant);
  }
  if (User.length === 0) report.problem('No teacher or student of the users file can be imported.');
  // Calendar and log entries of the two sources share no ids, but a file given as both must not clash.
  const calendarIds = new Set<string>();
  const dedupedCalendar = Calendar.filter(
    (e) => !calendarIds.has(e._id as string) && calendarIds.add(e._id as string),
  );

  return {
    sourceDatabase: exported.tenantDatabase,
    admin,
    tenant: {
      User,
      Class,
      Subject,
      Schedule,
      Message,
      Calendar: dedupedCalendar,
      Notice,
      NoticeRead,
      Assignment,
      ActivityLog,
    },
    masterLogs,
    report,
    files: [
      ...fileRows(exported.master.values(), MASTER_CARRIED),
      ...fileRows(exported.tenant.values(), TENANT_CARRIED),
    ],
  };
}
