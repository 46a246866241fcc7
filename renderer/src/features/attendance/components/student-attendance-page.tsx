/** A student's own attendance over the last 90 days: the rate in words, the counts, the days they were away. */
import { Card, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { schoolDayOf } from '../../../../../shared/domain';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useQuery } from '../../../hooks/use-query';
import { daysBefore, daysSummary, percent, STATUS_LABELS } from '../utils/attendance-format';
import { AwayDaysTable } from './away-days-table';
import { COUNTED_STATUSES, StatusCount } from './status-count';

const DAYS = 90;

export function StudentAttendancePage() {
  const to = schoolDayOf(new Date());
  const from = daysBefore(to, DAYS - 1);
  const record = useQuery('attendance.student', { from, to }, []);
  const data = record.data;
  const away = data?.days.filter((d) => d.status !== 'present') ?? [];
  const rate = data?.rate ?? null;

  return (
    <Stack gap="lg">
      <PageHeader title="Attendance" description={`Your attendance over the last ${DAYS} days.`} />
      {record.error ? (
        <QueryError error={record.error} onRetry={record.refetch} what="your attendance" />
      ) : !data ? (
        <Skeleton h={240} />
      ) : (
        <>
          <Card withBorder radius="md" padding="lg">
            <Stack gap="md">
              <Text size="lg" fw={500} data-testid="attendance-rate">
                {rate === null
                  ? `No lessons have counted yet in the last ${DAYS} days; excused absences don't count against you.`
                  : `You were in class for ${percent(rate)} of ${data.mode === 'period' ? 'lessons' : 'days'} that counted; excused absences don't count against you.`}
              </Text>
              <Text size="sm" data-testid="attendance-days">
                {daysSummary(data.dayCounts)}
              </Text>
              <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
                {COUNTED_STATUSES.map((status) => (
                  <StatusCount
                    key={status}
                    status={status}
                    count={data.counts[status]}
                    data-testid="stat"
                    data-label={STATUS_LABELS[status]}
                  />
                ))}
              </SimpleGrid>
            </Stack>
          </Card>
          <Card withBorder radius="md" padding="lg">
            <Stack gap="sm">
              <Title order={2} size="h4">
                Days you were not present
              </Title>
              {away.length === 0 ? (
                <EmptyState
                  title="You were there every time"
                  hint="Days you were late, away or excused will show here."
                  testId="attendance-empty"
                />
              ) : (
                <AwayDaysTable
                  days={away}
                  label="Days you were not present"
                  markHeading="What happened"
                  rowTestId="away-row"
                />
              )}
            </Stack>
          </Card>
        </>
      )}
    </Stack>
  );
}
