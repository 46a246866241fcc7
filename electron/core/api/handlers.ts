/** The handler table: one handler per channel of the contract (a missing one is a type error). */
import type { EngineSupervisor } from '../engine/supervisor';
import type { AuthDeps } from '../services/auth';
import type { AuthedHandlers, PublicHandlers } from './handler-types';
import { activityHandlers } from './handlers/activity';
import { analyticsHandlers } from './handlers/analytics';
import { assignmentsHandlers } from './handlers/assignments';
import { attendanceHandlers } from './handlers/attendance';
import { authHandlers, publicAuthHandlers } from './handlers/auth';
import { backupHandlers, publicArchiveHandlers } from './handlers/backup';
import { calendarHandlers } from './handlers/calendar';
import { classesHandlers } from './handlers/classes';
import { eventsHandlers } from './handlers/events';
import { devicesHandlers } from './handlers/devices';
import { enrolmentHandlers } from './handlers/enrolment';
import { filesHandlers } from './handlers/files';
import { importOriginalHandlers } from './handlers/import-original';
import { messagesHandlers } from './handlers/messages';
import { noticesHandlers } from './handlers/notices';
import { profileHandlers } from './handlers/profile';
import { schedulesHandlers } from './handlers/schedules';
import { subjectsHandlers } from './handlers/subjects';
import { systemHandlers } from './handlers/system';
import { timetableHandlers } from './handlers/timetable';
import { timetableDataHandlers } from './handlers/timetable-data';
import { usersHandlers } from './handlers/users';

export type Handlers = PublicHandlers & AuthedHandlers;

export function createHandlers(
  engine: EngineSupervisor,
  services: () => AuthDeps,
  version: string,
): Handlers {
  return {
    'system.ping': () => ({ pong: true, time: new Date() }),
    'system.status': () => ({ engine: engine.status(), version }),
    ...publicAuthHandlers(services),
    ...publicArchiveHandlers(services),
    ...authHandlers(services),
    ...usersHandlers,
    ...classesHandlers,
    ...subjectsHandlers,
    ...schedulesHandlers,
    ...assignmentsHandlers,
    ...filesHandlers(services),
    ...messagesHandlers,
    ...calendarHandlers,
    ...noticesHandlers,
    ...activityHandlers,
    ...attendanceHandlers,
    ...analyticsHandlers,
    ...systemHandlers,
    ...eventsHandlers(services),
    ...devicesHandlers,
    ...importOriginalHandlers(services),
    ...backupHandlers(services),
    ...timetableDataHandlers,
    ...timetableHandlers,
    ...profileHandlers,
    ...enrolmentHandlers,
  };
}
