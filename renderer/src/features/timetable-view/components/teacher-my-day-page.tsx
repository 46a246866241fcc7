import { Badge, Button } from '@mantine/core';
import { useQuery } from '../../../hooks/use-query';
import { useNow } from '../../../hooks/use-now';
import { hrefOf } from '../../../stores/route-store';
import { AssignmentsCard } from './assignments-card';
import { longDate } from './today-card';
import { TimetableHome } from './timetable-home';

/**
 * Teacher home: today's lessons, work waiting for review, and the week's timetable. A lesson on now or over
 * opens its register: the lesson's own when the school takes attendance in every lesson, else the class's day.
 */
export function TeacherMyDayPage() {
  const now = useNow();
  const week = useQuery('schedules.list', {}, []);
  const settings = useQuery('attendance.settings', {}, []);
  const perLesson = settings.data?.mode === 'period';
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
      todayAction={(e, timing) =>
        settings.data && (timing === 'now' || timing === 'past') ? (
          <Button
            component="a"
            href={hrefOf({
              workspace: 'teacher',
              page: 'register',
              rest: [e.classId, String(perLesson ? e.period : 0)],
            })}
            size="compact-sm"
            variant={timing === 'now' ? 'filled' : 'default'}
            aria-label={`Register of ${e.className ?? 'the class'}${perLesson ? `, period ${e.period}` : ''}`}
            data-testid="today-register"
          >
            Register
          </Button>
        ) : null
      }
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
