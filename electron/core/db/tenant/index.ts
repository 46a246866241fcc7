/** The tenant database's models, compiled once per tenant handle. */
import type { Connection, Model, Schema } from 'mongoose';
import type { UpdateIdentities } from '../update-serialization';
import { activityLogSchema, type ActivityLogDoc } from './activity-log';
import { assignmentSchema, type AssignmentDoc } from './assignment';
import { assignmentFiguresSchema, type AssignmentFiguresDoc } from './assignment-figures';
import { attendanceSchema, type AttendanceDoc } from './attendance';
import { attendanceDaySchema, type AttendanceDayDoc } from './attendance-day';
import { attendanceSettingsSchema, type AttendanceSettingsDoc } from './attendance-settings';
import { calendarSchema, type CalendarDoc } from './calendar';
import { classSchema, type ClassDoc } from './class';
import { lessonSchema, type LessonDoc } from './lesson';
import { roomSchema, type RoomDoc } from './room';
import { schoolWeekSchema, type SchoolWeekDoc } from './school-week';
import { teacherLimitsSchema, type TeacherLimitsDoc } from './teacher-limits';
import { conversationSchema, type ConversationDoc } from './conversation';
import { messageSchema, type MessageDoc } from './message';
import { noticeSchema, type NoticeDoc } from './notice';
import { noticeReadSchema, type NoticeReadDoc } from './notice-read';
import { scheduleSchema, type ScheduleDoc } from './schedule';
import { subjectSchema, type SubjectDoc } from './subject';
import { userSchema, type UserDoc } from './user';

export interface TenantModels {
  User: Model<UserDoc>;
  Class: Model<ClassDoc>;
  Schedule: Model<ScheduleDoc>;
  Assignment: Model<AssignmentDoc>;
  Message: Model<MessageDoc>;
  Conversation: Model<ConversationDoc>;
  Calendar: Model<CalendarDoc>;
  Subject: Model<SubjectDoc>;
  ActivityLog: Model<ActivityLogDoc>;
  Notice: Model<NoticeDoc>;
  NoticeRead: Model<NoticeReadDoc>;
  Attendance: Model<AttendanceDoc>;
  AttendanceDay: Model<AttendanceDayDoc>;
  SchoolWeek: Model<SchoolWeekDoc>;
  Room: Model<RoomDoc>;
  Lesson: Model<LessonDoc>;
  TeacherLimits: Model<TeacherLimitsDoc>;
  AttendanceSettings: Model<AttendanceSettingsDoc>;
  AssignmentFigures: Model<AssignmentFiguresDoc>;
}

export const TENANT_SCHEMAS: { readonly [K in keyof TenantModels]: Schema } = {
  User: userSchema,
  Class: classSchema,
  Schedule: scheduleSchema,
  Assignment: assignmentSchema,
  Message: messageSchema,
  Conversation: conversationSchema,
  Calendar: calendarSchema,
  Subject: subjectSchema,
  ActivityLog: activityLogSchema,
  Notice: noticeSchema,
  NoticeRead: noticeReadSchema,
  Attendance: attendanceSchema,
  AttendanceDay: attendanceDaySchema,
  SchoolWeek: schoolWeekSchema,
  Room: roomSchema,
  Lesson: lessonSchema,
  TeacherLimits: teacherLimitsSchema,
  AttendanceSettings: attendanceSettingsSchema,
  AssignmentFigures: assignmentFiguresSchema,
};

/**
 * The field each collection's updates name one document by, where it is not `_id` (a unique index on it): the
 * conversation summaries are updated by their key (db/update-serialization.ts).
 */
export const UPDATE_IDENTITIES: UpdateIdentities = {
  [String(conversationSchema.get('collection'))]: 'key',
};

export function tenantModels(conn: Connection): TenantModels {
  const model = <K extends keyof TenantModels>(name: K): TenantModels[K] =>
    (conn.models[name] ?? conn.model(name, TENANT_SCHEMAS[name])) as TenantModels[K];
  return {
    User: model('User'),
    Class: model('Class'),
    Schedule: model('Schedule'),
    Assignment: model('Assignment'),
    Message: model('Message'),
    Conversation: model('Conversation'),
    Calendar: model('Calendar'),
    Subject: model('Subject'),
    ActivityLog: model('ActivityLog'),
    Notice: model('Notice'),
    NoticeRead: model('NoticeRead'),
    Attendance: model('Attendance'),
    AttendanceDay: model('AttendanceDay'),
    SchoolWeek: model('SchoolWeek'),
    Room: model('Room'),
    Lesson: model('Lesson'),
    TeacherLimits: model('TeacherLimits'),
    AttendanceSettings: model('AttendanceSettings'),
    AssignmentFigures: model('AssignmentFigures'),
  };
}

export type {
  ActivityLogDoc,
  AssignmentDoc,
  AttendanceDayDoc,
  AttendanceSettingsDoc,
  AttendanceDoc,
  CalendarDoc,
  ClassDoc,
  ConversationDoc,
  LessonDoc,
  RoomDoc,
  SchoolWeekDoc,
  TeacherLimitsDoc,
  MessageDoc,
  NoticeDoc,
  NoticeReadDoc,
  ScheduleDoc,
  SubjectDoc,
  UserDoc,
};
export { conversationKeyOf } from './conversation';
