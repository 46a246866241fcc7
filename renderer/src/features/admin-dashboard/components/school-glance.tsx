import { Anchor, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { QueryError } from '../../../components/query-error';
import { useQuery } from '../../../hooks/use-query';
import { hrefOf } from '../../../stores/route-store';

/** "92%", or "—" before anything counted. */
function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)}%`;
}

function Figure({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint: string;
  testId: string;
}) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.1} data-testid={testId}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Stack>
  );
}

/** The dashboard's "school at a glance": average grade, work handed in and today's attendance. */
export function SchoolGlance() {
  const report = useQuery('analytics.institution', {});
  const data = report.data;
  const today = data?.attendance.today;
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="glance-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="glance-title">
          School at a glance
        </Title>
        <Anchor href={hrefOf({ workspace: 'admin', page: 'analytics' })} size="sm">
          School analytics
        </Anchor>
      </Group>
      {report.error ? (
        <QueryError error={report.error} onRetry={report.refetch} what="the school's figures" />
      ) : !data || !today ? (
        <Skeleton h={72} />
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
          <Figure
            label="Average grade"
            value={data.averageGrade === undefined ? '—' : String(Math.round(data.averageGrade * 10) / 10)}
            hint={data.averageGrade === undefined ? 'Nothing graded yet' : 'out of 100, all graded work'}
            testId="glance-grade"
          />
          <Figure
            label="Work handed in"
            value={percent(data.completionRate)}
            hint="of the work due so far"
            testId="glance-completion"
          />
          <Figure
            label="Attendance today"
            value={percent(today.rate)}
            hint={`${today.registersTaken} of ${today.classes} ${today.classes === 1 ? 'register' : 'registers'} taken`}
            testId="glance-attendance"
          />
        </SimpleGrid>
      )}
    </Card>
  );
}
