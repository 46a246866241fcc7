/** The class form's values, its checks, and the create and update inputs they become. */
import type { AllChannelInput, ClassDto } from '../../../../../shared/contract';
import { CLASS_CAPACITY_DEFAULT, TEXT_LIMITS } from '../../../../../shared/domain';
import { checkCapacity, requiredChoice } from '../../../lib/admin-rules';
import { requiredText } from '../../../lib/form-rules';

export interface ClassValues {
  name: string;
  /** "1"–"12", or null before one is chosen. */
  grade: string | null;
  section: string;
  teacherId: string | null;
  maxStudents: number | string;
  subjects: string[];
}

export function emptyClass(): ClassValues {
  return {
    name: '',
    grade: null,
    section: '',
    teacherId: null,
    maxStudents: CLASS_CAPACITY_DEFAULT,
    subjects: [],
  };
}

export function classValuesOf(c: ClassDto): ClassValues {
  return {
    name: c.name,
    grade: String(c.grade),
    section: c.section,
    teacherId: c.teacherId ?? null,
    maxStudents: c.maxStudents,
    subjects: [...c.subjects],
  };
}

/** "Class 10-A": what a class is called when nobody says otherwise. */
export function suggestedName(grade: string | null, section: string): string {
  const s = section.trim().toUpperCase();
  return grade && s ? `Class ${grade}-${s}` : '';
}

export const classRules = {
  name: requiredText(TEXT_LIMITS.className, 'Enter the class name, e.g. Class 10-A.'),
  grade: requiredChoice('Choose the grade.'),
  section: requiredText(TEXT_LIMITS.section, 'Enter the section, e.g. A.'),
  maxStudents: checkCapacity,
};

export function createClassInput(values: ClassValues): AllChannelInput<'classes.create'> {
  return {
    name: values.name.trim(),
    grade: Number(values.grade),
    section: values.section.trim(),
    maxStudents: Number(values.maxStudents),
    subjects: values.subjects.map((s) => s.trim()).filter((s) => s !== ''),
    ...(values.teacherId ? { teacherId: values.teacherId } : {}),
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Only what changed; no teacher is sent as null, which removes the class teacher. */
export function updateClassInput(c: ClassDto, values: ClassValues): AllChannelInput<'classes.update'> {
  const before = classValuesOf(c);
  const input: AllChannelInput<'classes.update'> = { id: c.id };
  if (values.name.trim() !== before.name) input.name = values.name.trim();
  if (values.grade !== before.grade) input.grade = Number(values.grade);
  if (values.section.trim().toUpperCase() !== before.section) input.section = values.section.trim();
  if (values.teacherId !== before.teacherId) input.teacherId = values.teacherId;
  if (Number(values.maxStudents) !== before.maxStudents) input.maxStudents = Number(values.maxStudents);
  const subjects = values.subjects.map((s) => s.trim()).filter((s) => s !== '');
  if (!sameList(subjects, before.subjects)) input.subjects = subjects;
  return input;
}

/** "28 / 40" and how full, for the enrolment bar. */
export function enrolment(c: Pick<ClassDto, 'studentCount' | 'maxStudents'>) {
  const percent = c.maxStudents > 0 ? Math.min(100, Math.round((c.studentCount / c.maxStudents) * 100)) : 0;
  const color = percent >= 100 ? 'red' : percent >= 90 ? 'orange' : 'teal';
  return { text: `${c.studentCount} / ${c.maxStudents}`, percent, color };
}
