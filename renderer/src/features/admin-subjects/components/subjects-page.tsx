import { Button, Menu, Stack, Table, Text } from '@mantine/core';
import type { SubjectDto } from '../../../../../shared/contract';
import { AdminConfirmDeleteModal } from '../../../components/admin-confirm-delete-modal';
import { GradeFilter } from '../../../components/grade-filter';
import { CodeCell, ListPage, NameCell } from '../../../components/list-page';
import { PageHeader } from '../../../components/page-header';
import { useTeacherOptions } from '../../../hooks/use-admin-options';
import { useDeleteDialog } from '../../../hooks/use-delete-dialog';
import { useFormDialog } from '../../../hooks/use-form-dialog';
import { useListPage } from '../../../hooks/use-list-page';
import { ALL_GRADES, gradeFilterInput } from '../../../lib/grades';
import { SubjectFormModal } from './subject-form-modal';

/** The school's subject catalogue: name, code (unique per grade), grade and teacher. */
export function SubjectsPage() {
  const list = useListPage('subjects.list', {
    filters: ALL_GRADES,
    toInput: gradeFilterInput,
  });
  const form = useFormDialog<SubjectDto>();

  const teachers = useTeacherOptions();

  const remove = useDeleteDialog('subjects.delete', {
    success: (subject: SubjectDto) => `${subject.name} was removed from the catalogue.`,
    invalidates: ['subjects.'],
  });

  return (
    <Stack gap="lg">
      <PageHeader
        title="Subjects"
        description="What is taught in each grade, with its code and teacher."
        actions={<Button onClick={form.openNew}>Add subject</Button>}
      />
      <ListPage
        list={list}
        searchPlaceholder="Name or code"
        filters={
          <GradeFilter value={list.filters.grade} onChange={(value) => list.setFilter('grade', value)} />
        }
        empty={{
          none: { title: 'No subjects yet', hint: 'Add the subjects each grade is taught.' },
          noMatch: { title: 'No subject matches', hint: 'Try another search or grade.' },
        }}
        tableLabel="Subjects"
        minWidth={680}
        columns={['Subject', 'Code', 'Grade', 'Teacher', 'Description']}
        noun="subjects"
        nounOne="subject"
        cells={(subject) => (
          <>
            <NameCell>{subject.name}</NameCell>
            <CodeCell>{subject.code}</CodeCell>
            <Table.Td>{subject.grade}</Table.Td>
            <Table.Td>{subject.teacher?.name ?? '—'}</Table.Td>
            <Table.Td maw={320}>
              <Text size="sm" lineClamp={2}>
                {subject.description ?? '—'}
              </Text>
            </Table.Td>
          </>
        )}
        menuLabel={(subject) => `Manage ${subject.name} (${subject.code})`}
        menu={(subject) => (
          <>
            <Menu.Item onClick={() => form.openEdit(subject)}>Edit</Menu.Item>
            <Menu.Item color="red" onClick={() => remove.ask(subject)}>
              Delete
            </Menu.Item>
          </>
        )}
      />

      <SubjectFormModal
        opened={form.opened}
        onClose={form.close}
        subject={form.editing}
        teacherOptions={teachers.options}
        onSaved={form.close}
      />
      <AdminConfirmDeleteModal dialog={remove}>
        {(subject) =>
          `${subject.name} (${subject.code}, grade ${subject.grade}) leaves the catalogue. Classes and timetable entries keep the subject's name.`
        }
      </AdminConfirmDeleteModal>
    </Stack>
  );
}
