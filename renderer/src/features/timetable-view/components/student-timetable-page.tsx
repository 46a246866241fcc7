import { Anchor, Card, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useQuery } from '../../../hooks/use-query';
import { hrefOf } from '../../../stores/route-store';
import { useNow } from '../../../hooks/use-now';
import { weekdayOf } from '../utils/week';
import { longDate, TodayCard } from './today-card';
import { WeekGrid } from './week-grid';

/** Midnight today: a stable bound for "due from today" (a new Date each render would refetch forever). */
function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** Student home: today's lessons, work due next, and the class's week. */
export function StudentTimetablePage() {
  const now = useNow();
  const today = weekdayOf(now);
  const week = useQuery('schedules.list', {}, []);
  const due = useQuery('assignments.list', { status: 'pending', dueFrom: startOfDay(now), pageSize: 50 }, []);
  const overdue = useQuery('assignments.list', { status: 'overdue', pageSize: 1 }, []);
  const entries = week.data?.items ?? [];
  const className = entries.find((e) => e.className)?.className;
  const next = (due.data?.items ?? [])
    .slice()
    .sort((a, b) => a.dueDate.getTime() - b.dueDate.getTime())
    .slice(0, 5);
  const overdueCount = overdue.data?.total ?? 0;

  return (
    <Stack gap="lg">
      <PageHeader title="Timetable" description={(className ? `${className} · ` : '') + longDate(now)} />
      <Grid gap="lg" align="stretch">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <TodayCard week={week} show="teacher" now={now} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder radius="md" padding="lg" h="100%">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                Due next
              </Title>
              <Anchor href={hrefOf({ workspace: 'student', page: 'assignments' })} size="sm">
                All assignments
              </Anchor>
            </Group>
            {overdueCount > 0 && (
              <Text size="sm" c="red.9" fw={600} mb="xs" data-testid="overdue-count">
                {overdueCount} overdue: hand {overdueCount === 1 ? 'it' : 'them'} in as soon as you can.
              </Text>
            )}
            {due.error ? (
              <QueryError error={due.error} onRetry={due.refetch} what="your assignments" />
            ) : !due.data ? (
              <Skeleton h={80} />
            ) : next.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nothing to hand in.
              </Text>
            ) : (
              <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                {next.map((a) => (
                  <Group key={a.id} component="li" justify="space-between" wrap="nowrap" gap="sm">
                    <Anchor
                      href={hrefOf({ workspace: 'student', page: 'assignments', rest: [a.id] })}
                      size="sm"
                      truncate
                    >
                      {a.title}
                    </Anchor>
                    <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
                      {a.dueDate.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
                    </Text>
                  </Group>
                ))}
              </Stack>
            )}
          </Card>
        </Grid.Col>
      </Grid>
      <Card withBorder radius="md" padding="lg">
        <Title order={2} size="h4" mb="sm">
          This week
        </Title>
        {week.error ? (
          <QueryError error={week.error} onRetry={week.refetch} what="your timetable" />
        ) : !week.data ? (
          <Skeleton h={200} />
        ) : entries.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="week-empty">
            Your class has no timetable yet. The school office sets it up.
          </Text>
        ) : (
          <WeekGrid entries={entries} show="teacher" today={today} caption="Your class's week" />
        )}
      </Card>
    </Stack>
  );
}
