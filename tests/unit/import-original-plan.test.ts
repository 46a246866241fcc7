import { describe, expect, it } from 'vitest';
import { planImport } from '../../electron/core/services/import-original/plan';
import { readExport } from '../../electron/core/services/import-original/read-export';
import { clockOf, gradeOf, minutesOf, weekdayOf } from '../../electron/core/services/import-original/values';
import { vivaExportFiles } from '../support/original-export';

describe('reading single values of the original', () => {
  it('parses grades, times and weekdays as the original wrote them', () => {
    expect(['9th', '10th', 'Grade 12', 'IX', 3, '1st'].map(gradeOf)).toEqual([9, 10, 12, 9, 3, 1]);
    expect(['Nursery', '13th', 0, '', null].map(gradeOf)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(['09:00', '9:45', '2:15 PM', '12:00 am', '25:00', 'noon'].map(minutesOf)).toEqual([
      540,
      585,
      855,
      0,
      undefined,
      undefined,
    ]);
    expect(clockOf(540)).toBe('9:00');
    expect(['monday', 'Mon', 'SUNDAY', 'Funday', 'mo'].map(weekdayOf)).toEqual([
      'Monday',
      'Monday',
      'Sunday',
      undefined,
      undefined,
    ]);
  });
});

describe('the plan of the Viva export', () => {
  const plan = planImport(readExport(vivaExportFiles()));
  const notes = plan.report.notes;
  const about = (collection: string, subject: string) =>
    notes
      .filter((n) => n.collection === collection && n.subject.includes(subject))
      .map((n) => `${n.kind}: ${n.message}`);

  it('keeps the admin, ids and hashes', () => {
    expect(plan.admin).toMatchObject({
      _id: '69538f9b73f6be27fd1bbc42',
      username: 'Viva_admin',
      institutionName: 'VIVA Institute Of Technology',
    });
    expect(plan.admin?.password).toMatch(/^\$2a\$10\$/);
    const pratik = plan.tenant.User.find((u) => u.username === 'Pratik sir');
    expect(pratik).toMatchObject({ _id: '69539c18885d0a21dd14bed6', role: 'teacher', name: 'Pratik sir' });
    expect(pratik?.password).toMatch(/^\$2a\$10\$/);
    expect(plan.report.problems).toEqual([]);
  });

  it('skips what cannot be a person here, and says why', () => {
    expect(about('users', 'Mrs Kulkarni').join()).toContain('Unknown role "parent"');
    expect(about('users', 'office').join()).toContain('An admin account inside the school');
    expect(
      notes.some(
        (n) => n.collection === 'users' && n.kind === 'skipped' && n.message.includes('No username'),
      ),
    ).toBe(true);
    expect(about('users', 'raju').join()).toContain('Signs in as "raju (2)"');
    expect(about('users', 'Pratik sir').join()).toContain('No name');
    expect(about('users', 'rollNumber').join()).toContain('not kept');
    expect(about('users', 'Usernames').join()).toContain('(such as "Pratik sir") stay as they are');
  });

  it('makes classes of sections and keeps each student in one class', () => {
    const names = plan.tenant.Class.map((c) => [c.name, c.grade, c.section]);
    expect(names).toEqual([
      ['Class 9-A', 9, 'A'],
      ['Class 10-A', 10, 'A'],
      ['Class 9-B', 9, 'B'],
    ]);
    expect(about('classes', 'Sunflowers').join()).toContain('Grade "Nursery" is not a grade');
    expect(about('classes', 'Class 9-B').join()).toContain('Anita Desai is also in Class 9-A');
    const nineB = plan.tenant.Class.find((c) => c.name === 'Class 9-B');
    // Shubham from the list, raju (2) from their own classId; Anita stays in 9-A.
    expect(nineB?.students).toEqual(['695638e8dd2458d9c638cf64', '695638e8dd2458d9c638cf70']);
  });

  it('turns times into slots and periods and skips clashes', () => {
    const slots = plan.tenant.Schedule.map((s) =>
      [s.day, s.period, s.timeSlot, s.subject].map(String).join(' '),
    );
    expect(slots).toEqual([
      'Monday 1 9:00-9:45 Operating System',
      'Monday 1 9:00-9:45 Software engineering',
      'Tuesday 2 10:00-10:45 Mathematics',
      'Wednesday 3 14:00-14:45 Mathematics',
    ]);
    const skipped = notes
      .filter((n) => n.collection === 'schedules' && n.kind === 'skipped')
      .map((n) => n.message);
    expect(skipped.join('\n')).toContain('duplicate timetable slot');
    expect(skipped.join('\n')).toContain('Pratik sir already teaches Operating System');
    expect(skipped.join('\n')).toContain('Day "Funday"');
  });

  it('gives subjects codes and the grades of the classes that study them', () => {
    const subjects = plan.tenant.Subject.map((s) => [s.name, s.grade, s.code].map(String).join(' '));
    expect(subjects).toEqual(
      [
        'Software engineering 9 SE9',
        'Operating System 9 OS9',
        'Mathematics 9 MATHE9',
        'Mathematics 10 MATHE10',
      ].map((s) => s.replace('MATHE', 'MATH')),
    );
    expect(about('subjects', 'Pottery').join()).toContain('A subject without a grade');
  });

  it('maps messages, the calendar, notices and the admin log', () => {
    const reply = plan.tenant.Message.find((m) => m._id === '6958b0000000000000000002');
    expect(reply?.replyTo).toBe('6958b0000000000000000001');
    const audio = plan.tenant.Message.find((m) => m._id === '6958b0000000000000000003');
    expect(audio).toMatchObject({ messageType: 'text' });
    expect(String(audio?.message)).toContain('Voice note');
    expect(about('messages', 'Voice notes').join()).toContain('not in the export');
    expect(plan.tenant.Message).toHaveLength(3);
    expect(plan.tenant.Calendar.map((e) => e.type)).toEqual(['holiday', 'event', 'event', 'event']);
    expect(about('calendars', 'national_holiday').join()).toContain('becomes "holiday"');
    expect(plan.tenant.Notice[0]).toMatchObject({
      body: 'Please pay the term fees by Friday.',
      audience: ['student'],
    });
    expect(plan.tenant.Notice[0]).not.toHaveProperty('readBy');
    expect(plan.tenant.NoticeRead).toEqual([
      { noticeId: plan.tenant.Notice[0]?._id, userId: '69539ca0885d0a21dd14bee0' },
    ]);
    expect(plan.masterLogs).toHaveLength(4);
    expect(plan.masterLogs.find((l) => l.action === 'CREATE_NOTICE')?.details).toEqual({
      originalTargetId: '1767250000000',
    });
    expect(plan.masterLogs.find((l) => l.action === 'CREATE_CLASS')?.targetId).toBe(
      '69563d25672c6ef22481807a',
    );
    expect(plan.files.find((f) => f.collection === 'schedulelogs')).toMatchObject({ carried: false });
  });
});
