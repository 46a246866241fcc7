import { Anchor, Button, Group, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { AssignmentDto } from '../../../../../shared/contract';
import { PageHeader } from '../../../components/page-header';
import { LastSeenNotice } from '../../../components/last-seen-notice';
import { useQuery } from '../../../hooks/use-query';
import { useRefreshAt } from '../../../hooks/use-refresh-at';
import { hrefOf, useRoute } from '../../../stores/route-store';
import { useNow } from '../../../hooks/use-now';
import { useTeacherClassOptions } from '../hooks/use-teacher-classes';
import { formatDateTime } from '../utils/assignment-rules';
import { AssignmentFormModal } from './assignment-form-modal';
import { AssignmentTable } from './assignment-table';
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
  // "Pending" turns "Overdue" when a due date passes with the list open.
  useRefreshAt(list.data?.items.map((a) => a.dueDate) ?? [], ['assignments.']);
  const now = useNow().getTime();
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
      <LastSeenNotice channels={['assignments.list']} />
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
      <AssignmentTable
        list={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={
          debounced
            ? { title: 'No assignment matches that title', hint: 'Try another word, or clear the search.' }
            : {
                title: 'No assignments yet',
                hint: 'Set one with “New assignment”: choose the classes, a due date and attach files.',
              }
        }
        minWidth={820}
        columns={['Title', 'Classes', 'Due', 'Handed in', 'Actions']}
        row={(a) => {
          const past = a.dueDate.getTime() < now;
          const c = a.counts ?? { students: 0, pending: 0, submitted: 0, graded: 0, overdue: 0 };
          return (
            <Table.Tr key={a.id} data-testid="assignment-row">
              <Table.Td>
                <Anchor href={hrefOf({ workspace: 'teacher', page: 'assignments', rest: [a.id] })} fw={600}>
                  {a.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {a.attachments.length === 0
                    ? 'No attachments'
                    : `${a.attachments.length} attachment${a.attachments.length === 1 ? '' : 's'}`}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{a.classIds.map((id) => classes.names.get(id) ?? 'A class').join(', ')}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={past ? 'red' : undefined}>
                  {formatDateTime(a.dueDate)}
                </Text>
                {past && (
                  <Text size="xs" c="red" fw={600}>
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
                    <Count n={c.submitted} label="to review" color="indigo" />
                    <Text size="xs" c="dimmed" span aria-hidden>
                      ·
                    </Text>
                    <Count n={c.graded} label="graded" />
                    <Text size="xs" c="dimmed" span aria-hidden>
                      ·
                    </Text>
                    <Count n={c.overdue} label="overdue" color="red" />
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
        }}
      />
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
