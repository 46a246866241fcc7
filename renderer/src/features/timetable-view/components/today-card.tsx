import { Alert, Card, Skeleton, Title } from '@mantine/core';
import { QueryError } from '../../../components/query-error';
import type { QueryResult } from '../../../hooks/use-query';
import type { AllChannelOutput } from '../../../../../shared/contract';
import { holidayLabel, type WeekHoliday } from '../../../lib/week-dates';
import { entriesOfDay, weekdayOf } from '../utils/week';
import { TodayList, type TodayListProps } from './today-list';

/**
 * The "Today" card of the teacher's and the student's home: today's lessons from the week's timetable; on a
 * holiday it says so and greys them.
 */
export function TodayCard({
  week,
  show,
  now,
  holidays,
  action,
}: {
  week: QueryResult<AllChannelOutput<'schedules.list'>>;
  show: 'class' | 'teacher';
  now: Date;
  /** The calendar's holidays today (none: a school day). */
  holidays?: readonly WeekHoliday[] | undefined;
  action?: TodayListProps['action'];
}) {
  const off = holidays !== undefined && holidays.length > 0;
  return (
    <Card withBorder radius="md" padding="lg" h="100%">
      <Title order={2} size="h4" mb="sm">
        Today
      </Title>
      {off && (
        <Alert color="green" variant="light" mb="sm" p="xs" data-testid="today-holiday">
          {holidayLabel(holidays)}. No lessons today.
        </Alert>
      )}
      {week.error ? (
        <QueryError error={week.error} onRetry={week.refetch} what="your timetable" />
      ) : week.data ? (
        <TodayList
          entries={entriesOfDay(week.data.items, weekdayOf(now))}
          show={show}
          now={now}
          off={off}
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
