import { Text } from '@mantine/core';
import { useQuery } from '../../../hooks/use-query';
import { useNow } from '../../../hooks/use-now';
import { AssignmentsCard } from './assignments-card';
import { longDate } from './today-card';
import { TimetableHome } from './timetable-home';

/** Midnight today: a stable bound for "due from today" (a new Date each render would refetch forever). */
function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** Student home: today's lessons, work due next, and the class's week. */
export function StudentTimetablePage() {
  const now = useNow();
  const week = useQuery('schedules.list', {}, []);
  const due = useQuery('assignments.list', { status: 'pending', dueFrom: startOfDay(now), pageSize: 50 }, []);
  const overdue = useQuery('assignments.list', { status: 'overdue', pageSize: 1 }, []);
  const className = (week.data?.items ?? []).find((e) => e.className)?.className;
  const next = (due.data?.items ?? [])
    .slice()
    .sort((a, b) => a.dueDate.getTime() - b.dueDate.getTime())
    .slice(0, 5);
  const overdueCount = overdue.data?.total ?? 0;

  return (
    <TimetableHome
      title="Timetable"
      description={(className ? `${className} · ` : '') + longDate(now)}
      week={week}
      show="teacher"
      now={now}
      weekEmpty="Your class has no timetable yet. The school office sets it up."
      weekCaption="Your class's week"
      aside={
        <AssignmentsCard
          title="Due next"
          workspace="student"
          query={due}
          items={next}
          what="your assignments"
          empty="Nothing to hand in."
          notice={
            overdueCount > 0 && (
              <Text size="sm" c="red" fw={600} mb="xs" data-testid="overdue-count">
                {overdueCount} overdue: hand {overdueCount === 1 ? 'it' : 'them'} in as soon as you can.
              </Text>
            )
          }
          trailing={(a) => (
            <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
              {a.dueDate.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
            </Text>
          )}
        />
      }
    />
  );
}
