/** The timetable entry form: its values, checks and the inputs it becomes. Times come from the bell times. */
import type { AllChannelInput, ScheduleDto } from '../../../../../shared/contract';
import { TEXT_LIMITS, type Weekday } from '../../../../../shared/domain';
import { requiredChoice } from '../../../lib/admin-rules';
import { requiredText } from '../../../lib/form-rules';

export interface EntryValues {
  day: Weekday;
  /** "1"–"10" (a Select's value). */
  period: string;
  subject: string;
  teacherId: string | null;
  classId: string | null;
  /** No room: null. */
  roomId: string | null;
}

export const entryRules = {
  subject: requiredText(TEXT_LIMITS.subjectName, 'Enter the subject.'),
  teacherId: requiredChoice('Choose the teacher.'),
  classId: requiredChoice('Choose the class.'),
};

export function entryValuesOf(entry: ScheduleDto): EntryValues {
  return {
    day: entry.day,
    period: String(entry.period),
    subject: entry.subject,
    teacherId: entry.teacherId,
    classId: entry.classId,
    roomId: entry.roomId ?? null,
  };
}

/** The server takes the period's bell time. */
export function createEntryInput(values: EntryValues): AllChannelInput<'schedules.create'> {
  return {
    day: values.day,
    period: Number(values.period),
    subject: values.subject.trim(),
    teacherId: values.teacherId ?? '',
    classId: values.classId ?? '',
    ...(values.roomId ? { roomId: values.roomId } : {}),
  };
}

/** Only what changed; a move takes the new period's bell time on the server. */
export function updateEntryInput(
  entry: ScheduleDto,
  values: EntryValues,
): AllChannelInput<'schedules.update'> {
  const input: AllChannelInput<'schedules.update'> = { id: entry.id };
  if (values.day !== entry.day) input.day = values.day;
  if (Number(values.period) !== entry.period) input.period = Number(values.period);
  if (values.subject.trim() !== entry.subject) input.subject = values.subject.trim();
  if (values.teacherId && values.teacherId !== entry.teacherId) input.teacherId = values.teacherId;
  if (values.classId && values.classId !== entry.classId) input.classId = values.classId;
  if ((values.roomId ?? undefined) !== entry.roomId) input.roomId = values.roomId;
  return input;
}
