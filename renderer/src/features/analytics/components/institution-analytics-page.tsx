/**
 * The office's school-wide view (`analytics.institution`): how big the school is, grades, completion, grading
 * and attendance overall and per class, and activity per day. Each chart is drawn for the eye and repeated as a
 * table for screen readers (or stands beside a visible table with the same figures).
 */
import { AreaChart, BarChart } from '@mantine/charts';
import {
  Box,
  Card,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import type { InstitutionAnalytics } from '../../../../../shared/contract';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useQuery } from '../../../hooks/use-query';
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

const PERIODS = [
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
  { value: '365', label: 'Last 365 days' },
];
const DAY_MS = 24 * 60 * 60 * 1000;

/** "1 Sep" for a `YYYY-MM-DD` day (a local date: the series' days are the station's). */
function shortDay(day: string): string {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

export function InstitutionAnalyticsPage() {
  const [period, setPeriod] = useState('90');
  // The window is fixed when the period is chosen, so a re-render does not ask again.
  const range = useMemo(() => {
    const to = new Date();
    return { from: new Date(to.getTime() - (Number(period) - 1) * DAY_MS), to };
  }, [period]);
  const report = useQuery('analytics.institution', range, [], { keepPrevious: true });
  const data = report.data;

  return (
    <Stack gap="lg">
      <PageHeader
        title="School analytics"
        description="Grades, completion, grading and attendance across the school, and activity day by day."
        actions={
          <Select
            label="Period"
            data={PERIODS}
            value={period}
            onChange={(v) => v && setPeriod(v)}
            allowDeselect={false}
            w={200}
          />
        }
      />
      {report.error ? (
        <QueryError error={report.error} onRetry={report.refetch} what="the school's figures" />
      ) : !data ? (
        <Skeleton h={480} />
      ) : (
        <Figures data={data} />
      )}
    </Stack>
  );
}

function Figures({ data }: { data: InstitutionAnalytics }) {
  const { totals, attendance } = data;
  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md">
        <StatCard label="Students" value={String(totals.students)} />
        <StatCard label="Teachers" value={String(totals.teachers)} />
        <StatCard label="Classes" value={String(totals.classes)} />
        <StatCard label="Subjects" value={String(totals.subjects)} />
        <StatCard label="Assignments" value={String(totals.assignments)} hint="Due in the period" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="md">
        <AverageGradeCard grade={data.averageGrade} />
        <StatCard
          label="Handed in"
          value={formatPercent(data.completionRate)}
          ratio={data.completionRate}
          hint="Of the work due so far"
        />
        <StatCard
          label="Graded"
          value={formatRate(data.gradingRate)}
          {...(data.gradingRate === null ? {} : { ratio: data.gradingRate })}
          hint="Of the work handed in"
        />
        <AttendanceCard attendance={attendance} />
      </SimpleGrid>

      <Card withBorder radius="md" padding="lg">
        <Title order={2} size="h4" mb="sm">
          Activity per day
        </Title>
        <ActivityChart perDay={data.perDay} />
      </Card>

      <Card withBorder radius="md" padding="lg">
        <Title order={2} size="h4" mb={4}>
          Classes
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Handed in: of the work due so far. Graded: of the work handed in. Attendance: in class, of lessons
          that counted (excused absences and holidays don&apos;t count).
        </Text>
        {data.perClass.length === 0 ? (
          <Text size="sm" c="dimmed">
            No classes yet.
          </Text>
        ) : (
          <Stack gap="md">
            <Box aria-hidden>
              <BarChart
                h={260}
                data={data.perClass.map((c) => ({
                  class: c.name,
                  'Handed in': Math.round(c.completionRate * 100),
                  Graded: Math.round((c.gradingRate ?? 0) * 100),
                  Attendance: Math.round((c.attendanceRate ?? 0) * 100),
                }))}
                dataKey="class"
                series={[
                  { name: 'Handed in', color: 'indigo.7' },
                  { name: 'Graded', color: 'teal.8' },
                  { name: 'Attendance', color: 'orange.8' },
                ]}
                yAxisProps={{ domain: [0, 100] }}
                unit="%"
                withLegend
                accessibilityLayer={false}
              />
            </Box>
            <ClassTable perClass={data.perClass} />
          </Stack>
        )}
      </Card>

      <GradeDistributionCard buckets={data.distribution} caption="Grades across the school, by band" />
    </>
  );
}

function ActivityChart({ perDay }: { perDay: InstitutionAnalytics['perDay'] }) {
  const total = perDay.reduce((n, d) => n + d.logins + d.submissions + d.messages, 0);
  if (total === 0) {
    return (
      <Text size="sm" c="dimmed">
        No sign-ins, hand-ins or messages in the period.
      </Text>
    );
  }
  return (
    <Box>
      <Box aria-hidden>
        <AreaChart
          h={260}
          data={perDay.map((d) => ({
            day: shortDay(d.day),
            'Sign-ins': d.logins,
            'Hand-ins': d.submissions,
            Messages: d.messages,
          }))}
          dataKey="day"
          series={[
            { name: 'Sign-ins', color: 'indigo.7' },
            { name: 'Hand-ins', color: 'teal.8' },
            { name: 'Messages', color: 'orange.8' },
          ]}
          curveType="monotone"
          withLegend
          withDots={false}
          yAxisProps={{ allowDecimals: false }}
          accessibilityLayer={false}
        />
      </Box>
      <VisuallyHidden>
        <Table>
          <Table.Caption>Sign-ins, hand-ins and messages per day</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Day</Table.Th>
              <Table.Th>Sign-ins</Table.Th>
              <Table.Th>Hand-ins</Table.Th>
              <Table.Th>Messages</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {perDay
              .filter((d) => d.logins + d.submissions + d.messages > 0)
              .map((d) => (
                <Table.Tr key={d.day}>
                  <Table.Td>{shortDay(d.day)}</Table.Td>
                  <Table.Td>{d.logins}</Table.Td>
                  <Table.Td>{d.submissions}</Table.Td>
                  <Table.Td>{d.messages}</Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </Box>
  );
}

function ClassTable({ perClass }: { perClass: InstitutionAnalytics['perClass'] }) {
  return (
    <FiguresTable
      rowName="Class"
      figures={['Students', 'Average grade', 'Handed in', 'Graded', 'Attendance']}
      minWidth={640}
      aria-label="Figures per class"
      data-testid="class-figures"
    >
      {perClass.map((c) => (
        <Table.Tr key={c.classId} data-testid="class-row">
          <Table.Td>{c.name}</Table.Td>
          <Table.Td ta="right">{c.students}</Table.Td>
          <Table.Td ta="right">{formatGrade(c.averageGrade)}</Table.Td>
          <Table.Td ta="right">{formatPercent(c.completionRate)}</Table.Td>
          <Table.Td ta="right">{formatRate(c.gradingRate)}</Table.Td>
          <Table.Td ta="right">{formatRate(c.attendanceRate)}</Table.Td>
        </Table.Tr>
      ))}
    </FiguresTable>
  );
}
