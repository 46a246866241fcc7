import type { z } from 'zod';
import type { ChannelDefinition } from './channel';
import { activityList } from './activity';
import {
  attendanceClass,
  attendanceDay,
  attendanceExcuse,
  attendanceExport,
  attendanceRegister,
  attendanceSave,
  attendanceSettings,
  attendanceStudent,
  attendanceUpdateSettings,
} from './attendance';
import { analyticsClass, analyticsInstitution, analyticsStudent } from './analytics';
import {
  assignmentsCreate,
  assignmentsDelete,
  assignmentsGet,
  assignmentsGrade,
  assignmentsList,
  assignmentsReview,
  assignmentsSubmit,
  assignmentsUpdate,
} from './assignments';
import { institutionArchive, institutionReactivate } from './archive';
import {
  authChangePassword,
  authInstitutions,
  authLogin,
  authLogout,
  authMe,
  authRegisterInstitution,
} from './auth';
import {
  systemBackup,
  systemBackupOpen,
  systemBackupSave,
  systemBackupSchedule,
  systemBackups,
  systemRestore,
} from './backup';
import {
  calendarCreate,
  calendarDelete,
  calendarHolidayCountries,
  calendarImportHolidays,
  calendarList,
  calendarUpdate,
} from './calendar';
import {
  classesAddStudents,
  classesAssignTeacher,
  classesCreate,
  classesDelete,
  classesGet,
  classesList,
  classesRemoveStudent,
  classesUpdate,
} from './classes';
import { eventsTicket } from './events';
import { filesGet, filesLink, filesUpload } from './files';
import { devicesAdd, devicesList, devicesRevoke, devicesSetBrowsers } from './devices';
import { institutionImportFromOriginal } from './import-original';
import { classesMoveStudent, classesNumberAlphabetically, classesSetRollNumber } from './enrolment';
import { institutionDelete, institutionGet, institutionUpdate } from './institution';
import {
  messagesClear,
  messagesConversations,
  messagesDelete,
  messagesMarkRead,
  messagesSend,
  messagesThread,
  messagesUnreadCounts,
} from './messages';
import { profileGet, profileUpdate } from './profile';
import { noticesCreate, noticesDelete, noticesList, noticesMarkRead, noticesUpdate } from './notices';
import { schedulesCreate, schedulesDelete, schedulesList, schedulesUpdate } from './schedules';
import { subjectsCreate, subjectsDelete, subjectsList, subjectsUpdate } from './subjects';
import { systemHealth, systemPing, systemStatus } from './system';
import {
  timetableAccept,
  timetableCancel,
  timetableDiscard,
  timetableGenerate,
  timetablePreview,
} from './timetable';
import {
  availabilityGet,
  availabilitySet,
  lessonsCreate,
  lessonsDelete,
  lessonsList,
  lessonsUpdate,
  roomsCreate,
  roomsDelete,
  roomsList,
  roomsUpdate,
  weekGet,
  weekUpdate,
} from './timetable-data';
import { usersCreate, usersDelete, usersGet, usersImport, usersList, usersUpdate } from './users';

export * from './activity';
export * from './attendance';
export * from './analytics';
export * from './assignments';
export * from './archive';
export * from './auth';
export * from './backup';
export * from './calendar';
export * from './channel';
export * from './classes';
export * from './devices';
export * from './enrolment';
export * from './errors';
export * from './events';
export * from './files';
export * from './import-original';
export * from './institution';
export * from './messages';
export * from './notices';
export * from './profile';
export * from './schedules';
export * from './subjects';
export * from './system';
export * from './timetable';
export * from './timetable-data';
export * from './users';
// The building blocks stay in './common' (generic names such as `text`); only the shared shapes' types are here.
export type { FileRef, PersonRef } from './common';
export { EXACT_COUNT_LIMIT } from './common';

/** Adds definitions to the table, keyed by their names (a name used twice is a type error and a throw). */
function table<const Defs extends readonly ChannelDefinition[]>(
  ...defs: Defs
): { readonly [D in Defs[number] as D['name']]: D } {
  const out: Record<string, ChannelDefinition> = {};
  for (const def of defs) {
    if (Object.hasOwn(out, def.name)) throw new Error(`channel "${def.name}" is defined twice`);
    out[def.name] = def;
  }
  return Object.freeze(out) as { readonly [D in Defs[number] as D['name']]: D };
}

/** The channels after system.ping/status. */
export const apiChannels = table(
  authRegisterInstitution,
  authLogin,
  authMe,
  authLogout,
  authChangePassword,
  institutionGet,
  institutionUpdate,
  institutionDelete,
  usersList,
  usersGet,
  usersCreate,
  usersUpdate,
  usersDelete,
  usersImport,
  classesList,
  classesGet,
  classesCreate,
  classesUpdate,
  classesDelete,
  classesAssignTeacher,
  classesAddStudents,
  classesRemoveStudent,
  subjectsList,
  subjectsCreate,
  subjectsUpdate,
  subjectsDelete,
  schedulesList,
  schedulesCreate,
  schedulesUpdate,
  schedulesDelete,
  assignmentsList,
  assignmentsGet,
  assignmentsCreate,
  assignmentsUpdate,
  assignmentsDelete,
  assignmentsSubmit,
  assignmentsReview,
  assignmentsGrade,
  messagesConversations,
  messagesThread,
  messagesSend,
  messagesMarkRead,
  messagesUnreadCounts,
  filesUpload,
  filesGet,
  calendarList,
  calendarCreate,
  calendarUpdate,
  calendarDelete,
  calendarHolidayCountries,
  calendarImportHolidays,
  noticesList,
  noticesCreate,
  noticesDelete,
  noticesMarkRead,
  activityList,
  analyticsStudent,
  analyticsClass,
  analyticsInstitution,
  systemHealth,
  attendanceRegister,
  attendanceSave,
  attendanceExcuse,
  attendanceDay,
  attendanceStudent,
  attendanceClass,
  attendanceExport,
  attendanceSettings,
  attendanceUpdateSettings,
  eventsTicket,
  filesLink,
  devicesList,
  devicesAdd,
  devicesRevoke,
  devicesSetBrowsers,
  institutionImportFromOriginal,
  systemBackup,
  systemBackups,
  systemBackupSchedule,
  systemBackupSave,
  systemBackupOpen,
  systemRestore,
  institutionArchive,
  institutionReactivate,
  weekGet,
  weekUpdate,
  roomsList,
  roomsCreate,
  roomsUpdate,
  roomsDelete,
  lessonsList,
  lessonsCreate,
  lessonsUpdate,
  lessonsDelete,
  availabilityGet,
  availabilitySet,
  timetableGenerate,
  timetablePreview,
  timetableAccept,
  timetableDiscard,
  timetableCancel,
  authInstitutions,
  profileGet,
  profileUpdate,
  classesSetRollNumber,
  classesNumberAlphabetically,
  classesMoveStudent,
  messagesDelete,
  messagesClear,
  noticesUpdate,
);
export type ApiChannels = typeof apiChannels;

/** Every channel of the API. The router and the clients derive everything from this table. */
export const allChannels = table(systemPing, systemStatus, ...Object.values(apiChannels));
export type AllChannels = typeof allChannels;
/** What a service receives for a channel: its input after the schema's defaults and transforms. */
export type ServiceInput<N extends keyof AllChannels> = z.output<AllChannels[N]['input']>;
export const channels = allChannels;

export type Channels = typeof channels;
export type ChannelName = Extract<keyof Channels, string>;
/** What the caller sends (before zod defaults/transforms). */
export type ChannelInput<N extends ChannelName> = z.input<Channels[N]['input']>;
/** What the caller receives. */
export type ChannelOutput<N extends ChannelName> = z.output<Channels[N]['output']>;

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}

export type AllChannelName = Extract<keyof AllChannels, string>;
/** What the caller sends on any channel of the whole API (before zod defaults/transforms). */
export type AllChannelInput<N extends AllChannelName> = z.input<AllChannels[N]['input']>;
/** What the caller receives on any channel of the whole API. */
export type AllChannelOutput<N extends AllChannelName> = z.output<AllChannels[N]['output']>;

/** The async client every caller (renderer, tests) uses; one method, typed by the whole API's table. */
export interface CrmApi {
  invoke<N extends AllChannelName>(name: N, input: AllChannelInput<N>): Promise<AllChannelOutput<N>>;
}
