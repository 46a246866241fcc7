/** The teacher workspace's pages: one chunk, loaded when a teacher signs in (app/route-table.tsx). */
import type { ComponentType } from 'react';
import { CalendarPage } from '../../features/calendar/components/calendar-page';
import { ChatPage } from '../../features/chat/components/chat-page';
import { NoticesPage } from '../../features/notices/components/notices-page';
import { RegisterPage } from '../../features/attendance/components/register-page';
import { TeacherAnalyticsPage } from '../../features/analytics/components/teacher-analytics-page';
import { TeacherAssignmentsPage } from '../../features/assignments/components/teacher-assignments-page';
import { TeacherClassesPage } from '../../features/teacher-classes/components/teacher-classes-page';
import { TeacherMyDayPage } from '../../features/timetable-view/components/teacher-my-day-page';
import { ProfilePage } from '../../features/profile/components/profile-page';
import type { PageOf } from '../../lib/routes';

export const PAGES: { readonly [P in PageOf<'teacher'>]: ComponentType } = {
  'my-day': TeacherMyDayPage,
  register: RegisterPage,
  classes: TeacherClassesPage,
  assignments: TeacherAssignmentsPage,
  chat: ChatPage,
  calendar: CalendarPage,
  notices: NoticesPage,
  analytics: TeacherAnalyticsPage,
  profile: ProfilePage,
};
