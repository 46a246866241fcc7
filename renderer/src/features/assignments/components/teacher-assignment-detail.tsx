import { Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { AssignmentDto, SubmissionDto } from '../../../../../shared/contract';
import { SUBMISSION_STATES, type SubmissionState } from '../../../../../shared/domain';
import { FileLinkList } from '../../../components/file-link';
import { PageHeader } from '../../../components/page-header';
import { useNavigate } from '../../../stores/route-store';
import { useNow } from '../../../hooks/use-now';
import { useTeacherClassOptions, type TeacherClassOptions } from '../hooks/use-teacher-classes';
import { STATE_META, canReview, formatDateTime, isLate } from '../utils/assignment-rules';
import { AssignmentFormModal } from './assignment-form-modal';
import { AssignmentPage } from './assignment-page';
import { DeleteAssignmentModal } from './delete-assignment-modal';
import { GradeModal } from './grade-modal';
import { ReviewModal } from './review-modal';
import { RowBadges } from './status-badges';
import { TaskCard } from './task-card';
import { DataTable } from '../../../components/data-table';

type Filter = 'all' | SubmissionState;

/** One assignment: its details and every student's row, with review and grading. */
export function TeacherAssignmentDetail({ id }: { id: string }) {
  // Read beside the assignment, not after it, so the classes' names are there when it shows.
  const classes = useTeacherClassOptions();
  return (
    <AssignmentPage id={id} workspace="teacher" notFound="This assignment does not exist, or it was deleted.">
      {(a) => <TeacherAssignment a={a} classes={classes} />}
    </AssignmentPage>
  );
}

function TeacherAssignment({ a, classes }: { a: AssignmentDto; classes: TeacherClassOptions }) {
  const now = useNow();
  const [filter, setFilter] = useState<Filter>('all');
  const [reviewing, setReviewing] = useState<SubmissionDto | null>(null);
  const [grading, setGrading] = useState<SubmissionDto | null>(null);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const navigate = useNavigate();

  const rows = (a.submissions ?? [])
    .slice()
    // In roll-number order, as the class list and the register (those without a number last, by name).
    .sort(
      (x, y) =>
        (x.rollNumber ?? Infinity) - (y.rollNumber ?? Infinity) ||
        (x.studentName ?? '').localeCompare(y.studentName ?? ''),
    );
  const shown = filter === 'all' ? rows : rows.filter((r) => r.status === filter);
  const counts = a.counts ?? { students: rows.length, pending: 0, submitted: 0, graded: 0, overdue: 0 };
  const past = a.dueDate.getTime() < now.getTime();

  return (
    <>
      <PageHeader
        title={a.title}
        description={
          <>
            Due{' '}
            <Text span c={past ? 'red' : undefined} fw={past ? 600 : undefined} inherit>
              {formatDateTime(a.dueDate)}
            </Text>{' '}
            · {a.classIds.map((c) => classes.names.get(c) ?? 'a class').join(', ')}
          </>
        }
        actions={
          <>
            <Button variant="default" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button variant="light" color="red" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          </>
        }
      />

      <TaskCard assignment={a} />

      <Card withBorder radius="md" padding="lg">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end">
            <Title order={2} size="h4">
              Students’ work
            </Title>
            <SegmentedControl
              aria-label="Show students"
              value={filter}
              onChange={(v) => setFilter(v)}
              size="xs"
              data={[
                { value: 'all', label: `All (${counts.students})` },
                ...SUBMISSION_STATES.map((s) => ({
                  value: s,
                  label: `${STATE_META[s].label} (${counts[s]})`,
                })),
              ]}
            />
          </Group>
          {rows.length === 0 ? (
            <Text size="sm" c="dimmed">
              No students are enrolled in this assignment’s classes yet.
            </Text>
          ) : shown.length === 0 ? (
            <Text size="sm" c="dimmed">
              No student is at “{filter === 'all' ? '' : STATE_META[filter].label}”.
            </Text>
          ) : (
            <DataTable
              columns={[
                'Roll no.',
                'Student',
                'Status',
                'Handed in',
                'Files',
                'Grade and feedback',
                'Actions',
              ]}
              minWidth={900}
              verticalSpacing="sm"
              aria-label="Students’ work"
              data-testid="submission-table"
            >
              {shown.map((r) => {
                const name = r.studentName ?? 'A student';
                const reviewable = canReview(r);
                return (
                  <Table.Tr key={r.studentId} data-testid="submission-row" data-student={name}>
                    <Table.Td>{r.rollNumber ?? '—'}</Table.Td>
                    <Table.Td fw={500} style={{ whiteSpace: 'nowrap' }}>
                      {name}
                    </Table.Td>
                    <Table.Td>
                      <RowBadges state={r.status} outcome={r.outcome} />
                    </Table.Td>
                    <Table.Td>
                      {r.submittedAt ? (
                        <>
                          <Text size="sm">{formatDateTime(r.submittedAt)}</Text>
                          {isLate(r, a.dueDate) && (
                            <Text size="xs" c="red" fw={600}>
                              Late
                            </Text>
                          )}
                        </>
                      ) : (
                        <Text size="sm" c="dimmed">
                          Not yet
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td miw={220} maw={320}>
                      {r.files.length > 0 ? (
                        <FileLinkList files={r.files} compact />
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                      {r.note && (
                        <Text size="xs" c="dimmed" mt={4} lineClamp={3} title={r.note}>
                          Note: {r.note}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td maw={260}>
                      {r.grade !== undefined && (
                        <Badge variant="filled" color="teal.9" size="lg" mb={4}>
                          {r.grade} / 100
                        </Badge>
                      )}
                      {r.feedback ? (
                        <Text size="sm" lineClamp={3} title={r.feedback}>
                          {r.feedback}
                        </Text>
                      ) : r.grade === undefined ? (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="light"
                          disabled={!reviewable}
                          aria-label={`Review ${name}’s work`}
                          onClick={() => setReviewing(r)}
                        >
                          Review
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="default"
                          disabled={!reviewable}
                          aria-label={`${r.grade !== undefined ? 'Regrade' : 'Grade'} ${name}’s work`}
                          onClick={() => setGrading(r)}
                        >
                          {r.grade !== undefined ? 'Regrade' : 'Grade'}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </DataTable>
          )}
        </Stack>
      </Card>

      <ReviewModal assignmentId={a.id} row={reviewing} onClose={() => setReviewing(null)} />
      <GradeModal assignmentId={a.id} row={grading} onClose={() => setGrading(null)} />
      <AssignmentFormModal
        opened={editing}
        onClose={() => setEditing(false)}
        assignment={a}
        classes={classes.options}
      />
      <DeleteAssignmentModal
        assignment={deleting ? a : null}
        onClose={() => setDeleting(false)}
        onDeleted={() => navigate({ workspace: 'teacher', page: 'assignments' })}
      />
    </>
  );
}
