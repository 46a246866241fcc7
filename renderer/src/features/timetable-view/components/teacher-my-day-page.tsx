import { Anchor, Badge, Card, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useQuery } from '../../../hooks/use-query';
import { hrefOf } from '../../../stores/route-store';
import { useNow } from '../../../hooks/use-now';
import { weekdayOf } from '../utils/week';
import { longDate, TodayCard } from './today-card';
import { WeekGrid } from './week-grid';

/** Teacher home: today's lessons, work waiting for review, and the week's timetable. */
export function TeacherMyDayPage() {
  const now = useNow();
  const today = weekdayOf(now);
  const week = useQuery('schedules.list', {}, []);
  const toReview = useQuery('assignments.list', { status: 'submitted', pageSize: 5 }, []);
  const entries = week.data?.items ?? [];

  return (
    <Stack gap="lg">
      <PageHeader title="My day" description={longDate(now)} />
      <Grid gap="lg" align="stretch">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <TodayCard week={week} show="class" now={now} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder radius="md" padding="lg" h="100%">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                Waiting for review
              </Title>
              <Anchor href={hrefOf({ workspace: 'teacher', page: 'assignments' })} size="sm">
                All assignments
              </Anchor>
            </Group>
            {toReview.error ? (
              <QueryError error={toReview.error} onRetry={toReview.refetch} what="assignments" />
            ) : !toReview.data ? (
              <Skeleton h={80} />
            ) : toReview.data.items.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nothing is waiting for review.
              </Text>
            ) : (
              <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                {toReview.data.items.map((a) => (
                  <Group key={a.id} component="li" justify="space-between" wrap="nowrap" gap="sm">
                    <Anchor
                      href={hrefOf({ workspace: 'teacher', page: 'assignments', rest: [a.id] })}
                      size="sm"
                      truncate
                    >
                      {a.title}
                    </Anchor>
                    <Badge variant="outline" color="indigo" c="indigo.9" style={{ flex: 'none' }}>
                      {a.counts?.submitted ?? 0} to review
                    </Badge>
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
            You have no lessons in the timetable yet. The school office sets up the timetable.
          </Text>
        ) : (
          <WeekGrid entries={entries} show="class" today={today} caption="Your week's lessons" />
        )}
      </Card>
    </Stack>
  );
}
