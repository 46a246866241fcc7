/** The admin workspace's pages: one chunk, loaded when a admin signs in (app/route-table.tsx). */
import type { ComponentType } from 'react';
import { ActivityPage } from '../../features/admin-activity/components/activity-page';
import { CalendarPage } from '../../features/calendar/components/calendar-page';
import { ChatPage } from '../../features/chat/components/chat-page';
import { ClassesPage } from '../../features/admin-classes/components/classes-page';
import { DashboardPage } from '../../features/admin-dashboard/components/dashboard-page';
import { DevicesPage } from '../../features/admin-devices/components/devices-page';
import { InstitutionAnalyticsPage } from '../../features/analytics/components/institution-analytics-page';
import { HealthPage } from '../../features/admin-health/components/health-page';
import { NoticesPage } from '../../features/notices/components/notices-page';
import { OfficeAttendancePage } from '../../features/attendance/components/office-attendance-page';
import { PeoplePage } from '../../features/admin-people/components/people-page';
import { SettingsPage } from '../../features/admin-settings/components/settings-page';
import { SubjectsPage } from '../../features/admin-subjects/components/subjects-page';
import { TimetablePage } from '../../features/admin-timetable/components/timetable-page';
import { ProfilePage } from '../../features/profile/components/profile-page';
import type { PageOf } from '../../lib/routes';

export const PAGES: { readonly [P in PageOf<'admin'>]: ComponentType } = {
  dashboard: DashboardPage,
  analytics: InstitutionAnalyticsPage,
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
  devices: DevicesPage,
  settings: SettingsPage,
  profile: ProfilePage,
};
