/**
 * The original's timetable and subjects: schedules' `startTime`/`endTime` become our `timeSlot` and a period
 * (the school's distinct start times in order), clashing slots are skipped; subjects get a generated code and
 * the grade of the classes that study them (one subject per grade when several grades do).
 */
import { Types } from 'mongoose';
import { PERIOD_MAX, TEXT_LIMITS } from '../../../../shared/domain';
import type { PeopleIndex } from './plan-people';
import type { ReportBuilder } from './report';
import { clockOf, dateOf, idOf, minutesOf, shown, textOf, weekdayOf, type Doc } from './values';

/** What the timetable says about subjects: the grades and classes studying each (by lower-case name). */
export interface Taught {
  grades: Map<string, Set<number>>;
  classSubjects: Map<string, Set<string>>;
}

interface Slot {
  doc: Doc;
  id: string;
  classId: string;
  teacherId: string;
  subject: string;
  day: string;
  start: number;
  end: number;
}

export function planSchedules(
  docs: readonly Doc[],
  report: ReportBuilder,
  index: PeopleIndex,
): { schedules: Doc[]; taught: Taught } {
  report.found('schedules', docs.length);
  const slots: Slot[] = [];
  const seen = new Set<string>();
  for (const doc of docs) {
    const id = idOf(doc._id);
    const subject = textOf(doc.subject, TEXT_LIMITS.subjectName)?.text;
    const classId = idOf(doc.classId);
    const teacherId = idOf(doc.teacherId);
    const cls = classId ? index.classes.get(classId) : undefined;
    const label = `${subject ?? 'A lesson'}${cls ? `, ${cls.name}` : ''}${typeof doc.day === 'string' ? `, ${doc.day}` : ''}`;
    const skip = (why: string) => report.skip('schedules', id, label, why);
    if (!id || seen.has(id)) {
      skip(id ? 'The same _id appears twice; the first one is kept.' : 'No usable _id.');
      continue;
    }
    seen.add(id);
    if (!subject) {
      skip('No subject.');
      continue;
    }
    if (!classId || !cls) {
      skip('Its class was not imported.');
      continue;
    }
    if (!teacherId || index.users.get(teacherId)?.role !== 'teacher') {
      skip('Its teacher is not an imported teacher.');
      continue;
    }
    const day = weekdayOf(doc.day);
    if (!day) {
      skip(`Day ${shown(doc.day)} is not a weekday name.`);
      continue;
    }
    const start = minutesOf(doc.startTime);
    const end = minutesOf(doc.endTime);
    if (start === undefined || end === undefined || end <= start) {
      skip(`Times ${shown(doc.startTime)}–${shown(doc.endTime)} are not a start and a later end.`);
      continue;
    }
    slots.push({ doc, id, classId, teacherId, subject, day, start, end });
  }

  // Periods: the school's distinct start times, earliest first (the original had no period numbers).
  const starts = [...new Set(slots.map((s) => s.start))].sort((a, b) => a - b);
  const schedules: Doc[] = [];
  const busy = new Map<string, Slot>();
  const taught: Taught = { grades: new Map(), classSubjects: new Map() };
  for (const slot of slots) {
    const cls = index.classes.get(slot.classId);
    const teacher = index.users.get(slot.teacherId);
    if (!cls || !teacher) continue;
    const period = starts.indexOf(slot.start) + 1;
    const timeSlot = `${clockOf(slot.start)}-${clockOf(slot.end)}`;
    const label = `${slot.subject}, ${cls.name}, ${slot.day} ${timeSlot}`;
    if (period > PERIOD_MAX) {
      report.skip(
        'schedules',
        slot.id,
        label,
        `The school day has more than ${PERIOD_MAX} start times; periods go up to ${PERIOD_MAX}.`,
      );
      continue;
    }
    const classKey = `class|${slot.classId}|${slot.day}|${period}`;
    const teacherKey = `teacher|${slot.teacherId}|${slot.day}|${period}`;
    const classClash = busy.get(classKey);
    const teacherClash = busy.get(teacherKey);
    if (classClash || teacherClash) {
      let why: string;
      if (classClash && classClash.subject === slot.subject && classClash.teacherId === slot.teacherId) {
        why = `A duplicate timetable slot: the same lesson is listed twice for ${cls.name} then.`;
      } else if (classClash) {
        why = `${cls.name} already has ${classClash.subject} then (a class is in one lesson per period).`;
      } else {
        const other = teacherClash ? index.classes.get(teacherClash.classId)?.name : undefined;
        why = `${teacher.name} already teaches ${teacherClash?.subject ?? 'a lesson'} in ${other ?? 'another class'} then.`;
      }
      report.skip('schedules', slot.id, label, why);
      continue;
    }
    busy.set(classKey, slot);
    busy.set(teacherKey, slot);
    const schedule: Doc = {
      _id: slot.id,
      teacherId: slot.teacherId,
      classId: slot.classId,
      subject: slot.subject,
      day: slot.day,
      period,
      timeSlot,
    };
    const createdAt = dateOf(slot.doc.createdAt);
    if (createdAt) schedule.createdAt = createdAt;
    const key = slot.subject.toLowerCase();
    (taught.grades.get(key) ?? taught.grades.set(key, new Set()).get(key))?.add(cls.grade);
    (
      taught.classSubjects.get(slot.classId) ??
      taught.classSubjects.set(slot.classId, new Set()).get(slot.classId)
    )?.add(slot.subject);
    report.created('schedules');
    schedules.push(schedule);
  }
  if (starts.length > 0) {
    report.note({
      kind: 'mapped',
      collection: 'schedules',
      subject: 'Periods',
      message: `startTime/endTime become time slots; periods 1–${Math.min(starts.length, PERIOD_MAX)} are the school's start times in order (${starts.slice(0, PERIOD_MAX).map(clockOf).join(', ')}).`,
    });
  }
  return { schedules, taught };
}

/** "Operating System" → "OS", "Mathematics" → "MATH": the start of a code, A–Z and digits only. */
function codeBase(name: string): string {
  const words = name
    .normalize('NFKD')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .split(' ')
    .filter(Boolean);
  const base =
    words.length >= 2
      ? words
          .map((w) => w[0])
          .join('')
          .slice(0, 4)
      : (words[0] ?? '').slice(0, 4);
  return base || 'SUBJ';
}

/** The grades a subject is taught in: the timetable's, else its teacher's classes', else the school's only grade. */
function gradesOf(
  name: string,
  teacherId: string | undefined,
  taught: Taught,
  index: PeopleIndex,
): { grades: number[]; from: string } {
  const fromTimetable = taught.grades.get(name.toLowerCase());
  if (fromTimetable?.size)
    return { grades: [...fromTimetable].sort((a, b) => a - b), from: 'the classes whose timetable has it' };
  const classes = [...index.classes.values()];
  const teachers = new Set(classes.filter((c) => teacherId && c.teacherId === teacherId).map((c) => c.grade));
  if (teachers.size) return { grades: [...teachers].sort((a, b) => a - b), from: "its teacher's classes" };
  const all = new Set(classes.map((c) => c.grade));
  if (all.size === 1) return { grades: [...all], from: "the school's only grade" };
  return { grades: [], from: '' };
}

export function planSubjects(
  docs: readonly Doc[],
  report: ReportBuilder,
  index: PeopleIndex,
  taught: Taught,
): Doc[] {
  report.found('subjects', docs.length);
  const out: Doc[] = [];
  const codes = new Set<string>();
  const seen = new Set<string>();
  for (const doc of docs) {
    const id = idOf(doc._id);
    const name = textOf(doc.name, TEXT_LIMITS.subjectName)?.text;
    if (!id || !name || seen.has(id)) {
      report.skip(
        'subjects',
        id,
        name ?? 'A subject',
        !name ? 'No name.' : id ? 'The same _id appears twice.' : 'No usable _id.',
      );
      continue;
    }
    seen.add(id);
    const original = idOf(doc.assignedTeacher ?? doc.teacherId);
    const teacherId = original && index.users.get(original)?.role === 'teacher' ? original : undefined;
    if (original && !teacherId)
      report.fix('subjects', id, name, 'Its teacher is not an imported teacher: no teacher for now.');
    const { grades, from } = gradesOf(name, teacherId, taught, index);
    if (grades.length === 0) {
      report.skip(
        'subjects',
        id,
        name,
        'A subject without a grade: no class studies it in the timetable and its teacher has no class, so its grade is unknown. Add it on the Subjects page.',
      );
      continue;
    }
    grades.forEach((grade, i) => {
      const base = `${codeBase(name)}${grade}`;
      let code = base;
      for (let n = 2; codes.has(`${grade}|${code}`); n += 1) code = `${base}-${n}`;
      codes.add(`${grade}|${code}`);
      const subject: Doc = {
        _id: i === 0 ? id : new Types.ObjectId().toHexString(),
        name,
        code,
        grade,
        description: textOf(doc.description, TEXT_LIMITS.subjectDescription)?.text ?? '',
      };
      if (teacherId) subject.teacherId = teacherId;
      const createdAt = dateOf(doc.createdAt);
      if (createdAt) subject.createdAt = createdAt;
      report.fix('subjects', id, name, `Grade ${grade} (from ${from}), code ${code} generated.`);
      report.created('subjects');
      out.push(subject);
    });
  }
  return out;
}
