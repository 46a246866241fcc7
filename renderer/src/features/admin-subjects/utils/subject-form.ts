/** The subject form's values, its checks, and the create and update inputs they become. */
import type { AllChannelInput, SubjectDto } from '../../../../../shared/contract';
import { TEXT_LIMITS } from '../../../../../shared/domain';
import { checkSubjectCode, requiredChoice } from '../../../lib/admin-rules';
import { optionalText, requiredText } from '../../../lib/form-rules';

export interface SubjectValues {
  name: string;
  code: string;
  /** "1"–"12" (a Select's value), or null before one is chosen. */
  grade: string | null;
  teacherId: string | null;
  description: string;
}

export function emptySubject(): SubjectValues {
  return { name: '', code: '', grade: null, teacherId: null, description: '' };
}

export function subjectValuesOf(subject: SubjectDto): SubjectValues {
  return {
    name: subject.name,
    code: subject.code,
    grade: String(subject.grade),
    teacherId: subject.teacherId ?? null,
    description: subject.description ?? '',
  };
}

export const subjectRules = {
  name: requiredText(TEXT_LIMITS.subjectName, 'Enter the subject name.'),
  code: checkSubjectCode,
  grade: requiredChoice('Choose the grade.'),
  description: optionalText(TEXT_LIMITS.subjectDescription, true),
};

export function createSubjectInput(values: SubjectValues): AllChannelInput<'subjects.create'> {
  return {
    name: values.name.trim(),
    code: values.code.trim().toUpperCase(),
    grade: Number(values.grade),
    description: values.description.trim(),
    ...(values.teacherId ? { teacherId: values.teacherId } : {}),
  };
}

/** Only what changed; an emptied teacher or description is sent as null, which clears it. */
export function updateSubjectInput(
  subject: SubjectDto,
  values: SubjectValues,
): AllChannelInput<'subjects.update'> {
  const before = subjectValuesOf(subject);
  const input: AllChannelInput<'subjects.update'> = { id: subject.id };
  if (values.name.trim() !== before.name) input.name = values.name.trim();
  if (values.code.trim().toUpperCase() !== before.code) input.code = values.code.trim().toUpperCase();
  if (values.grade !== before.grade) input.grade = Number(values.grade);
  if (values.teacherId !== before.teacherId) input.teacherId = values.teacherId;
  const description = values.description.trim();
  if (description !== before.description) input.description = description === '' ? null : description;
  return input;
}
