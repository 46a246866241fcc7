/** The student workspace's pages: one chunk, loaded when a student signs in (app/route-table.tsx). */
import type { ComponentType } from 'react';
import { CalendarPage } from '../../features/calendar/components/calendar-page';
import { ChatPage } from '../../features/chat/components/chat-page';
import { NoticesPage } from '../../features/notices/components/notices-page';
import { StudentAssignmentsPage } from '../../features/assignments/components/student-assignments-page';
import { StudentAttendancePage } from '../../features/attendance/components/student-attendance-page';
import { StudentPerformancePage } from '../../features/analytics/components/student-performance-page';
import { StudentTimetablePage } from '../../features/timetable-view/components/student-timetable-page';
import { ProfilePage } from '../../features/profile/components/profile-page';
import type { PageOf } from '../../lib/routes';

export const PAGES: { readonly [P in PageOf<'student'>]: ComponentType } = {
  timetable: StudentTimetablePage,
  assignments: StudentAssignmentsPage,
  attendance: StudentAttendancePage,
  chat: ChatPage,
  calendar: CalendarPage,
  notices: NoticesPage,
  performance: StudentPerformancePage,
  profile: ProfilePage,
};
