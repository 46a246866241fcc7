import { Card, Select, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useQuery } from '../../../hooks/use-query';
import { useNavigate, useRoute } from '../../../stores/route-store';
import { FiguresTable } from './figures-table';
import { GradeDistributionCard } from './grade-distribution-chart';
import {
  AttendanceCard,
  AverageGradeCard,
  StatCard,
  formatGrade,
  formatPercent,
  formatRate,
} from './stat-card';

/** `#/teacher/analytics/<classId>`: a class's average, completion, grade distribution and each student's figures. */
export function TeacherAnalyticsPage() {
  const route = useRoute();
  const navigate = useNavigate();
  const classes = useQuery('classes.list', { pageSize: 100 }, []);
  const items = classes.data?.items ?? [];
  const asked = route?.rest?.[0];
  const classId = items.some((c) => c.id === asked) ? asked : items[0]?.id;
  const report = useQuery('analytics.class', classId ? { classId } : null, [], { keepPrevious: false });

  const choose = (id: string | null) => {
    if (id) navigate({ workspace: 'teacher', page: 'analytics', rest: [id] }, { replace: true });
  };

  return (
    <Stack gap="lg">
      <PageHeader
        title="Analytics"
        description="How a class is doing: completion, grades and each student."
        actions={
          items.length > 0 && (
            <Select
              label="Class"
              data={items.map((c) => ({ value: c.id, label: c.name }))}
              value={classId ?? null}
              onChange={choose}
              allowDeselect={false}
              w={240}
            />
          )
        }
      />
      {classes.error ? (
        <QueryError error={classes.error} onRetry={classes.refetch} what="your classes" />
      ) : !classes.data ? (
        <Skeleton h={240} />
      ) : items.length === 0 ? (
        <Card withBorder radius="md" padding="xl">
          <Text fw={600}>No classes to report on</Text>
          <Text size="sm" c="dimmed">
            Analytics appear for the classes you lead or teach.
          </Text>
        </Card>
      ) : report.error ? (
        <QueryError error={report.error} onRetry={report.refetch} what="the class’s figures" />
      ) : !report.data ? (
        <Skeleton h={320} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, md: 3, lg: 5 }} spacing="md">
            <StatCard label="Students" value={String(report.data.students)} />
            <StatCard label="Assignments" value={String(report.data.assignments)} />
            <AverageGradeCard grade={report.data.averageGrade} />
            <StatCard
              label="Completion"
              value={formatPercent(report.data.completionRate)}
              ratio={report.data.completionRate}
              hint="Handed in, of the work due so far"
            />
            <AttendanceCard attendance={report.data.attendance} />
          </SimpleGrid>
          <GradeDistributionCard
            buckets={report.data.distribution}
            caption={`Grades in ${report.data.name}, by band`}
          />
          <Card withBorder radius="md" padding="lg">
            <Title order={2} size="h4" mb="sm">
              Students
            </Title>
            {report.data.perStudent.length === 0 ? (
              <Text size="sm" c="dimmed">
                No students are enrolled in {report.data.name}.
              </Text>
            ) : (
              <FiguresTable
                rowName="Student"
                figures={['Average grade', 'Completion', 'Overdue', 'Attendance']}
                minWidth={520}
                aria-label={`Students of ${report.data.name}`}
              >
                {report.data.perStudent
                  .slice()
                  .sort((a, b) => a.name.localeCompare(b.name))
                  .map((s) => (
                    <Table.Tr key={s.studentId}>
                      <Table.Td>{s.name}</Table.Td>
                      <Table.Td ta="right">{formatGrade(s.averageGrade)}</Table.Td>
                      <Table.Td ta="right">{formatPercent(s.completionRate)}</Table.Td>
                      <Table.Td
                        ta="right"
                        c={s.overdue > 0 ? 'red' : undefined}
                        fw={s.overdue > 0 ? 600 : undefined}
                      >
                        {s.overdue}
                      </Table.Td>
                      <Table.Td ta="right">{formatRate(s.attendanceRate)}</Table.Td>
                    </Table.Tr>
                  ))}
              </FiguresTable>
            )}
          </Card>
        </>
      )}
    </Stack>
  );
}
