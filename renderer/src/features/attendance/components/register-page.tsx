/**
 * The teacher's register, as the school takes it (`attendance.settings`): once a day, today's register of one of
 * their classes; in every lesson, the register of one of today's lessons from their timetable (the one on now
 * unless "My day" opened another: `#/teacher/register/<classId>/<period>`). Everyone is present until changed,
 * saved in one `attendance.save`. Read-only when the server says it cannot be saved, with its reason. In a
 * connected app with the station out of reach, a save waits in the outbox and the page says so until it is sent.
 */
import { Alert, Button, Card, Group, Select, Skeleton, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { RegisterDto } from '../../../../../shared/contract/attendance';
import { schoolDayOf, WEEKDAYS } from '../../../../../shared/domain';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useMutation } from '../../../hooks/use-mutation';
import { useNow } from '../../../hooks/use-now';
import { useQuery } from '../../../hooks/use-query';
import { useConnectionStore } from '../../../stores/connection-store';
import { useRoute } from '../../../stores/route-store';
import { dayLabel, periodLabel, timeLabel, times } from '../utils/attendance-format';
import { lessonAt, lessonKey, lessonLabel, lessonsOfDay } from '../utils/register-lessons';
import { RegisterTable, type Mark } from './register-table';

function marksOf(register: RegisterDto): Record<string, Mark> {
  return Object.fromEntries(
    register.students.map((s) => [
      s.studentId,
      {
        status: s.status,
        ...(s.lateMinutes ? { lateMinutes: s.lateMinutes } : {}),
        ...(s.reason ? { reason: s.reason } : {}),
      },
    ]),
  );
}

/** Which version of the register a draft was started from: a save or a refetch starts afresh. */
function versionOf(register: RegisterDto): string {
  return [
    register.classId,
    register.date,
    register.period,
    register.markedAt?.getTime() ?? '',
    register.corrections,
  ].join('|');
}

/** The outbox's waiting registers (connected mode); 0 elsewhere. */
function useRegistersWaiting(): number {
  return useConnectionStore(
    (s) => s.connection?.outbox.filter((e) => e.channel === 'attendance.save').length ?? 0,
  );
}

export function RegisterPage() {
  const now = useNow();
  const today = schoolDayOf(now);
  const [routeClass, routePeriod] = useRoute()?.rest ?? [];
  const settings = useQuery('attendance.settings', {}, []);
  const perLesson = settings.data?.mode === 'period';
  const classes = useQuery('classes.list', { pageSize: 100 }, []);
  const week = useQuery('schedules.list', perLesson ? {} : null, []);
  // "My day" opens a lesson's register (maybe while this page is open): a new route wins over an earlier pick.
  const routeKey = routeClass ? lessonKey(routeClass, Number(routePeriod ?? 0)) : null;
  const [picked, setPicked] = useState<{ route: string | null; key: string } | null>(null);
  const chosen = picked && picked.route === routeKey ? picked.key : routeKey;
  const setChosen = (key: string | null) => {
    if (key) setPicked({ route: routeKey, key });
  };
  const items = classes.data?.items ?? [];
  const lessons = useMemo(
    () =>
      lessonsOfDay(
        week.data?.items ?? [],
        WEEKDAYS[(now.getDay() + 6) % 7] ?? 'Monday',
        new Map((classes.data?.items ?? []).map((c) => [c.id, c.name])),
      ),
    [week.data, classes.data, now],
  );

  // Daily: the chosen class (or the first). Per lesson: the chosen lesson, else the one on now.
  const target = perLesson
    ? (() => {
        const lesson = lessons.find((l) => l.key === chosen) ?? lessonAt(lessons, now);
        return lesson ? { classId: lesson.classId, period: lesson.period, key: lesson.key } : null;
      })()
    : (() => {
        const classId = items.find((c) => lessonKey(c.id, 0) === chosen)?.id ?? items[0]?.id;
        return classId ? { classId, period: 0, key: lessonKey(classId, 0) } : null;
      })();

  const register = useQuery(
    'attendance.register',
    settings.data && target ? { classId: target.classId, date: today, period: target.period } : null,
    [],
    { keepPrevious: false },
  );
  const [draft, setDraft] = useState<{ version: string; marks: Record<string, Mark> } | null>(null);

  const data = register.data;
  const version = data ? versionOf(data) : '';
  // A save the connected app keeps for later, and the register's version it was made on: the note stays while
  // the outbox holds a register, or until the register read again is a newer one.
  const [waiting, setWaiting] = useState<{ message: string; version: string } | null>(null);
  const registersWaiting = useRegistersWaiting();
  const save = useMutation('attendance.save', {
    success: (saved) => `The register of ${saved.className} is saved.`,
    invalidates: ['attendance.'],
    // Not a failure to notify: the page says it waits.
    notifyErrors: false,
    onError: (error) => {
      if (error.code === 'UNAVAILABLE' && /^Waiting to send/.test(error.message))
        setWaiting({ message: error.message, version });
    },
  });
  const showWaiting = waiting && (registersWaiting > 0 || waiting.version === version) ? waiting : null;
  const { refetch } = register;
  // Once the outbox has sent it, the register is read again from the station.
  useEffect(() => {
    if (waiting && registersWaiting === 0) refetch();
  }, [waiting, registersWaiting, refetch]);
  const marks = data ? (draft?.version === version ? draft.marks : marksOf(data)) : {};

  function setMark(studentId: string, mark: Mark): void {
    setDraft({ version, marks: { ...marks, [studentId]: mark } });
  }

  async function submit(): Promise<void> {
    if (!data) return;
    setWaiting(null);
    await save.mutate({
      classId: data.classId,
      date: data.date,
      period: data.period,
      entries: data.students.map((s) => {
        const m = marks[s.studentId] ?? { status: 'present' as const };
        return {
          studentId: s.studentId,
          status: m.status,
          ...(m.status === 'late' && m.lateMinutes ? { lateMinutes: m.lateMinutes } : {}),
          ...(m.status === 'excused' && m.reason ? { reason: m.reason } : {}),
        };
      }),
    });
  }

  const loading = !settings.data || !classes.data || (perLesson && !week.data);
  const loadError = settings.error ?? classes.error ?? week.error;

  // No class at all, or (registers per lesson) no lesson today: nothing to take a register of.
  const nothing =
    items.length === 0
      ? {
          title: 'You have no classes yet',
          hint: 'A class appears here when the office makes you its class teacher or gives you lessons with it.',
          testId: 'register-no-classes',
        }
      : perLesson && lessons.length === 0
        ? {
            title: 'No lessons today',
            hint: 'Your school takes the register in every lesson: your lessons of the day appear here.',
            testId: 'register-no-lessons',
          }
        : null;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Register"
        description={`${dayLabel(today)}. ${perLesson ? 'The register of each lesson. ' : ''}Everyone starts as present: change only those who are not.`}
      />
      {loadError ? (
        <QueryError
          error={loadError}
          onRetry={() => {
            settings.refetch();
            classes.refetch();
            week.refetch();
          }}
          what="your classes"
        />
      ) : loading ? (
        <Skeleton h={200} />
      ) : nothing ? (
        <Card withBorder radius="md" padding="lg">
          <EmptyState {...nothing} />
        </Card>
      ) : (
        <Card withBorder radius="md" padding="lg">
          <Stack gap="md">
            {perLesson ? (
              <Select
                label="Lesson"
                data={lessons.map((l) => ({ value: l.key, label: lessonLabel(l) }))}
                value={target?.key ?? null}
                onChange={setChosen}
                allowDeselect={false}
                maw={480}
              />
            ) : (
              <Select
                label="Class"
                data={items.map((c) => ({ value: lessonKey(c.id, 0), label: c.name }))}
                value={target?.key ?? null}
                onChange={setChosen}
                allowDeselect={false}
                maw={320}
              />
            )}
            {register.error ? (
              <QueryError error={register.error} onRetry={register.refetch} what="the register" />
            ) : !data ? (
              <Skeleton h={200} />
            ) : (
              <>
                {!data.editable && (
                  <Alert color="gray" variant="light" title="Read-only" data-testid="register-read-only">
                    {data.holiday
                      ? `Today is a holiday (${data.holiday}), so there is no register to take.`
                      : (data.readOnlyReason ?? 'This register cannot be changed now.')}
                  </Alert>
                )}
                {showWaiting && (
                  <Alert
                    color="yellow"
                    variant="light"
                    title="Waiting to send"
                    data-testid="register-waiting"
                  >
                    {showWaiting.message}
                  </Alert>
                )}
                {save.error && !waiting && (
                  <Alert color="red" variant="light" title="Not saved" data-testid="register-error">
                    {save.error.message}
                  </Alert>
                )}
                <Text size="sm" data-testid="register-status">
                  {data.period > 0 &&
                    `${periodLabel(data.period)}${data.subject ? ` · ${data.subject}` : ''}. `}
                  {data.taken && data.markedBy && data.markedAt
                    ? `Taken by ${data.markedBy.name} at ${timeLabel(data.markedAt)}` +
                      (data.corrections > 0 ? `, corrected ${times(data.corrections)}.` : '.')
                    : 'Not taken yet.'}
                </Text>
                {data.students.length === 0 ? (
                  <EmptyState
                    title="No students in this class"
                    hint="The office adds students to classes."
                    testId="register-empty"
                  />
                ) : (
                  <>
                    <RegisterTable
                      label={`Register of ${data.className}`}
                      students={data.students}
                      marks={marks}
                      readOnly={!data.editable}
                      onChange={setMark}
                    />
                    {data.editable && (
                      <Group justify="flex-end">
                        <Button onClick={() => void submit()} loading={save.loading}>
                          Save register
                        </Button>
                      </Group>
                    )}
                  </>
                )}
              </>
            )}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
