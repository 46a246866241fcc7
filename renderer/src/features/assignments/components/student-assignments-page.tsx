import { Anchor, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { SUBMISSION_STATES, type SubmissionState } from '../../../../../shared/domain';
import { PageHeader } from '../../../components/page-header';
import { LastSeenNotice } from '../../../components/last-seen-notice';
import { useQuery } from '../../../hooks/use-query';
import { useRefreshAt } from '../../../hooks/use-refresh-at';
import { hrefOf, useRoute } from '../../../stores/route-store';
import { STATE_META, formatDateTime } from '../utils/assignment-rules';
import { AssignmentTable } from './assignment-table';
import { StudentAssignmentDetail } from './student-assignment-detail';
import { RowBadges } from './status-badges';

const PAGE_SIZE = 20;
type Filter = 'all' | SubmissionState;

/** `#/student/assignments` lists the class's work; `#/student/assignments/<id>` opens one to hand in. */
export function StudentAssignmentsPage() {
  const id = useRoute()?.rest?.[0];
  return id ? <StudentAssignmentDetail id={id} /> : <StudentAssignmentList />;
}

function StudentAssignmentList() {
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const list = useQuery('assignments.list', {
    page,
    pageSize: PAGE_SIZE,
    ...(filter === 'all' ? {} : { status: filter }),
  });
  // "Pending" turns "Overdue" when a due date passes with the list open.
  useRefreshAt(list.data?.items.map((a) => a.dueDate) ?? [], ['assignments.']);

  return (
    <Stack gap="lg">
      <PageHeader
        title="Assignments"
        description="Work set for your class: hand it in here and see your grades."
      />
      <LastSeenNotice channels={['assignments.list']} />
      <SegmentedControl
        aria-label="Show assignments"
        value={filter}
        onChange={(v) => {
          setFilter(v);
          setPage(1);
        }}
        data={[
          { value: 'all', label: 'All' },
          ...SUBMISSION_STATES.map((s) => ({ value: s, label: STATE_META[s].label })),
        ]}
        w="fit-content"
      />
      <AssignmentTable
        list={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={{
          title:
            filter === 'all' ? 'No assignments yet' : `Nothing ${STATE_META[filter].label.toLowerCase()}`,
          hint:
            filter === 'all'
              ? 'When a teacher sets work for your class, it appears here.'
              : 'Choose “All” to see every assignment.',
        }}
        minWidth={720}
        columns={['Title', 'Teacher', 'Due', 'Status', 'Grade']}
        row={(a) => {
          const row = a.submissions?.[0];
          const state = row?.status ?? 'pending';
          const overdue = state === 'overdue';
          return (
            <Table.Tr key={a.id} data-testid="assignment-row" data-state={state}>
              <Table.Td>
                <Anchor href={hrefOf({ workspace: 'student', page: 'assignments', rest: [a.id] })} fw={600}>
                  {a.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{a.teacherName ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={overdue ? 'red' : undefined} fw={overdue ? 600 : undefined}>
                  {formatDateTime(a.dueDate)}
                </Text>
              </Table.Td>
              <Table.Td>
                <RowBadges state={state} outcome={row?.outcome} />
              </Table.Td>
              <Table.Td>
                <Text
                  size="sm"
                  fw={row?.grade !== undefined ? 600 : undefined}
                  c={row?.grade !== undefined ? undefined : 'dimmed'}
                >
                  {row?.grade !== undefined ? `${row.grade} / 100` : '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        }}
      />
    </Stack>
  );
}
