import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { AllChannelInput, ClassDto } from '../../../../../shared/contract';
import { AdminConfirmDeleteModal } from '../../../components/admin-confirm-delete-modal';
import { AdminListFooter } from '../../../components/admin-list-footer';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useTeacherOptions } from '../../../hooks/use-admin-options';
import { useMutation } from '../../../hooks/use-mutation';
import { useQuery } from '../../../hooks/use-query';
import { hrefOf, useNavigate, useRoute } from '../../../stores/route-store';
import { GRADE_OPTIONS } from '../utils/class-form';
import { ClassDrawer } from './class-drawer';
import { ClassFormModal } from './class-form-modal';
import { EnrolmentBar } from './enrolment-bar';

const PAGE_SIZE = 25;

/**
 * Classes with their grade and section, class teacher, enrolment against capacity and subjects. A class opens
 * in a drawer at `#/admin/classes/<id>` (its students, teacher, enrolment).
 */
export function ClassesPage() {
  const route = useRoute();
  const navigate = useNavigate();
  const openId = route?.workspace === 'admin' && route.page === 'classes' ? (route.rest?.[0] ?? null) : null;

  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [grade, setGrade] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [formOpened, setFormOpened] = useState(false);
  const [editing, setEditing] = useState<ClassDto | null>(null);
  const [deleting, setDeleting] = useState<ClassDto | null>(null);

  const input: AllChannelInput<'classes.list'> = {
    page,
    pageSize: PAGE_SIZE,
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
    ...(grade ? { grade: Number(grade) } : {}),
  };
  const { data, error, loading, refetch } = useQuery('classes.list', input);
  const teachers = useTeacherOptions();

  const remove = useMutation('classes.delete', {
    success: () => `${deleting?.name ?? 'The class'} was deleted.`,
    invalidates: ['classes.'],
    onSuccess: () => setDeleting(null),
  });

  const open = (id: string | null) =>
    navigate({ workspace: 'admin', page: 'classes', ...(id ? { rest: [id] } : {}) });
  function openForm(cls: ClassDto | null): void {
    setEditing(cls);
    setFormOpened(true);
  }

  const classes = data?.items ?? [];
  const filtering = debouncedSearch !== '' || grade !== null;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Classes"
        description="Grades and sections, their class teachers, students and subjects."
        actions={<Button onClick={() => openForm(null)}>Create class</Button>}
      />
      <Card withBorder radius="md" padding="md">
        <Group gap="md" align="flex-end" mb="md">
          <TextInput
            label="Search"
            placeholder="Class name"
            type="search"
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            style={{ flex: '1 1 240px' }}
          />
          <Select
            label="Grade"
            placeholder="All grades"
            data={GRADE_OPTIONS}
            value={grade}
            clearable
            onChange={(value) => {
              setGrade(value);
              setPage(1);
            }}
            w={180}
          />
        </Group>

        {error ? (
          <QueryError error={error} onRetry={refetch} what="the classes" />
        ) : data && classes.length === 0 ? (
          <EmptyState
            title={filtering ? 'No class matches' : 'No classes yet'}
            hint={
              filtering
                ? 'Try another search or grade.'
                : 'Create a class for each grade and section, then enrol its students.'
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table
              highlightOnHover
              verticalSpacing="sm"
              aria-label="Classes"
              aria-busy={loading}
              style={{ opacity: loading && data ? 0.6 : 1 }}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Class</Table.Th>
                  <Table.Th scope="col">Grade</Table.Th>
                  <Table.Th scope="col">Section</Table.Th>
                  <Table.Th scope="col">Class teacher</Table.Th>
                  <Table.Th scope="col">Enrolment</Table.Th>
                  <Table.Th scope="col">Subjects</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {!data && (
                  <Table.Tr>
                    <Table.Td colSpan={7}>
                      <Text size="sm" c="dimmed" py="md" ta="center">
                        Loading…
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {classes.map((cls) => (
                  <Table.Tr key={cls.id}>
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
                    <Table.Td ta="right">
                      <Menu position="bottom-end" withinPortal shadow="md">
                        <Menu.Target>
                          <Button size="xs" variant="default" aria-label={`Manage ${cls.name}`}>
                            Manage
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => open(cls.id)}>Students and teacher</Menu.Item>
                          <Menu.Item onClick={() => openForm(cls)}>Edit</Menu.Item>
                          <Menu.Divider />
                          <Menu.Item color="red" onClick={() => setDeleting(cls)}>
                            Delete
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {data && data.total > 0 && (
          <AdminListFooter
            page={page}
            pageSize={PAGE_SIZE}
            total={data.total}
            onPage={setPage}
            noun="classes"
            nounOne="class"
          />
        )}
      </Card>

      <ClassFormModal
        opened={formOpened}
        onClose={() => setFormOpened(false)}
        cls={editing}
        teacherOptions={teachers.options}
        onSaved={(saved) => {
          setFormOpened(false);
          // A new class opens at once, ready for its students.
          if (!editing) open(saved.id);
        }}
      />
      <ClassDrawer classId={openId} onClose={() => open(null)} teacherOptions={teachers.options} />
      <AdminConfirmDeleteModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={deleting ? `Delete ${deleting.name}?` : 'Delete'}
        confirmLabel={deleting ? `Delete ${deleting.name}` : 'Delete'}
        loading={remove.loading}
        onConfirm={() => (deleting ? remove.mutate({ id: deleting.id }) : undefined)}
      >
        {deleting
          ? `${deleting.name} and its timetable entries are deleted; its ${deleting.studentCount} students stay in the school without a class, and assignments lose the class. This cannot be undone.`
          : ''}
      </AdminConfirmDeleteModal>
    </Stack>
  );
}
