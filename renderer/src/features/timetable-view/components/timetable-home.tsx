import { Card, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { AllChannelOutput } from '../../../../../shared/contract';
import { PageHeader } from '../../../components/page-header';
import { LastSeenNotice } from '../../../components/last-seen-notice';
import { QueryError } from '../../../components/query-error';
import { WeekPicker } from '../../../components/week-picker';
import type { QueryResult } from '../../../hooks/use-query';
import { useWeekHolidays } from '../../../hooks/use-week-holidays';
import { mondayOf, sameDay } from '../../../lib/week-dates';
import { weekdayOf } from '../utils/week';
import { TodayCard } from './today-card';
import type { TodayListProps } from './today-list';
import { WeekGrid } from './week-grid';

export interface TimetableHomeProps {
  title: string;
  description: string;
  /** The `schedules.list` query: the week of the class (student) or of the teacher. */
  week: QueryResult<AllChannelOutput<'schedules.list'>>;
  /** What a lesson names besides its subject: its class (teacher's week) or its teacher (student's). */
  show: 'class' | 'teacher';
  now: Date;
  /** The card beside "Today": the assignments that want attention. */
  aside: ReactNode;
  /** What an empty week says. */
  weekEmpty: string;
  /** The week table's caption. */
  weekCaption: string;
  /** Something to do with each of today's lessons (the teacher's "Register"). */
  todayAction?: TodayListProps['action'];
}

/**
 * The layout of the teacher's and the student's home: "Today" and a card beside it, then the week, which may
 * be any week (the picker): the calendar's holidays on its days are marked, and today's on "Today".
 */
export function TimetableHome({
  title,
  description,
  week,
  show,
  now,
  aside,
  weekEmpty,
  weekCaption,
  todayAction,
}: TimetableHomeProps) {
  const entries = week.data?.items ?? [];
  const thisMonday = mondayOf(now);
  const [monday, setMonday] = useState(thisMonday);
  const isThisWeek = sameDay(monday, thisMonday);
  const shown = useWeekHolidays(monday);
  // Today's holidays come from the shown week when it is this one, else from a second read of this week.
  const current = useWeekHolidays(isThisWeek ? null : thisMonday);
  const todayOff = (isThisWeek ? shown : current).holidays.get(weekdayOf(now));
  return (
    <Stack gap="lg">
      <PageHeader title={title} description={description} />
      <LastSeenNotice channels={['schedules.list', 'assignments.list']} />
      <Grid gap="lg" align="stretch">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <TodayCard week={week} show={show} now={now} holidays={todayOff} action={todayAction} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>{aside}</Grid.Col>
      </Grid>
      <Card withBorder radius="md" padding="lg">
        <Group justify="space-between" mb="sm" gap="sm">
          <Title order={2} size="h4">
            {isThisWeek ? 'This week' : 'Week'}
          </Title>
          <WeekPicker monday={monday} onChange={setMonday} now={now} />
        </Group>
        {shown.error && (
          <Text size="sm" c="dimmed" mb="xs">
            The calendar could not be read, so holidays are not marked.
          </Text>
        )}
        {week.error ? (
          <QueryError error={week.error} onRetry={week.refetch} what="your timetable" />
        ) : !week.data ? (
          <Skeleton h={200} />
        ) : entries.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="week-empty">
            {weekEmpty}
          </Text>
        ) : (
          <WeekGrid
            entries={entries}
            show={show}
            today={isThisWeek ? weekdayOf(now) : undefined}
            caption={weekCaption}
            monday={monday}
            holidays={shown.holidays}
          />
        )}
      </Card>
    </Stack>
  );
}
