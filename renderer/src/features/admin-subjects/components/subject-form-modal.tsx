import { SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { SubjectDto } from '../../../../../shared/contract';
import { FormActions } from '../../../components/form-actions';
import { FormModal } from '../../../components/form-modal';
import { GradeSelect } from '../../../components/grade-select';
import { TeacherSelect } from '../../../components/teacher-select';
import { withCurrentTeacher, type SelectOption } from '../../../hooks/use-admin-options';
import { useFormReset } from '../../../hooks/use-form-reset';
import { useSaveMutations } from '../../../hooks/use-save-mutations';
import type { ApiClientError } from '../../../lib/api-client';
import { SUBJECT_CODE_MESSAGE } from '../../../lib/admin-rules';
import { saveForm } from '../../../lib/update-input';
import {
  createSubjectInput,
  emptySubject,
  subjectRules,
  subjectValuesOf,
  updateSubjectInput,
  type SubjectValues,
} from '../utils/subject-form';

export interface SubjectFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** Edit this subject; without it, a new one. */
  subject: SubjectDto | null;
  teacherOptions: SelectOption[];
  onSaved: () => void;
}

/** Adds or changes a subject. A code already used in the grade is refused; the message shows at the code. */
export function SubjectFormModal({
  opened,
  onClose,
  subject,
  teacherOptions,
  onSaved,
}: SubjectFormModalProps) {
  const form = useForm<SubjectValues>({
    mode: 'controlled',
    initialValues: emptySubject(),
    validate: subjectRules,
  });

  useFormReset(form, opened ? () => (subject ? subjectValuesOf(subject) : emptySubject()) : null, [
    subject?.id,
  ]);

  // A code taken in the grade: the server's whole sentence ("Grade 10 already has a subject with the code
  // MATH101.") goes next to the code, where the fix is typed.
  const onError = (error: ApiClientError) => {
    if (error.code === 'CONFLICT' && error.fields?.code) form.setFieldError('code', error.message);
  };
  const { create, update, loading } = useSaveMutations('subjects.create', 'subjects.update', {
    form,
    onError,
    created: (s) => `${s.name} (${s.code}) was added.`,
    saved: (s) => `${s.name} was saved.`,
    invalidates: ['subjects.'],
  });

  const submit = form.onSubmit((values) =>
    saveForm({
      update: subject ? { input: updateSubjectInput(subject, values), send: update.mutate } : null,
      create: () => create.mutate(createSubjectInput(values)),
      onUnchanged: onClose,
      onSaved,
    }),
  );

  const teachers = withCurrentTeacher(teacherOptions, subject?.teacher);
  const title = subject ? `Edit ${subject.name}` : 'Add a subject';

  return (
    <FormModal opened={opened} onClose={onClose} title={title} size="lg" onSubmit={submit}>
      <TextInput
        label="Subject name"
        placeholder="Mathematics"
        withAsterisk
        data-autofocus
        {...form.getInputProps('name')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label="Code"
          placeholder="MATH101"
          description={`${SUBJECT_CODE_MESSAGE} Unique within a grade.`}
          withAsterisk
          spellCheck={false}
          autoComplete="off"
          {...form.getInputProps('code')}
        />
        <GradeSelect {...form.getInputProps('grade')} />
      </SimpleGrid>
      <TeacherSelect
        placeholder="No teacher yet"
        description="Who teaches it (optional)."
        data={teachers}
        clearable
        {...form.getInputProps('teacherId')}
      />
      <Textarea label="Description" autosize minRows={2} maxRows={6} {...form.getInputProps('description')} />
      <FormActions
        onCancel={onClose}
        submitLabel={subject ? 'Save changes' : 'Add subject'}
        loading={loading}
      />
    </FormModal>
  );
}
