import { Card, Grid, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AllChannelOutput } from '../../../../../shared/contract';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import type { QueryResult } from '../../../hooks/use-query';
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

/** The layout of the teacher's and the student's home: "Today" and a card beside it, then "This week". */
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
  return (
    <Stack gap="lg">
      <PageHeader title={title} description={description} />
      <Grid gap="lg" align="stretch">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <TodayCard week={week} show={show} now={now} action={todayAction} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>{aside}</Grid.Col>
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
            {weekEmpty}
          </Text>
        ) : (
          <WeekGrid entries={entries} show={show} today={weekdayOf(now)} caption={weekCaption} />
        )}
      </Card>
    </Stack>
  );
}
