/**
 * Which component each route shows. One entry per page of `WORKSPACE_PAGES` (lib/routes.ts): a missing or
 * misspelt page is a type error. Pages live in their feature (`features/<feature>/components/<page>.tsx`) and
 * read their own sub-path (ids) with `useRoute()?.rest`.
 */
import type { ComponentType } from 'react';
import type { Role } from '../../../shared/roles';
import { ClassesPage } from '../features/admin-classes/components/classes-page';
import { DashboardPage } from '../features/admin-dashboard/components/dashboard-page';
import { PeoplePage } from '../features/admin-people/components/people-page';
import { SubjectsPage } from '../features/admin-subjects/components/subjects-page';
import { TimetablePage } from '../features/admin-timetable/components/timetable-page';
import { StudentPerformancePage } from '../features/analytics/components/student-performance-page';
import { TeacherAnalyticsPage } from '../features/analytics/components/teacher-analytics-page';
import { StudentAssignmentsPage } from '../features/assignments/components/student-assignments-page';
import { TeacherAssignmentsPage } from '../features/assignments/components/teacher-assignments-page';
import { TeacherClassesPage } from '../features/teacher-classes/components/teacher-classes-page';
import { StudentTimetablePage } from '../features/timetable-view/components/student-timetable-page';
import { TeacherMyDayPage } from '../features/timetable-view/components/teacher-my-day-page';
import { ActivityPage } from '../features/admin-activity/components/activity-page';
import { HealthPage } from '../features/admin-health/components/health-page';
import { SettingsPage } from '../features/admin-settings/components/settings-page';
import { OfficeAttendancePage } from '../features/attendance/components/office-attendance-page';
import { RegisterPage } from '../features/attendance/components/register-page';
import { StudentAttendancePage } from '../features/attendance/components/student-attendance-page';
import { CalendarPage } from '../features/calendar/components/calendar-page';
import { ChatPage } from '../features/chat/components/chat-page';
import { NoticesPage } from '../features/notices/components/notices-page';
import { ProfilePage } from '../features/profile/components/profile-page';
import { WORKSPACE_PAGES, type AppRoute, type PageOf } from '../lib/routes';

type RouteTable = { readonly [R in Role]: { readonly [P in PageOf<R>]: ComponentType } };

export const ROUTE_TABLE: RouteTable = {
  admin: {
    dashboard: DashboardPage,
    attendance: OfficeAttendancePage,
    people: PeoplePage,
    classes: ClassesPage,
    subjects: SubjectsPage,
    timetable: TimetablePage,
    calendar: CalendarPage,
    notices: NoticesPage,
    chat: ChatPage,
    activity: ActivityPage,
    health: HealthPage,
    settings: SettingsPage,
    profile: ProfilePage,
  },
  teacher: {
    'my-day': TeacherMyDayPage,
    register: RegisterPage,
    classes: TeacherClassesPage,
    assignments: TeacherAssignmentsPage,
    chat: ChatPage,
    calendar: CalendarPage,
    notices: NoticesPage,
    analytics: TeacherAnalyticsPage,
    profile: ProfilePage,
  },
  student: {
    timetable: StudentTimetablePage,
    assignments: StudentAssignmentsPage,
    attendance: StudentAttendancePage,
    chat: ChatPage,
    calendar: CalendarPage,
    notices: NoticesPage,
    performance: StudentPerformancePage,
    profile: ProfilePage,
  },
};

export function pageComponent(route: AppRoute): ComponentType {
  const pages: Readonly<Record<string, ComponentType | undefined>> = ROUTE_TABLE[route.workspace];
  // The table is complete (a type error otherwise); an unknown page falls back to the workspace's home.
  return pages[route.page] ?? pages[WORKSPACE_PAGES[route.workspace][0]] ?? (() => null);
}
