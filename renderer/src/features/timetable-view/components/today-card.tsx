import { Card, Skeleton, Title } from '@mantine/core';
import { QueryError } from '../../../components/query-error';
import type { QueryResult } from '../../../hooks/use-query';
import type { AllChannelOutput } from '../../../../../shared/contract';
import { entriesOfDay, weekdayOf } from '../utils/week';
import { TodayList, type TodayListProps } from './today-list';

/** The "Today" card of the teacher's and the student's home: today's lessons from the week's timetable. */
export function TodayCard({
  week,
  show,
  now,
  action,
}: {
  week: QueryResult<AllChannelOutput<'schedules.list'>>;
  show: 'class' | 'teacher';
  now: Date;
  action?: TodayListProps['action'];
}) {
  return (
    <Card withBorder radius="md" padding="lg" h="100%">
      <Title order={2} size="h4" mb="sm">
        Today
      </Title>
      {week.error ? (
        <QueryError error={week.error} onRetry={week.refetch} what="your timetable" />
      ) : week.data ? (
        <TodayList
          entries={entriesOfDay(week.data.items, weekdayOf(now))}
          show={show}
          now={now}
          action={action}
        />
      ) : (
        <Skeleton h={120} />
      )}
    </Card>
  );
}

/** "Tuesday, 24 November 2026" in the user's locale. */
export function longDate(date: Date): string {
  return date.toLocaleDateString(undefined, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}
