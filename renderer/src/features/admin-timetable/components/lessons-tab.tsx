import {
  Alert,
  Autocomplete,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  MultiSelect,
  Select,
  SimpleGrid,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { LessonDto, RoomDto } from '../../../../../shared/contract';
import { TEXT_LIMITS } from '../../../../../shared/domain';
import { ROOM_KIND_SUGGESTIONS } from '../../../../../shared/timetable-rules';
import { ConfirmDeleteModal } from '../../../components/confirm-delete-modal';
import { FormActions } from '../../../components/form-actions';
import { FormModal } from '../../../components/form-modal';
import { ManageMenu } from '../../../components/manage-menu';
import { QueryError } from '../../../components/query-error';
import {
  useAllPages,
  useClassOptions,
  useTeacherOptions,
  type SelectOption,
} from '../../../hooks/use-admin-options';
import { useFormDialog } from '../../../hooks/use-form-dialog';
import { useFormReset } from '../../../hooks/use-form-reset';
import { useMutation } from '../../../hooks/use-mutation';
import { useQuery } from '../../../hooks/use-query';
import { useSaveMutations } from '../../../hooks/use-save-mutations';
import { useSchoolWeek } from '../../../hooks/use-school-week';
import { requiredText } from '../../../lib/form-rules';
import {
  GROUPS_MESSAGE,
  createLessonInput,
  emptyLesson,
  groupsText,
  lessonValuesOf,
  parseGroups,
  updateLessonInput,
  type LessonValues,
} from '../utils/lesson-form';
import { DataTable } from '../../../components/data-table';

/**
 * The curriculum of one class: its lessons (also those shared with other classes), each with its teachers,
 * blocks and room, and its periods a week against the slots the school's week has.
 */
export function LessonsTab() {
  const classes = useClassOptions();
  const teachers = useTeacherOptions();
  const rooms = useAllPages('rooms.list', {});
  const { week } = useSchoolWeek();
  // Until one is picked, the first.
  const [picked, setClassId] = useState<string | null>(null);
  const classId = picked ?? classes.options[0]?.value ?? null;

  const lessons = useQuery('lessons.list', classId ? { classId } : null, [], { keepPrevious: false });
  const form = useFormDialog<LessonDto>();
  const [removing, setRemoving] = useState<LessonDto | null>(null);
  const remove = useMutation('lessons.delete', {
    success: 'The lesson was removed.',
    invalidates: ['lessons.'],
  });

  const items = lessons.data?.items ?? [];
  const periods = items.reduce((sum, l) => sum + l.periodsPerWeek, 0);
  const slots = week.days.length * week.periods.length;
  const className = classes.options.find((o) => o.value === classId)?.label ?? 'this class';

  return (
    <Card withBorder radius="md" padding="md">
      <Group gap="md" align="flex-end" mb="md" wrap="wrap" justify="space-between">
        <Group gap="md" align="flex-end">
          <Select
            label="Class"
            placeholder="Choose a class"
            data={classes.options}
            value={classId}
            onChange={setClassId}
            searchable
            allowDeselect={false}
            w={260}
          />
          {classId && lessons.data && (
            <Badge
              size="lg"
              variant="light"
              color={periods > slots ? 'red' : 'indigo'}
              c={periods > slots ? 'red' : 'indigo'}
              data-testid="lesson-load"
            >
              {periods} of {slots} periods a week
            </Badge>
          )}
        </Group>
        <Button onClick={form.openNew} disabled={!classId}>
          Add lesson
        </Button>
      </Group>
      {periods > slots && (
        <Alert color="red" variant="light" mb="md" role="alert">
          {className} has more periods a week than the school week has slots ({slots}): no timetable can hold
          them.
        </Alert>
      )}
      {classes.error ? (
        <QueryError error={classes.error} what="the classes" />
      ) : lessons.error ? (
        <QueryError error={lessons.error} onRetry={lessons.refetch} what="the lessons" />
      ) : classes.options.length === 0 && !classes.loading ? (
        <Text size="sm" c="dimmed">
          Create a class on the Classes page first.
        </Text>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="lessons-empty">
          {lessons.data ? `${className} has no lessons yet. Add what it is taught each week.` : 'Loading…'}
        </Text>
      ) : (
        <DataTable
          columns={['Subject', 'Teachers', 'Classes', 'Blocks', 'Periods a week', 'Room']}
          actions
          minWidth={720}
          verticalSpacing="sm"
          highlightOnHover
          aria-label={`Lessons of ${className}`}
        >
          {items.map((l) => (
            <Table.Tr key={l.id} data-testid="lesson-row">
              <Table.Td fw={500}>{l.subject}</Table.Td>
              <Table.Td>{l.teachers.map((t) => t.name).join(', ')}</Table.Td>
              <Table.Td>{l.classes.map((c) => c.name).join(', ')}</Table.Td>
              <Table.Td>{groupsText(l.groups)}</Table.Td>
              <Table.Td>{l.periodsPerWeek}</Table.Td>
              <Table.Td>{l.room?.name ?? (l.roomKind ? `any ${l.roomKind}` : 'any')}</Table.Td>
              <Table.Td ta="right">
                <ManageMenu label={`Manage ${l.subject}`}>
                  <Menu.Item onClick={() => form.openEdit(l)}>Edit</Menu.Item>
                  <Menu.Item color="red" onClick={() => setRemoving(l)}>
                    Delete
                  </Menu.Item>
                </ManageMenu>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <LessonFormModal
        opened={form.opened}
        lesson={form.editing}
        classId={classId}
        onClose={form.close}
        classOptions={classes.options}
        teacherOptions={teachers.options}
        rooms={rooms.items}
      />
      <ConfirmDeleteModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={`Delete ${removing?.subject ?? 'the lesson'}?`}
        confirmLabel="Delete lesson"
        loading={remove.loading}
        onConfirm={() =>
          removing &&
          void remove.mutate({ id: removing.id }).then((ok) => {
            if (ok) setRemoving(null);
          })
        }
      >
        The lesson leaves the curriculum. Timetable entries made from it stay until you change them.
      </ConfirmDeleteModal>
    </Card>
  );
}

interface LessonFormModalProps {
  opened: boolean;
  lesson: LessonDto | null;
  classId: string | null;
  onClose: () => void;
  classOptions: SelectOption[];
  teacherOptions: SelectOption[];
  rooms: readonly RoomDto[];
}

function LessonFormModal({
  opened,
  lesson,
  classId,
  onClose,
  classOptions,
  teacherOptions,
  rooms,
}: LessonFormModalProps) {
  const form = useForm<LessonValues>({
    mode: 'controlled',
    initialValues: emptyLesson(classId),
    validate: {
      classIds: (v) => (v.length > 0 ? null : 'Choose at least one class.'),
      subject: requiredText(TEXT_LIMITS.subjectName, 'Enter the subject.'),
      teacherIds: (v) => (v.length > 0 ? null : 'Choose at least one teacher.'),
      groups: (v) => (parseGroups(v) ? null : GROUPS_MESSAGE),
    },
  });
  useFormReset(form, opened ? () => (lesson ? lessonValuesOf(lesson) : emptyLesson(classId)) : null, [
    lesson?.id,
    classId,
  ]);
  const { create, update, loading } = useSaveMutations('lessons.create', 'lessons.update', {
    form,
    created: (l) => `${l.subject} was added (${l.periodsPerWeek} periods a week).`,
    saved: (l) => `${l.subject} was saved.`,
    invalidates: ['lessons.'],
  });
  const submit = form.onSubmit(async (v) => {
    const ok = lesson
      ? await update.mutate(updateLessonInput(lesson, v))
      : await create.mutate(createLessonInput(v));
    if (ok) onClose();
  });
  const values = form.getValues();
  const kinds = [...new Set([...ROOM_KIND_SUGGESTIONS, ...rooms.map((r) => r.kind)])];
  const parsed = parseGroups(values.groups);

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={lesson ? `Edit ${lesson.subject}` : 'Add a lesson'}
      size="lg"
      onSubmit={submit}
    >
      <TextInput
        label="Subject"
        placeholder="Physics"
        withAsterisk
        data-autofocus
        {...form.getInputProps('subject')}
      />
      <MultiSelect
        label="Classes"
        description="More than one: the classes are taught together."
        data={classOptions}
        searchable
        withAsterisk
        {...form.getInputProps('classIds')}
      />
      <MultiSelect
        label="Teachers"
        placeholder="Choose teachers"
        data={teacherOptions}
        searchable
        withAsterisk
        {...form.getInputProps('teacherIds')}
      />
      <TextInput
        label="Blocks a week"
        description={
          parsed
            ? `${parsed.reduce((a, b) => a + b, 0)} periods a week. A block of 2 is a double period.`
            : GROUPS_MESSAGE
        }
        placeholder="2+2"
        withAsterisk
        spellCheck={false}
        autoComplete="off"
        {...form.getInputProps('groups')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Select
          label="Fixed room"
          placeholder="Any room"
          data={rooms.map((r) => ({ value: r.id, label: `${r.name} (${r.kind})` }))}
          searchable
          clearable
          {...form.getInputProps('roomId')}
        />
        <Autocomplete
          label="Or a room of kind"
          placeholder="lab"
          data={kinds}
          disabled={values.roomId !== null}
          {...form.getInputProps('roomKind')}
        />
      </SimpleGrid>
      <FormActions
        onCancel={onClose}
        submitLabel={lesson ? 'Save changes' : 'Add lesson'}
        loading={loading}
      />
    </FormModal>
  );
}
