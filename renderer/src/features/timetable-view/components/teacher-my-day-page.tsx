import { Badge } from '@mantine/core';
import { useQuery } from '../../../hooks/use-query';
import { useNow } from '../../../hooks/use-now';
import { AssignmentsCard } from './assignments-card';
import { longDate } from './today-card';
import { TimetableHome } from './timetable-home';

/** Teacher home: today's lessons, work waiting for review, and the week's timetable. */
export function TeacherMyDayPage() {
  const now = useNow();
  const week = useQuery('schedules.list', {}, []);
  const toReview = useQuery('assignments.list', { status: 'submitted', pageSize: 5 }, []);

  return (
    <TimetableHome
      title="My day"
      description={longDate(now)}
      week={week}
      show="class"
      now={now}
      weekEmpty="You have no lessons in the timetable yet. The school office sets up the timetable."
      weekCaption="Your week's lessons"
      aside={
        <AssignmentsCard
          title="Waiting for review"
          workspace="teacher"
          query={toReview}
          items={toReview.data?.items ?? []}
          what="assignments"
          empty="Nothing is waiting for review."
          trailing={(a) => (
            <Badge variant="outline" color="indigo" style={{ flex: 'none' }}>
              {a.counts?.submitted ?? 0} to review
            </Badge>
          )}
        />
      }
    />
  );
}
