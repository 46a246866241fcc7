/**
 * Valid sample inputs for every channel of the contract: the unit tests check the schemas with them, the API
 * tests call every channel with them. Together the variants of a channel use every key of its input.
 */
import type { z } from 'zod';
import type { AllChannels } from '../../shared/contract';

export type AllName = Extract<keyof AllChannels, string>;
export type Samples = {
  [N in AllName]: readonly [z.input<AllChannels[N]['input']>, ...z.input<AllChannels[N]['input']>[]];
};

export const A = '0123456789abcdef01234567';
export const B = '89abcdef0123456789abcdef';
export const C = 'aaaaaaaaaaaaaaaaaaaaaaaa';
export const when = new Date('2025-09-01T08:30:00.000Z');

/** Valid inputs; together the variants of a channel use every key of its input. */
export const samples: Samples = {
  'system.ping': [{}],
  'system.status': [{}],
  'system.health': [{}, { refreshStorage: true }],
  'system.backup': [{}],
  'system.backups': [{}],
  'system.backupSchedule': [{ enabled: true, time: '02:30', keep: 7 }],
  'system.backupSave': [{ name: 'viva_admin-2026-11-30-081500.crmbackup' }],
  'system.backupOpen': [{}],
  'institution.archive': [{ password: 'school2025' }],
  'institution.reactivate': [{ username: 'Viva_admin', password: 'school2025' }],
  'system.restore': [
    {
      backup: 'viva_admin-2026-11-30-081500.crmbackup',
      mode: 'replace',
      institutionName: 'Viva School',
      password: 'school2025',
    },
    {
      backup: 'viva_admin-auto-2026-11-30-020000.crmbackup',
      mode: 'new',
      username: 'Viva_two',
      password: 'school2025',
    },
  ],
  'auth.registerInstitution': [
    { username: 'Viva_admin', password: 'school2025', name: 'Asha Rao', institutionName: 'Viva School' },
  ],
  'auth.login': [
    { username: 'Viva_admin', password: 'x' },
    { institution: 'viva_admin', username: 'Pratik sir', password: 'whatever' },
    { institutionKey: A, username: 'Pratik sir', password: 'whatever' },
  ],
  'auth.institutions': [{}],
  'profile.get': [{}],
  'classes.setRollNumber': [
    { classId: A, studentId: B, rollNumber: 7 },
    { classId: A, studentId: B, rollNumber: null },
  ],
  'classes.numberAlphabetically': [{ classId: A }],
  'messages.delete': [{ id: A }],
  'messages.clear': [{ userId: B }],
  'notices.update': [{ id: A, title: 'Sports day moved', body: 'Now on Friday.' }],
  'classes.moveStudent': [{ studentId: B, toClassId: A }],
  'profile.update': [
    {
      name: 'Asha Rao',
      email: 'asha@school.org',
      phone: null,
      address: '12 Hill Road',
      dateOfBirth: '2012-04-01',
      department: '',
      employeeNumber: 'T-042',
    },
  ],
  'auth.me': [{}],
  'events.ticket': [{}],
  'files.link': [{ id: A }],
  'auth.logout': [{}],
  'auth.changePassword': [{ currentPassword: 'old-pass1', newPassword: 'new-pass2' }],
  'institution.get': [{}],
  'institution.update': [{ name: 'Asha Rao', institutionName: 'Viva High School' }],
  'institution.delete': [{ password: 'school2025' }],
  'institution.importFromOriginal': [
    { files: [{ name: 'smart_crm_master.adminregistries.json', text: '[]' }], dryRun: true },
    { files: [{ name: 'smart_crm_x_1767083931641.users.json', text: '' }], dryRun: false, password: 'old' },
  ],
  'users.list': [
    { role: 'student', search: 'asha', classId: A, grade: 7, isActive: true, page: 2, pageSize: 50 },
    { withoutClass: true },
    { role: 'teacher', page: 191, pageSize: 25, after: { name: 'Asha Rao', id: A } },
    { page: 3, before: { name: 'Zoya', id: A } },
  ],
  'users.get': [{ id: A }],
  'users.create': [
    {
      role: 'teacher',
      username: 'Pratik sir',
      password: 'teach1234',
      name: 'Pratik Shah',
      email: 'pratik@school.org',
      phone: '+91 98765 43210',
      address: 'Line 1\nLine 2',
      dateOfBirth: '1990-04-01',
      joiningDate: when,
    },
  ],
  'users.update': [
    {
      id: A,
      username: 'pratik',
      password: 'teach5678',
      name: 'Pratik S.',
      email: null,
      phone: '',
      address: 'New address',
      dateOfBirth: null,
      joiningDate: '2024-06-01T00:00:00Z',
      department: 'Science',
      employeeNumber: null,
      isActive: false,
    },
  ],
  'users.delete': [{ id: A }],
  'users.import': [{ role: 'student', csv: 'username,password,name\nasha,asha1234,Asha', dryRun: true }],
  'classes.list': [{ grade: 10, teacherId: A, search: '10-A', page: 1, pageSize: 25 }],
  'classes.get': [{ id: A }],
  'classes.create': [
    { name: 'Class 10-A', grade: 10, section: 'a', teacherId: A, maxStudents: 40, subjects: ['Mathematics'] },
  ],
  'classes.update': [
    { id: A, name: 'Class 10-B', grade: 10, section: 'B', teacherId: null, maxStudents: 35, subjects: [] },
  ],
  'classes.delete': [{ id: A }],
  'classes.assignTeacher': [{ classId: A, teacherId: B }],
  'classes.addStudents': [{ classId: A, studentIds: [B, C] }],
  'classes.removeStudent': [{ classId: A, studentId: B }],
  'subjects.list': [{ grade: 9, teacherId: A, search: 'math', page: 1, pageSize: 10 }],
  'subjects.create': [
    { name: 'Mathematics', code: 'math101', grade: 10, teacherId: A, description: 'Algebra' },
  ],
  'subjects.update': [
    { id: A, name: 'Maths', code: 'MATH-1', grade: 11, teacherId: null, description: null },
  ],
  'subjects.delete': [{ id: A }],
  'schedules.list': [{ classId: A, teacherId: B, day: 'Monday' }],
  'schedules.create': [
    { teacherId: A, classId: B, subject: 'Mathematics', day: 'Monday', period: 1, timeSlot: '9:00-9:30' },
    { teacherId: A, classId: B, subject: 'Chemistry', day: 'Monday', period: 2, roomId: C },
  ],
  'schedules.update': [
    {
      id: C,
      teacherId: A,
      classId: B,
      subject: 'Physics',
      day: 'Saturday',
      period: 10,
      timeSlot: '13:05-13:50',
      roomId: null,
    },
  ],
  'schedules.delete': [{ id: A }],
  'assignments.list': [
    {
      classId: A,
      status: 'overdue',
      dueFrom: when,
      dueTo: '2025-12-31',
      search: 'essay',
      page: 1,
      pageSize: 100,
    },
  ],
  'assignments.get': [{ id: A }],
  'assignments.create': [
    { title: 'Essay', description: 'Two pages', classIds: [A, B], dueDate: when, attachments: [C] },
  ],
  'assignments.update': [
    { id: A, title: 'Essay 2', description: null, classIds: [B], dueDate: '2025-10-01', attachments: [] },
  ],
  'assignments.delete': [{ id: A }],
  'assignments.submit': [{ assignmentId: A, files: [B], note: 'Done, see page 2.' }],
  'assignments.review': [{ assignmentId: A, studentId: B, decision: 'reassign', feedback: 'Add sources.' }],
  'assignments.grade': [{ assignmentId: A, studentId: B, grade: 87.5, feedback: 'Well argued.' }],
  'messages.conversations': [{}],
  'messages.thread': [{ userId: A, before: when, limit: 30 }],
  'messages.send': [
    { receiverId: A, message: 'Hello 👋', replyTo: B },
    { receiverId: A, audioFileId: C },
  ],
  'messages.markRead': [{ userId: A }],
  'messages.unreadCounts': [{}],
  'files.upload': [
    {
      name: 'voice.webm',
      mimeType: 'audio/webm;codecs=opus',
      // WebM's magic bytes: uploads are checked against their declared type.
      data: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]),
      purpose: 'audio',
      durationSeconds: 12.5,
    },
  ],
  'files.get': [{ id: A }],
  'calendar.list': [{ from: '2025-09-01', to: '2025-09-30T23:59:59Z' }],
  'calendar.create': [{ title: 'Diwali', description: 'School closed', date: '2025-10-20', type: 'holiday' }],
  'calendar.update': [{ id: A, title: 'Sports day', description: null, date: when, type: 'event' }],
  'calendar.delete': [{ id: A }],
  'calendar.holidayCountries': [{}],
  'calendar.importHolidays': [
    { country: 'IN', year: 2026 },
    { country: 'DE', region: 'BY', year: 2026 },
  ],
  'notices.list': [{ unreadOnly: true, page: 1, pageSize: 20 }],
  'notices.create': [
    { title: 'Exams', body: 'Exams start on Monday.\nGood luck!', audience: ['teacher', 'student'] },
  ],
  'notices.delete': [{ id: A }],
  'notices.markRead': [{ id: A }],
  'activity.list': [
    {
      userId: A,
      search: 'pratik',
      action: 'login_failed',
      targetType: 'USER',
      from: '2025-01-01',
      to: when,
      page: 3,
      pageSize: 25,
    },
    { before: { timestamp: when, id: A }, page: 2, pageSize: 25 },
  ],
  'analytics.student': [{ studentId: A, from: '2025-01-01', to: '2025-12-31' }],
  'analytics.class': [{ classId: A, from: when, to: '2025-12-31' }],
  'analytics.institution': [{ from: '2025-01-01', to: when }, {}],
  'attendance.register': [
    { classId: A, date: '2025-09-01' },
    { classId: A, date: '2025-09-01', period: 3 },
  ],
  'attendance.save': [
    {
      classId: A,
      date: '2025-09-01',
      period: 0,
      entries: [
        { studentId: B, status: 'late', lateMinutes: 10, reason: 'Bus was late' },
        { studentId: C, status: 'absent' },
      ],
    },
  ],
  'attendance.excuse': [
    { classId: A, date: '2025-09-01', period: 0, studentId: B, reason: 'Fever' },
    { classId: A, date: '2025-09-01', period: 2, studentId: B, reason: 'Fever', allDay: true },
  ],
  'attendance.day': [{ date: '2025-09-01' }],
  'attendance.student': [
    { from: '2025-09-01', to: '2025-12-20' },
    { studentId: B, from: '2025-09-01', to: '2025-09-30' },
  ],
  'attendance.class': [
    { classId: A, from: '2025-09-01', to: '2025-12-20', threshold: 0.85 },
    { classId: A, from: '2025-09-01', to: '2025-09-01' },
  ],
  'attendance.export': [
    { classId: A, from: '2025-09-01', to: '2025-12-20' },
    { from: '2025-09-01', to: '2025-09-30' },
  ],
  'attendance.settings': [{}],
  'attendance.updateSettings': [{ mode: 'period' }, { mode: 'daily' }],
  'devices.list': [{}],
  'devices.add': [{}],
  'devices.revoke': [{ id: A }],
  'devices.setBrowsers': [{ allowed: true }],
  'week.get': [{}],
  'week.update': [
    {
      days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
      periods: [{ timeSlot: '08:00-08:45', breakAfter: true }, { timeSlot: '09:00-09:45' }],
    },
  ],
  'rooms.list': [{ search: 'lab', kind: 'Lab', page: 1, pageSize: 25 }],
  'rooms.create': [{ name: 'Lab 1', kind: 'lab', capacity: 30 }],
  'rooms.update': [{ id: A, name: 'Lab 2', kind: 'gym', capacity: 60 }],
  'rooms.delete': [{ id: A }],
  'lessons.list': [{ classId: A, teacherId: B }],
  'lessons.create': [
    { classIds: [A, B], subject: 'Physics', teacherIds: [C], groups: [2, 1], roomId: A, roomKind: 'lab' },
  ],
  'lessons.update': [
    {
      id: A,
      classIds: [B],
      subject: 'Physics',
      teacherIds: [C],
      groups: [1, 1, 1],
      roomId: null,
      roomKind: null,
    },
  ],
  'lessons.delete': [{ id: A }],
  'availability.get': [{ teacherId: A }],
  'availability.set': [
    { teacherId: A, unavailable: [{ day: 'Monday', period: 1 }], maxPeriodsPerDay: 5, maxDaysPerWeek: null },
  ],
  'timetable.generate': [
    { scope: { kind: 'school' }, existing: 'keep', timeLimitSeconds: 30, seed: 7 },
    { scope: { kind: 'classes', classIds: [A] } },
    { scope: { kind: 'teachers', teacherIds: [B] } },
  ],
  'timetable.preview': [{ jobId: A }],
  'timetable.accept': [{ jobId: A }],
  'timetable.discard': [{ jobId: A }],
  'timetable.cancel': [{ jobId: A }],
};
