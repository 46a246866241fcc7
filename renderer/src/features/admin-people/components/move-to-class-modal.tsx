import { Select, Text } from '@mantine/core';
import { useState } from 'react';
import type { UserDto } from '../../../../../shared/contract';
import { FormActions } from '../../../components/form-actions';
import { FormModal } from '../../../components/form-modal';
import { useClassOptions } from '../../../hooks/use-admin-options';
import { useMutation } from '../../../hooks/use-mutation';

/**
 * Places a student in a class, or moves them from theirs, in one step (finding 3: before, only the class's
 * panel could). Capacity and the one-class rule are the server's; its refusal shows on the field.
 */
export function MoveToClassModal({ student, onClose }: { student: UserDto | null; onClose: () => void }) {
  const classes = useClassOptions();
  const [to, setTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const move = useMutation('classes.moveStudent', {
    success: (r) => `${student?.name ?? 'The student'} is now in ${r.to.name}.`,
    notifyErrors: false,
    invalidates: ['users.', 'classes.'],
    onSuccess: () => close(),
    onError: (e) => setError(e.message),
  });
  function close(): void {
    setTo(null);
    setError(null);
    onClose();
  }
  const options = classes.options.filter((o) => o.value !== student?.classId);
  return (
    <FormModal
      opened={student !== null}
      onClose={close}
      title={student?.classId ? `Move ${student.name}` : `Place ${student?.name ?? ''} in a class`}
      onSubmit={(e) => {
        e?.preventDefault();
        if (!student) return;
        if (!to) {
          setError('Choose a class.');
          return;
        }
        void move.mutate({ studentId: student.id, toClassId: to });
      }}
    >
      <Text size="sm">
        {student?.className
          ? `Now in ${student.className}. Their roll number stays with that class.`
          : 'Not in a class yet.'}
      </Text>
      <Select
        label="Class"
        placeholder="Choose a class"
        data={options}
        value={to}
        onChange={(v) => {
          setError(null);
          setTo(v);
        }}
        searchable
        nothingFoundMessage="No class by that name"
        error={error}
        comboboxProps={{ withinPortal: true }}
        data-autofocus
      />
      <FormActions onCancel={close} submitLabel="Move" loading={move.loading} />
    </FormModal>
  );
}
