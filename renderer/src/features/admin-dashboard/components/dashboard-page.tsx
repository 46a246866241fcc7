import { Anchor, Badge, Card, Group, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { PageHeader } from '../../../components/page-header';
import { BackupAlert } from './backup-alert';
import { QueryError } from '../../../components/query-error';
import { useQuery } from '../../../hooks/use-query';
import { hrefOf } from '../../../stores/route-store';
import { useSessionStore } from '../../../stores/session-store';
import {
  UPCOMING_DAYS,
  activitySentence,
  formatCalendarDay,
  formatMoment,
  todayWeekday,
  upcomingWindow,
} from '../utils/dates';
import { SchoolGlance } from './school-glance';
import { StatCard } from './stat-card';
import { DataTable } from '../../../components/data-table';

const ACTIVITY_SHOWN = 10;

function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed" py="md">
      {children}
    </Text>
  );
}

/** The office's first page: how big the school is, today's lessons, what is coming, what happened lately. */
export function DashboardPage() {
  const user = useSessionStore((s) => s.user);
  const today = todayWeekday();
  const range = useMemo(() => upcomingWindow(), []);

  const teachers = useQuery('users.list', { role: 'teacher', pageSize: 1 });
  const students = useQuery('users.list', { role: 'student', pageSize: 1 });
  const classes = useQuery('classes.list', { pageSize: 1 });
  const lessons = useQuery('schedules.list', { day: today });
  const upcoming = useQuery('calendar.list', range);
  const activity = useQuery('activity.list', { page: 1, pageSize: ACTIVITY_SHOWN });

  const todays = [...(lessons.data?.items ?? [])].sort(
    (a, b) => a.period - b.period || (a.className ?? '').localeCompare(b.className ?? ''),
  );
  const countError = teachers.error ?? students.error ?? classes.error;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Dashboard"
        description={
          user
            ? `${user.institutionName} today, ${new Date().toLocaleDateString(undefined, { dateStyle: 'full' })}.`
            : undefined
        }
      />
      <BackupAlert />

      {countError ? (
        <QueryError
          error={countError}
          what="the school's numbers"
          onRetry={() => {
            teachers.refetch();
            students.refetch();
            classes.refetch();
          }}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
          {(
            [
              ['Teachers', teachers, 'people'],
              ['Students', students, 'people'],
              ['Classes', classes, 'classes'],
            ] as const
          ).map(([label, count, page]) => (
            <StatCard
              key={label}
              label={label}
              value={count.data?.total}
              href={hrefOf({ workspace: 'admin', page })}
              linkLabel={`Manage ${page}`}
              testId={`count-${label.toLowerCase()}`}
            />
          ))}
        </SimpleGrid>
      )}

      <SchoolGlance />

      <Section
        title={`Today's timetable (${today})`}
        action={
          <Anchor href={hrefOf({ workspace: 'admin', page: 'timetable' })} size="sm">
            Open the timetable
          </Anchor>
        }
      >
        {lessons.error ? (
          <QueryError error={lessons.error} onRetry={lessons.refetch} what="today's timetable" />
        ) : !lessons.data ? (
          <Empty>Loading…</Empty>
        ) : todays.length === 0 ? (
          <Empty>No lessons on {today}s yet.</Empty>
        ) : (
          <ScrollArea.Autosize mah={360} type="auto">
            <DataTable
              columns={['Period', 'Time', 'Class', 'Subject', 'Teacher']}
              verticalSpacing={6}
              striped
              aria-label={`Lessons on ${today}`}
            >
              {todays.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{e.period}</Table.Td>
                  <Table.Td>{e.timeSlot}</Table.Td>
                  <Table.Td>{e.className ?? '—'}</Table.Td>
                  <Table.Td>{e.subject}</Table.Td>
                  <Table.Td>{e.teacherName ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          </ScrollArea.Autosize>
        )}
      </Section>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" style={{ alignItems: 'start' }}>
        <Section
          title={`Coming up (${UPCOMING_DAYS} days)`}
          action={
            <Anchor href={hrefOf({ workspace: 'admin', page: 'calendar' })} size="sm">
              Calendar
            </Anchor>
          }
        >
          {upcoming.error ? (
            <QueryError error={upcoming.error} onRetry={upcoming.refetch} what="the calendar" />
          ) : !upcoming.data ? (
            <Empty>Loading…</Empty>
          ) : upcoming.data.items.length === 0 ? (
            <Empty>No holidays or events in the next {UPCOMING_DAYS} days.</Empty>
          ) : (
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {upcoming.data.items.map((item) => (
                <Group key={item.id} component="li" gap="sm" wrap="nowrap" align="flex-start">
                  <Text size="sm" fw={600} w={110} style={{ flexShrink: 0 }}>
                    {formatCalendarDay(item.date)}
                  </Text>
                  <Stack gap={0} style={{ flex: 1 }}>
                    <Text size="sm">{item.title}</Text>
                    {item.description && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {item.description}
                      </Text>
                    )}
                  </Stack>
                  <Badge variant="outline" color={item.type === 'holiday' ? 'orange' : 'indigo'}>
                    {item.type === 'holiday' ? 'Holiday' : 'Event'}
                  </Badge>
                </Group>
              ))}
            </Stack>
          )}
        </Section>

        <Section
          title="Recent activity"
          action={
            <Anchor href={hrefOf({ workspace: 'admin', page: 'activity' })} size="sm">
              Activity log
            </Anchor>
          }
        >
          {activity.error ? (
            <QueryError error={activity.error} onRetry={activity.refetch} what="the activity" />
          ) : !activity.data ? (
            <Empty>Loading…</Empty>
          ) : activity.data.items.length === 0 ? (
            <Empty>Nothing has happened yet.</Empty>
          ) : (
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {activity.data.items.map((a) => (
                <Stack key={a.id} component="li" gap={0}>
                  <Text size="sm">
                    <Text span fw={600} size="sm">
                      {a.username}
                    </Text>{' '}
                    {activitySentence(a)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatMoment(a.timestamp)}
                  </Text>
                </Stack>
              ))}
            </Stack>
          )}
        </Section>
      </SimpleGrid>
    </Stack>
  );
}
