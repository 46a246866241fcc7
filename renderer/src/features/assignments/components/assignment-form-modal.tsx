import { Modal, MultiSelect, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { DateInput, TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { AssignmentDto, FileRef } from '../../../../../shared/contract';
import { LIST_LIMITS, TEXT_LIMITS } from '../../../../../shared/domain';
import { FormActions } from '../../../components/form-actions';
import { FileDropzone } from '../../../components/file-dropzone';
import { TitleInput } from '../../../components/title-input';
import { useSaveMutations } from '../../../hooks/use-save-mutations';
import { defaultDueDate, formatDay, joinLocal, parseDay, splitLocal } from '../utils/assignment-rules';

interface AssignmentFormValues {
  title: string;
  description: string;
  classIds: string[];
  /** The due day, `YYYY-MM-DD` (named like the API's field, so its message lands here). */
  dueDate: string | null;
  dueTime: string;
  attachments: FileRef[];
}

export interface ClassOption {
  value: string;
  label: string;
}

export interface AssignmentFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** The assignment being edited; absent for a new one. */
  assignment?: AssignmentDto | undefined;
  /** The teacher's classes. */
  classes: readonly ClassOption[];
}

function initialValues(assignment: AssignmentDto | undefined): AssignmentFormValues {
  if (assignment) {
    const { day, time } = splitLocal(assignment.dueDate);
    return {
      title: assignment.title,
      description: assignment.description,
      classIds: [...assignment.classIds],
      dueDate: day,
      dueTime: time,
      attachments: [...assignment.attachments],
    };
  }
  const { day, time } = splitLocal(defaultDueDate(new Date()));
  return { title: '', description: '', classIds: [], dueDate: day, dueTime: time, attachments: [] };
}

/** Create or edit an assignment: title, description, classes, due date and time, attachments. */
export function AssignmentFormModal(props: AssignmentFormModalProps) {
  const { opened, onClose, assignment } = props;
  // A fresh form per opening (and per assignment), so no value leaks from the last one.
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={assignment ? `Edit “${assignment.title}”` : 'New assignment'}
      size="lg"
      centered
      // The whole form, Create button included, fits a 1280×800 window (finding 8).
      yOffset={12}
    >
      {opened && <AssignmentForm key={assignment?.id ?? 'new'} {...props} />}
    </Modal>
  );
}

function AssignmentForm({ onClose, assignment, classes }: AssignmentFormModalProps) {
  const [uploading, setUploading] = useState(false);
  const original = assignment ? splitLocal(assignment.dueDate) : null;
  const form = useForm<AssignmentFormValues>({
    mode: 'controlled',
    initialValues: initialValues(assignment),
    validate: {
      title: (v) =>
        v.trim() === ''
          ? 'Give the assignment a title.'
          : v.trim().length > TEXT_LIMITS.title
            ? `At most ${TEXT_LIMITS.title} characters.`
            : null,
      description: (v) =>
        v.trim().length > TEXT_LIMITS.description ? `At most ${TEXT_LIMITS.description} characters.` : null,
      classIds: (v) =>
        v.length === 0
          ? 'Choose at least one class.'
          : v.length > LIST_LIMITS.classIdsPerAssignment
            ? `At most ${LIST_LIMITS.classIdsPerAssignment} classes.`
            : null,
      dueDate: (day, values) => {
        const due = joinLocal(day, values.dueTime);
        if (!due) return 'Choose the due date.';
        const unchanged = original && original.day === day && original.time === values.dueTime;
        return !unchanged && due.getTime() <= Date.now() ? 'Choose a date and time in the future.' : null;
      },
      dueTime: (v) => (/^\d{1,2}:\d{2}$/.test(v) ? null : 'Choose the time it is due.'),
    },
  });

  const {
    create,
    update,
    loading: saving,
  } = useSaveMutations('assignments.create', 'assignments.update', {
    created: (a) => `“${a.title}” was set for ${a.counts?.students ?? 0} students.`,
    saved: (a) => `“${a.title}” was saved.`,
    form,
    invalidates: ['assignments.'],
    onSuccess: onClose,
  });

  const submit = form.onSubmit(async (values) => {
    const due = joinLocal(values.dueDate, values.dueTime);
    if (!due) return;
    const attachments = values.attachments.map((f) => f.id);
    if (assignment) {
      await update.mutate({
        id: assignment.id,
        title: values.title,
        description: values.description,
        classIds: values.classIds,
        ...(due.getTime() !== assignment.dueDate.getTime() ? { dueDate: due } : {}),
        attachments,
      });
    } else {
      await create.mutate({
        title: values.title,
        description: values.description,
        classIds: values.classIds,
        dueDate: due,
        attachments,
      });
    }
  });

  // Classes the assignment is for that the teacher no longer teaches still show (they may keep them).
  const known = new Set(classes.map((c) => c.value));
  const classData = [
    ...classes,
    ...(assignment?.classIds ?? [])
      .filter((id) => !known.has(id))
      .map((id) => ({ value: id, label: 'Another class' })),
  ];

  return (
    <form onSubmit={submit} noValidate aria-label={assignment ? 'Edit assignment' : 'New assignment'}>
      <Stack gap="md">
        <TitleInput data-autofocus {...form.getInputProps('title')} />
        <Textarea
          label="Description"
          description="What to do, how it is marked, anything the students need to know."
          autosize
          minRows={2}
          maxRows={6}
          maxLength={TEXT_LIMITS.description}
          {...form.getInputProps('description')}
        />
        <MultiSelect
          label="Classes"
          description="Every student of these classes gets the assignment."
          placeholder={form.values.classIds.length === 0 ? 'Choose classes' : undefined}
          data={classData}
          searchable
          withAsterisk
          nothingFoundMessage="No class by that name"
          maxValues={LIST_LIMITS.classIdsPerAssignment}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('classIds')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <DateInput
            label="Due date"
            description={`Pick a day or type e.g. “${formatDay(defaultDueDate(new Date()))}”.`}
            withAsterisk
            minDate={assignment ? undefined : splitLocal(new Date()).day}
            valueFormat={(d) => formatDay(new Date(`${d}T00:00:00`))}
            dateParser={parseDay}
            popoverProps={{ withinPortal: true }}
            {...form.getInputProps('dueDate')}
          />
          <TimeInput label="Due time" withAsterisk {...form.getInputProps('dueTime')} />
        </SimpleGrid>
        <FileDropzone
          purpose="attachment"
          label="Attachments"
          value={form.values.attachments}
          onChange={(files) => form.setFieldValue('attachments', files)}
          maxFiles={LIST_LIMITS.attachmentsPerAssignment}
          onUploadingChange={setUploading}
          error={form.errors.attachments}
          disabled={saving}
        />
        <FormActions
          onCancel={onClose}
          submitLabel={uploading ? 'Uploading…' : assignment ? 'Save changes' : 'Create assignment'}
          loading={saving}
          cancelDisabled={saving}
          submitDisabled={uploading}
        />
      </Stack>
    </form>
  );
}
