import { BarChart } from '@mantine/charts';
import { Anchor, Box, Card, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useQuery } from '../../../hooks/use-query';
import { hrefOf } from '../../../stores/route-store';
import { GradeDistributionCard } from './grade-distribution-chart';
import { AttendanceCard, AverageGradeCard, StatCard, formatGrade, formatPercent } from './stat-card';
import { DataTable } from '../../../components/data-table';

/**
 * The completion figure in a pupil's words. The rate counts what was handed in and what is overdue; work not
 * yet due and not handed in is left out, so it is not in the sentence either.
 */
function handedInSentence(states: { submitted: number; graded: number; overdue: number }): string {
  const handedIn = states.submitted + states.graded;
  const counted = handedIn + states.overdue;
  if (counted === 0) return 'Nothing is due yet.';
  const late = states.overdue > 0 ? `; ${states.overdue} overdue` : '';
  return `You handed in ${handedIn} of ${counted} assignment${counted === 1 ? '' : 's'}${late}.`;
}

/** The student's own figures: average, completion, where their work stands, and each grade. */
export function StudentPerformancePage() {
  const report = useQuery('analytics.student', {}, []);
  const r = report.data;

  return (
    <Stack gap="lg">
      <PageHeader title="My performance" description="Your grades and how much of your work is handed in." />
      {report.error ? (
        <QueryError error={report.error} onRetry={report.refetch} what="your figures" />
      ) : !r ? (
        <Skeleton h={320} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, md: 3, lg: 5 }} spacing="md">
            <AverageGradeCard grade={r.averageGrade} />
            <StatCard
              label="Handed in"
              value={formatPercent(r.completionRate)}
              ratio={r.completionRate}
              hint={handedInSentence(r.states)}
            />
            <StatCard label="Assignments" value={String(r.assignments)} hint={`${r.states.graded} graded`} />
            <StatCard
              label="Overdue"
              value={String(r.states.overdue)}
              hint={`${r.states.pending} pending · ${r.states.submitted} waiting for review`}
            />
            <AttendanceCard attendance={r.attendance} />
          </SimpleGrid>
          <Card withBorder radius="md" padding="lg">
            <Title order={2} size="h4" mb="sm">
              Grades by assignment
            </Title>
            {r.grades.length === 0 ? (
              <Text size="sm" c="dimmed">
                No grades yet. They appear here once your teachers grade your work.
              </Text>
            ) : (
              <Stack gap="md">
                <Box aria-hidden>
                  <BarChart
                    h={260}
                    data={r.grades.map((g) => ({ assignment: g.title, Grade: g.grade }))}
                    dataKey="assignment"
                    series={[{ name: 'Grade', color: 'teal.8' }]}
                    yAxisProps={{ domain: [0, 100] }}
                    withBarValueLabel
                    accessibilityLayer={false}
                    valueFormatter={(v: number) => String(v)}
                    maxBarWidth={56}
                  />
                </Box>
                <DataTable
                  columns={['Assignment', 'Due', { label: 'Grade', numeric: true }]}
                  minWidth={480}
                  striped
                  verticalSpacing="xs"
                  aria-label="Your grades"
                >
                  {r.grades.map((g) => (
                    <Table.Tr key={g.assignmentId}>
                      <Table.Td>
                        <Anchor
                          href={hrefOf({
                            workspace: 'student',
                            page: 'assignments',
                            rest: [g.assignmentId],
                          })}
                          size="sm"
                        >
                          {g.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{g.dueDate.toLocaleDateString(undefined, { dateStyle: 'medium' })}</Table.Td>
                      <Table.Td ta="right" fw={600}>
                        {formatGrade(g.grade)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </DataTable>
              </Stack>
            )}
          </Card>
          <GradeDistributionCard buckets={r.distribution} caption="Your grades, by band" />
        </>
      )}
    </Stack>
  );
}
