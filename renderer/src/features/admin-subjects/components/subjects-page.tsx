import {
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
import type { AllChannelInput, SubjectDto } from '../../../../../shared/contract';
import { AdminConfirmDeleteModal } from '../../../components/admin-confirm-delete-modal';
import { AdminListFooter } from '../../../components/admin-list-footer';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useTeacherOptions } from '../../../hooks/use-admin-options';
import { useMutation } from '../../../hooks/use-mutation';
import { useQuery } from '../../../hooks/use-query';
import { GRADE_OPTIONS } from '../utils/subject-form';
import { SubjectFormModal } from './subject-form-modal';

const PAGE_SIZE = 25;

/** The school's subject catalogue: name, code (unique per grade), grade and teacher. */
export function SubjectsPage() {
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [grade, setGrade] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [formOpened, setFormOpened] = useState(false);
  const [editing, setEditing] = useState<SubjectDto | null>(null);
  const [deleting, setDeleting] = useState<SubjectDto | null>(null);

  const input: AllChannelInput<'subjects.list'> = {
    page,
    pageSize: PAGE_SIZE,
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
    ...(grade ? { grade: Number(grade) } : {}),
  };
  const { data, error, loading, refetch } = useQuery('subjects.list', input);
  const teachers = useTeacherOptions();

  const remove = useMutation('subjects.delete', {
    success: () => `${deleting?.name ?? 'The subject'} was removed from the catalogue.`,
    invalidates: ['subjects.'],
    onSuccess: () => setDeleting(null),
  });

  const subjects = data?.items ?? [];
  const filtering = debouncedSearch !== '' || grade !== null;

  function openForm(subject: SubjectDto | null): void {
    setEditing(subject);
    setFormOpened(true);
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title="Subjects"
        description="What is taught in each grade, with its code and teacher."
        actions={<Button onClick={() => openForm(null)}>Add subject</Button>}
      />
      <Card withBorder radius="md" padding="md">
        <Group gap="md" align="flex-end" mb="md">
          <TextInput
            label="Search"
            placeholder="Name or code"
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
          <QueryError error={error} onRetry={refetch} what="the subjects" />
        ) : data && subjects.length === 0 ? (
          <EmptyState
            title={filtering ? 'No subject matches' : 'No subjects yet'}
            hint={filtering ? 'Try another search or grade.' : 'Add the subjects each grade is taught.'}
          />
        ) : (
          <Table.ScrollContainer minWidth={680}>
            <Table
              highlightOnHover
              verticalSpacing="sm"
              aria-label="Subjects"
              aria-busy={loading}
              style={{ opacity: loading && data ? 0.6 : 1 }}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Subject</Table.Th>
                  <Table.Th scope="col">Code</Table.Th>
                  <Table.Th scope="col">Grade</Table.Th>
                  <Table.Th scope="col">Teacher</Table.Th>
                  <Table.Th scope="col">Description</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {!data && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>
                      <Text size="sm" c="dimmed" py="md" ta="center">
                        Loading…
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {subjects.map((subject) => (
                  <Table.Tr key={subject.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {subject.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {subject.code}
                      </Text>
                    </Table.Td>
                    <Table.Td>{subject.grade}</Table.Td>
                    <Table.Td>{subject.teacher?.name ?? '—'}</Table.Td>
                    <Table.Td maw={320}>
                      <Text size="sm" lineClamp={2}>
                        {subject.description ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Menu position="bottom-end" withinPortal shadow="md">
                        <Menu.Target>
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={`Manage ${subject.name} (${subject.code})`}
                          >
                            Manage
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => openForm(subject)}>Edit</Menu.Item>
                          <Menu.Item color="red" onClick={() => setDeleting(subject)}>
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
            noun="subjects"
            nounOne="subject"
          />
        )}
      </Card>

      <SubjectFormModal
        opened={formOpened}
        onClose={() => setFormOpened(false)}
        subject={editing}
        teacherOptions={teachers.options}
        onSaved={() => setFormOpened(false)}
      />
      <AdminConfirmDeleteModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={deleting ? `Delete ${deleting.name}?` : 'Delete'}
        confirmLabel={deleting ? `Delete ${deleting.name}` : 'Delete'}
        loading={remove.loading}
        onConfirm={() => (deleting ? remove.mutate({ id: deleting.id }) : undefined)}
      >
        {deleting
          ? `${deleting.name} (${deleting.code}, grade ${deleting.grade}) leaves the catalogue. Classes and timetable entries keep the subject's name.`
          : ''}
      </AdminConfirmDeleteModal>
    </Stack>
  );
}
