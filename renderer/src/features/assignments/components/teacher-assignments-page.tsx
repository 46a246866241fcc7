import {
  Anchor,
  Button,
  Card,
  Group,
  Pagination,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { AssignmentDto } from '../../../../../shared/contract';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useQuery } from '../../../hooks/use-query';
import { hrefOf, useRoute } from '../../../stores/route-store';
import { useNow } from '../../../hooks/use-now';
import { useTeacherClassOptions } from '../hooks/use-teacher-classes';
import { formatDateTime } from '../utils/assignment-rules';
import { AssignmentFormModal } from './assignment-form-modal';
import { DeleteAssignmentModal } from './delete-assignment-modal';
import { TeacherAssignmentDetail } from './teacher-assignment-detail';

const PAGE_SIZE = 20;

/** `#/teacher/assignments` lists them; `#/teacher/assignments/<id>` shows one with every student's work. */
export function TeacherAssignmentsPage() {
  const id = useRoute()?.rest?.[0];
  return id ? <TeacherAssignmentDetail id={id} /> : <TeacherAssignmentList />;
}

function Count({ n, label, color }: { n: number; label: string; color?: string }) {
  return (
    <Text size="xs" c={n > 0 ? color : 'dimmed'} fw={n > 0 && color ? 600 : 400} span>
      {n} {label}
    </Text>
  );
}

function TeacherAssignmentList() {
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [editing, setEditing] = useState<AssignmentDto | 'new' | null>(null);
  const [deleting, setDeleting] = useState<AssignmentDto | null>(null);
  const classes = useTeacherClassOptions();
  const list = useQuery('assignments.list', {
    page,
    pageSize: PAGE_SIZE,
    ...(debounced ? { search: debounced } : {}),
  });
  const now = useNow().getTime();
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  const noClasses = !classes.loading && classes.options.length === 0;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Assignments"
        description="Work you set for your classes, with what has been handed in."
        actions={
          <Tooltip label="You need a class first" disabled={!noClasses}>
            <Button onClick={() => setEditing('new')} disabled={noClasses}>
              New assignment
            </Button>
          </Tooltip>
        }
      />
      <TextInput
        label="Search by title"
        placeholder="e.g. Fractions"
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setPage(1);
        }}
        maw={360}
      />
      {list.error ? (
        <QueryError error={list.error} onRetry={list.refetch} what="your assignments" />
      ) : !list.data ? (
        <Skeleton h={200} />
      ) : list.data.items.length === 0 ? (
        <Card withBorder radius="md" padding="xl" data-testid="assignments-empty">
          <Text fw={600}>{debounced ? 'No assignment matches that title' : 'No assignments yet'}</Text>
          <Text size="sm" c="dimmed">
            {debounced
              ? 'Try another word, or clear the search.'
              : 'Set one with “New assignment”: choose the classes, a due date and attach files.'}
          </Text>
        </Card>
      ) : (
        <Card withBorder radius="md" padding={0}>
          <Table.ScrollContainer minWidth={820}>
            <Table highlightOnHover verticalSpacing="sm" aria-label="Your assignments">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Title</Table.Th>
                  <Table.Th>Classes</Table.Th>
                  <Table.Th>Due</Table.Th>
                  <Table.Th>Handed in</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((a) => {
                  const past = a.dueDate.getTime() < now;
                  const c = a.counts ?? { students: 0, pending: 0, submitted: 0, graded: 0, overdue: 0 };
                  return (
                    <Table.Tr key={a.id} data-testid="assignment-row">
                      <Table.Td>
                        <Anchor
                          href={hrefOf({ workspace: 'teacher', page: 'assignments', rest: [a.id] })}
                          fw={600}
                        >
                          {a.title}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {a.attachments.length === 0
                            ? 'No attachments'
                            : `${a.attachments.length} attachment${a.attachments.length === 1 ? '' : 's'}`}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {a.classIds.map((id) => classes.names.get(id) ?? 'A class').join(', ')}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={past ? 'red.9' : undefined}>
                          {formatDateTime(a.dueDate)}
                        </Text>
                        {past && (
                          <Text size="xs" c="red.9" fw={600}>
                            Past due
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={2}>
                          <Text size="sm">
                            {c.submitted + c.graded} of {c.students} handed in
                          </Text>
                          <Group gap={6}>
                            <Count n={c.submitted} label="to review" color="indigo.9" />
                            <Text size="xs" c="dimmed" span aria-hidden>
                              ·
                            </Text>
                            <Count n={c.graded} label="graded" />
                            <Text size="xs" c="dimmed" span aria-hidden>
                              ·
                            </Text>
                            <Count n={c.overdue} label="overdue" color="red.9" />
                          </Group>
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            size="compact-sm"
                            variant="default"
                            aria-label={`Edit ${a.title}`}
                            onClick={() => setEditing(a)}
                          >
                            Edit
                          </Button>
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            aria-label={`Delete ${a.title}`}
                            onClick={() => setDeleting(a)}
                          >
                            Delete
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages > 1 && (
            <Group justify="center" p="md">
              <Pagination
                total={pages}
                value={page}
                onChange={setPage}
                getControlProps={(control) => ({
                  'aria-label':
                    control === 'previous' ? 'Previous page' : control === 'next' ? 'Next page' : control,
                })}
              />
            </Group>
          )}
        </Card>
      )}
      <AssignmentFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        assignment={editing === 'new' ? undefined : (editing ?? undefined)}
        classes={classes.options}
      />
      <DeleteAssignmentModal assignment={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}
