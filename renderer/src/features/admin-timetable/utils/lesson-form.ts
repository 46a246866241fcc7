/** The lesson form: blocks typed as "2+2" or "1, 1, 1", and the inputs the form becomes. */
import type { AllChannelInput, LessonDto } from '../../../../../shared/contract';
import { LESSON_LIMITS } from '../../../../../shared/timetable-rules';

export interface LessonValues {
  classIds: string[];
  subject: string;
  teacherIds: string[];
  /** "2+2": two double periods. */
  groups: string;
  roomId: string | null;
  roomKind: string;
}

/** "2+2", "1,1,1", "2 1" → [2, 2], [1, 1, 1], [2, 1]; null when it is not a list of blocks. */
export function parseGroups(text: string): number[] | null {
  const parts = text.split(/[\s+,]+/).filter(Boolean);
  if (parts.length === 0 || parts.length > LESSON_LIMITS.groupsPerLesson) return null;
  const groups = parts.map(Number);
  return groups.every((g) => Number.isInteger(g) && g >= 1 && g <= LESSON_LIMITS.blockMax) ? groups : null;
}

export function groupsText(groups: readonly number[]): string {
  return groups.join('+');
}

export const GROUPS_MESSAGE = `Blocks of 1–${LESSON_LIMITS.blockMax} periods joined by +, e.g. 2+2 or 1+1+1.`;

export function lessonValuesOf(lesson: LessonDto): LessonValues {
  return {
    classIds: lesson.classes.map((c) => c.id),
    subject: lesson.subject,
    teacherIds: lesson.teachers.map((t) => t.id),
    groups: groupsText(lesson.groups),
    roomId: lesson.room?.id ?? null,
    roomKind: lesson.roomKind ?? '',
  };
}

export function emptyLesson(classId: string | null): LessonValues {
  return {
    classIds: classId ? [classId] : [],
    subject: '',
    teacherIds: [],
    groups: '1+1+1',
    roomId: null,
    roomKind: '',
  };
}

export function createLessonInput(v: LessonValues): AllChannelInput<'lessons.create'> {
  return {
    classIds: v.classIds,
    subject: v.subject.trim(),
    teacherIds: v.teacherIds,
    groups: parseGroups(v.groups) ?? [],
    ...(v.roomId ? { roomId: v.roomId } : v.roomKind.trim() ? { roomKind: v.roomKind.trim() } : {}),
  };
}

/** The whole lesson (a lesson is small): a room clears the kind and the other way round. */
export function updateLessonInput(lesson: LessonDto, v: LessonValues): AllChannelInput<'lessons.update'> {
  return {
    id: lesson.id,
    classIds: v.classIds,
    subject: v.subject.trim(),
    teacherIds: v.teacherIds,
    groups: parseGroups(v.groups) ?? [],
    roomId: v.roomId,
    roomKind: v.roomId || !v.roomKind.trim() ? null : v.roomKind.trim(),
  };
}
