import { Checkbox, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ATTENDANCE_LIMITS } from '../../../../../shared/domain';
import { FormActions } from '../../../components/form-actions';
import { FormModal } from '../../../components/form-modal';
import { useFormReset } from '../../../hooks/use-form-reset';
import { useMutation } from '../../../hooks/use-mutation';
import { requiredText } from '../../../lib/form-rules';

/** The mark being excused: one student in one register. */
export interface ExcuseTarget {
  classId: string;
  date: string;
  period: number;
  studentId: string;
  studentName: string;
}

export interface ExcuseModalProps {
  opened: boolean;
  target: ExcuseTarget | null;
  onClose: () => void;
}

/**
 * The office notes why a student is away (a parent called); the day's list refreshes. For a lesson's mark, the
 * other lessons they missed that day are excused with it unless the office unticks it.
 */
export function ExcuseModal({ opened, target, onClose }: ExcuseModalProps) {
  const form = useForm({
    initialValues: { reason: '', allDay: true },
    validate: { reason: requiredText(ATTENDANCE_LIMITS.reason, 'Say why, as the parent told you.') },
  });
  useFormReset(form, opened ? () => ({ reason: '', allDay: true }) : null, [
    target?.studentId,
    target?.classId,
  ]);
  const excuse = useMutation('attendance.excuse', {
    success: () => `${target?.studentName ?? 'The student'} is excused.`,
    form,
    invalidates: ['attendance.'],
    onSuccess: onClose,
  });
  const name = target?.studentName ?? 'student';

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`Excuse ${name}`}
      onSubmit={form.onSubmit(async ({ reason, allDay }) => {
        if (!target) return;
        await excuse.mutate({
          classId: target.classId,
          date: target.date,
          period: target.period,
          studentId: target.studentId,
          reason: reason.trim(),
          ...(target.period > 0 && allDay ? { allDay: true } : {}),
        });
      })}
    >
      <TextInput
        label="Reason"
        description={`What the parent said, at most ${ATTENDANCE_LIMITS.reason} characters.`}
        placeholder="Ill with a fever"
        required
        maxLength={ATTENDANCE_LIMITS.reason}
        data-autofocus
        {...form.getInputProps('reason')}
      />
      {target && target.period > 0 && (
        <Checkbox
          label="Also every other lesson missed that day"
          description="Lessons they were marked absent from or late to."
          {...form.getInputProps('allDay', { type: 'checkbox' })}
        />
      )}
      <FormActions onCancel={onClose} submitLabel="Mark excused" loading={excuse.loading} />
    </FormModal>
  );
}
