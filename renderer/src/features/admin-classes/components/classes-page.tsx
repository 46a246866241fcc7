import { Anchor, Badge, Button, Group, Menu, Stack, Table, Text } from '@mantine/core';
import type { ClassDto } from '../../../../../shared/contract';
import { AdminConfirmDeleteModal } from '../../../components/admin-confirm-delete-modal';
import { GradeFilter } from '../../../components/grade-filter';
import { ListPage } from '../../../components/list-page';
import { PageHeader } from '../../../components/page-header';
import { useTeacherOptions } from '../../../hooks/use-admin-options';
import { useDeleteDialog } from '../../../hooks/use-delete-dialog';
import { useFormDialog } from '../../../hooks/use-form-dialog';
import { useListPage } from '../../../hooks/use-list-page';
import { ALL_GRADES, gradeFilterInput } from '../../../lib/grades';
import { hrefOf, useNavigate, useRoute } from '../../../stores/route-store';
import { ClassDrawer } from './class-drawer';
import { ClassFormModal } from './class-form-modal';
import { EnrolmentBar } from './enrolment-bar';

/**
 * Classes with their grade and section, class teacher, enrolment against capacity and subjects. A class opens
 * in a drawer at `#/admin/classes/<id>` (its students, teacher, enrolment).
 */
export function ClassesPage() {
  const route = useRoute();
  const navigate = useNavigate();
  const openId = route?.workspace === 'admin' && route.page === 'classes' ? (route.rest?.[0] ?? null) : null;

  const list = useListPage('classes.list', {
    filters: ALL_GRADES,
    toInput: gradeFilterInput,
  });
  const form = useFormDialog<ClassDto>();

  const teachers = useTeacherOptions();

  const remove = useDeleteDialog('classes.delete', {
    success: (cls: ClassDto) => `${cls.name} was deleted.`,
    invalidates: ['classes.'],
  });

  const open = (id: string | null) =>
    navigate({ workspace: 'admin', page: 'classes', ...(id ? { rest: [id] } : {}) });

  return (
    <Stack gap="lg">
      <PageHeader
        title="Classes"
        description="Grades and sections, their class teachers, students and subjects."
        actions={<Button onClick={form.openNew}>Create class</Button>}
      />
      <ListPage
        list={list}
        searchPlaceholder="Class name"
        filters={
          <GradeFilter value={list.filters.grade} onChange={(value) => list.setFilter('grade', value)} />
        }
        empty={{
          none: {
            title: 'No classes yet',
            hint: 'Create a class for each grade and section, then enrol its students.',
          },
          noMatch: { title: 'No class matches', hint: 'Try another search or grade.' },
        }}
        tableLabel="Classes"
        minWidth={760}
        columns={['Class', 'Grade', 'Section', 'Class teacher', 'Enrolment', 'Subjects']}
        noun="classes"
        nounOne="class"
        cells={(cls) => (
          <>
            <Table.Td>
              <Anchor
                href={hrefOf({ workspace: 'admin', page: 'classes', rest: [cls.id] })}
                size="sm"
                fw={600}
              >
                {cls.name}
              </Anchor>
            </Table.Td>
            <Table.Td>{cls.grade}</Table.Td>
            <Table.Td>{cls.section}</Table.Td>
            <Table.Td>
              {cls.teacher?.name ?? (
                <Text span size="sm" c="dimmed">
                  None yet
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <EnrolmentBar cls={cls} />
            </Table.Td>
            <Table.Td maw={280}>
              {cls.subjects.length === 0 ? (
                <Text span size="sm" c="dimmed">
                  —
                </Text>
              ) : (
                <Group gap={4}>
                  {cls.subjects.slice(0, 4).map((s) => (
                    <Badge key={s} size="sm" variant="default" tt="none">
                      {s}
                    </Badge>
                  ))}
                  {cls.subjects.length > 4 && (
                    <Text span size="xs" c="dimmed">
                      +{cls.subjects.length - 4} more
                    </Text>
                  )}
                </Group>
              )}
            </Table.Td>
          </>
        )}
        menuLabel={(cls) => `Manage ${cls.name}`}
        menu={(cls) => (
          <>
            <Menu.Item onClick={() => open(cls.id)}>Students and teacher</Menu.Item>
            <Menu.Item onClick={() => form.openEdit(cls)}>Edit</Menu.Item>
            <Menu.Divider />
            <Menu.Item color="red" onClick={() => remove.ask(cls)}>
              Delete
            </Menu.Item>
          </>
        )}
      />

      <ClassFormModal
        opened={form.opened}
        onClose={form.close}
        cls={form.editing}
        teacherOptions={teachers.options}
        onSaved={(saved) => {
          form.close();
          // A new class opens at once, ready for its students.
          if (!form.editing) open(saved.id);
        }}
      />
      <ClassDrawer classId={openId} onClose={() => open(null)} teacherOptions={teachers.options} />
      <AdminConfirmDeleteModal dialog={remove}>
        {(cls) =>
          `${cls.name} and its timetable entries are deleted; its ${cls.studentCount} students stay in the school without a class, and assignments lose the class. This cannot be undone.`
        }
      </AdminConfirmDeleteModal>
    </Stack>
  );
}
