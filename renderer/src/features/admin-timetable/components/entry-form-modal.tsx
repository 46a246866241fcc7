import { Alert, Autocomplete, Button, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { ClassDto, RoomDto, ScheduleDto, SubjectDto, WeekDto } from '../../../../../shared/contract';
import type { Weekday } from '../../../../../shared/domain';
import { bellTime, gridDays, gridPeriods } from '../../../../../shared/school-week';
import { FormActions } from '../../../components/form-actions';
import { FormModal } from '../../../components/form-modal';
import { TeacherSelect } from '../../../components/teacher-select';
import type { SelectOption } from '../../../hooks/use-admin-options';
import { useFormReset } from '../../../hooks/use-form-reset';
import { useMutation } from '../../../hooks/use-mutation';
import { useSaveMutations } from '../../../hooks/use-save-mutations';
import type { ApiClientError } from '../../../lib/api-client';
import { notifyError } from '../../../lib/notify';
import { saveForm } from '../../../lib/update-input';
import {
  createEntryInput,
  entryRules,
  entryValuesOf,
  updateEntryInput,
  type EntryValues,
} from '../utils/entry-form';
import type { TimetableView } from '../utils/grid';

/** A free cell to fill, or an entry to change. */
export type EntryTarget =
  { kind: 'new'; day: Weekday; period: number } | { kind: 'edit'; entry: ScheduleDto };

export interface EntryFormModalProps {
  target: EntryTarget | null;
  onClose: () => void;
  onSaved: () => void;
  /** The grid's axis: a class's week (choose the teacher) or a teacher's week (choose the class). */
  view: TimetableView;
  /** The class or teacher whose week this is. */
  fixedId: string;
  fixedName: string;
  teacherOptions: SelectOption[];
  classes: readonly ClassDto[];
  subjects: readonly SubjectDto[];
  rooms: readonly RoomDto[];
  week: WeekDto;
}

/**
 * Adds or changes a timetable entry, or deletes it. A clash (the teacher or the class already busy then) is
 * refused by the server with a sentence naming it, shown here as it came.
 */
export function EntryFormModal({
  target,
  onClose,
  onSaved,
  view,
  fixedId,
  fixedName,
  teacherOptions,
  classes,
  subjects,
  rooms,
  week,
}: EntryFormModalProps) {
  // Both belong to the cell or entry they were raised for (`targetKey`); another one starts without them.
  const [clashOf, setClashOf] = useState<{ key: string; message: string } | null>(null);
  const [confirmingOf, setConfirmingOf] = useState<string | null>(null);
  const form = useForm<EntryValues>({
    mode: 'controlled',
    initialValues: { day: 'Monday', period: '1', subject: '', teacherId: null, classId: null, roomId: null },
    validate: entryRules,
    onValuesChange: () => setClashOf(null),
  });

  const targetKey = target
    ? target.kind === 'edit'
      ? target.entry.id
      : `${target.day}|${target.period}`
    : null;
  // Opened for another cell or entry, the form starts from it.
  useFormReset(
    form,
    target
      ? (): EntryValues =>
          target.kind === 'edit'
            ? entryValuesOf(target.entry)
            : {
                day: target.day,
                period: String(target.period),
                subject: '',
                teacherId: view === 'teacher' ? fixedId : null,
                classId: view === 'class' ? fixedId : null,
                roomId: null,
              }
      : null,
    [targetKey, view, fixedId],
  );

  const clash = clashOf && clashOf.key === targetKey ? clashOf.message : null;
  const confirmingDelete = confirmingOf !== null && confirmingOf === targetKey;
  const setConfirmingDelete = (on: boolean) => setConfirmingOf(on ? targetKey : null);
  // The server's word goes next to its field without moving the focus (a focused select would open its list);
  // a clash is also said in full above the buttons. Anything else is a notification.
  const onError = (error: ApiClientError) => {
    const values = form.getValues();
    const placed = Object.entries(error.fields ?? {}).filter(([path]) => path in values);
    if (placed.length > 0) form.setErrors(Object.fromEntries(placed));
    if (error.code === 'CONFLICT' && targetKey) setClashOf({ key: targetKey, message: error.message });
    else if (placed.length === 0) notifyError(error);
  };
  const { create, update, loading } = useSaveMutations('schedules.create', 'schedules.update', {
    notifyErrors: false,
    onError,
    created: (e) => `${e.subject} added on ${e.day}, period ${e.period}.`,
    saved: (e) => `${e.subject} on ${e.day}, period ${e.period} was saved.`,
    invalidates: ['schedules.'],
  });
  const remove = useMutation('schedules.delete', {
    success: 'The timetable entry was deleted.',
    invalidates: ['schedules.'],
  });

  const submit = form.onSubmit((values) => {
    setClashOf(null);
    return saveForm({
      update:
        target?.kind === 'edit'
          ? { input: updateEntryInput(target.entry, values), send: update.mutate }
          : null,
      create: () => create.mutate(createEntryInput(values)),
      onUnchanged: onClose,
      onSaved,
    });
  });

  async function deleteEntry(): Promise<void> {
    if (target?.kind !== 'edit') return;
    if (await remove.mutate({ id: target.entry.id })) onSaved();
  }

  // Subjects to suggest: the class's own list and the catalogue of its grade, or the teacher's subjects.
  const values = form.getValues();
  const cls = classes.find((c) => c.id === values.classId);
  const suggestions = [
    ...new Set([
      ...(cls?.subjects ?? []),
      ...subjects
        .filter((s) => (cls ? s.grade === cls.grade : s.teacherId === values.teacherId))
        .map((s) => s.name),
    ]),
  ].sort((a, b) => a.localeCompare(b));

  const editing = target?.kind === 'edit';
  // The week's days and periods, plus the entry's own when it lies outside them (so it can be moved in).
  const dayOptions = gridDays(week, target?.kind === 'edit' ? [target.entry.day] : []).map((d) => ({
    value: d,
    label: d,
  }));
  const periodOptions = gridPeriods(week, target?.kind === 'edit' ? [target.entry.period] : []).map((p) => ({
    value: String(p),
    label: bellTime(week, p) ? `Period ${p} (${bellTime(week, p)})` : `Period ${p}`,
  }));
  const roomOptions = rooms.map((r) => ({ value: r.id, label: `${r.name} (${r.kind}, ${r.capacity})` }));
  const where = `${values.day}, period ${values.period}`;
  const title = editing ? `Edit ${fixedName}'s entry` : `New entry for ${fixedName}`;

  return (
    <FormModal opened={target !== null} onClose={onClose} title={title} size="lg" onSubmit={submit}>
      <SimpleGrid cols={2} spacing="md">
        <Select label="Day" data={dayOptions} allowDeselect={false} {...form.getInputProps('day')} />
        <Select label="Period" data={periodOptions} allowDeselect={false} {...form.getInputProps('period')} />
      </SimpleGrid>
      <Autocomplete
        label="Subject"
        placeholder="Mathematics"
        data={suggestions}
        withAsterisk
        data-autofocus
        {...form.getInputProps('subject')}
      />
      {view === 'class' ? (
        <TeacherSelect
          placeholder="Choose a teacher"
          data={teacherOptions}
          withAsterisk
          {...form.getInputProps('teacherId')}
        />
      ) : (
        <Select
          label="Class"
          placeholder="Choose a class"
          data={classes.map((c) => ({ value: c.id, label: c.name }))}
          searchable
          withAsterisk
          nothingFoundMessage="No class has that name"
          {...form.getInputProps('classId')}
        />
      )}
      <Select
        label="Room"
        placeholder={rooms.length > 0 ? 'No room' : 'No rooms yet (add them on the Rooms tab)'}
        description={`Time: ${bellTime(week, Number(values.period)) || 'outside the school day'}, from the bell times.`}
        data={roomOptions}
        searchable
        clearable
        nothingFoundMessage="No room has that name"
        {...form.getInputProps('roomId')}
      />
      {clash && (
        <Alert
          color="red"
          variant="light"
          title="This clashes with another entry"
          role="alert"
          data-testid="clash"
        >
          {clash}
        </Alert>
      )}
      {confirmingDelete ? (
        <Alert color="red" variant="light" title={`Delete this entry on ${where}?`}>
          <Stack gap="sm">
            <Text size="sm">
              {values.subject || 'The entry'} leaves the timetable of the class and of the teacher.
            </Text>
            <Group gap="sm">
              <Button variant="default" size="xs" onClick={() => setConfirmingDelete(false)}>
                Keep it
              </Button>
              <Button color="red" size="xs" loading={remove.loading} onClick={() => void deleteEntry()}>
                Delete entry
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : (
        <Group justify="space-between" gap="sm">
          {editing ? (
            <Button variant="subtle" color="red" onClick={() => setConfirmingDelete(true)}>
              Delete…
            </Button>
          ) : (
            <span />
          )}
          <FormActions
            onCancel={onClose}
            submitLabel={editing ? 'Save changes' : 'Add entry'}
            loading={loading}
          />
        </Group>
      )}
    </FormModal>
  );
}
