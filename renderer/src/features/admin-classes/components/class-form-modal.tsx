import { NumberInput, SimpleGrid, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ClassDto } from '../../../../../shared/contract';
import { CLASS_CAPACITY_MAX, CLASS_CAPACITY_MIN, LIST_LIMITS } from '../../../../../shared/domain';
import { FormActions } from '../../../components/form-actions';
import { FormModal } from '../../../components/form-modal';
import { GradeSelect } from '../../../components/grade-select';
import { TeacherSelect } from '../../../components/teacher-select';
import { withCurrentTeacher, type SelectOption } from '../../../hooks/use-admin-options';
import { useFormReset } from '../../../hooks/use-form-reset';
import { useQuery } from '../../../hooks/use-query';
import { useSaveMutations } from '../../../hooks/use-save-mutations';
import { saveForm } from '../../../lib/update-input';
import {
  classRules,
  classValuesOf,
  createClassInput,
  emptyClass,
  suggestedName,
  updateClassInput,
  type ClassValues,
} from '../utils/class-form';

export interface ClassFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** Edit this class; without it, a new one. */
  cls: ClassDto | null;
  teacherOptions: SelectOption[];
  onSaved: (cls: ClassDto) => void;
}

/** Adds or changes a class: its name, grade and section, class teacher, capacity and subjects. */
export function ClassFormModal({ opened, onClose, cls, teacherOptions, onSaved }: ClassFormModalProps) {
  const form = useForm<ClassValues>({
    mode: 'controlled',
    initialValues: emptyClass(),
    validate: classRules,
    // The name follows grade and section ("Class 10-A") until someone types their own.
    onValuesChange: (values, previous) => {
      const wasSuggested =
        values.name.trim() === '' || values.name === suggestedName(previous.grade, previous.section);
      const next = suggestedName(values.grade, values.section);
      if (wasSuggested && next !== '' && values.name !== next) form.setFieldValue('name', next);
    },
  });

  useFormReset(form, opened ? () => (cls ? classValuesOf(cls) : emptyClass()) : null, [cls?.id]);

  const grade = form.getValues().grade;
  const catalogue = useQuery(
    'subjects.list',
    opened && grade ? { grade: Number(grade), pageSize: 100 } : null,
  );
  const subjectSuggestions = [...new Set((catalogue.data?.items ?? []).map((s) => s.name))];

  const { create, update, loading } = useSaveMutations('classes.create', 'classes.update', {
    form,
    created: (c) => `${c.name} was created.`,
    saved: (c) => `${c.name} was saved.`,
    invalidates: ['classes.'],
  });

  const submit = form.onSubmit((values) =>
    saveForm({
      update: cls ? { input: updateClassInput(cls, values), send: update.mutate } : null,
      create: () => create.mutate(createClassInput(values)),
      onUnchanged: onClose,
      onSaved,
    }),
  );

  const teachers = withCurrentTeacher(teacherOptions, cls?.teacher);
  const title = cls ? `Edit ${cls.name}` : 'Create a class';

  return (
    <FormModal opened={opened} onClose={onClose} title={title} size="lg" onSubmit={submit}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <GradeSelect data-autofocus {...form.getInputProps('grade')} />
        <TextInput
          label="Section"
          placeholder="A"
          description="Stored in capitals: a and A are one section."
          withAsterisk
          autoComplete="off"
          {...form.getInputProps('section')}
        />
      </SimpleGrid>
      <TextInput label="Class name" placeholder="Class 10-A" withAsterisk {...form.getInputProps('name')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TeacherSelect
          label="Class teacher"
          placeholder="No class teacher yet"
          data={teachers}
          clearable
          {...form.getInputProps('teacherId')}
        />
        <NumberInput
          label="Capacity"
          description={`${CLASS_CAPACITY_MIN}–${CLASS_CAPACITY_MAX} students.`}
          min={CLASS_CAPACITY_MIN}
          max={CLASS_CAPACITY_MAX}
          allowDecimal={false}
          allowNegative={false}
          withAsterisk
          {...form.getInputProps('maxStudents')}
        />
      </SimpleGrid>
      <TagsInput
        label="Subjects"
        description={`Type a subject and press Enter; the grade's subjects are suggested. At most ${LIST_LIMITS.subjectsPerClass}.`}
        placeholder="Add a subject"
        data={subjectSuggestions}
        maxTags={LIST_LIMITS.subjectsPerClass}
        clearable
        clearButtonProps={{ 'aria-label': 'Remove every subject' }}
        {...form.getInputProps('subjects')}
      />
      <FormActions onCancel={onClose} submitLabel={cls ? 'Save changes' : 'Create class'} loading={loading} />
    </FormModal>
  );
}
