import { Alert, Card, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Weekday } from '../../../../../shared/domain';
import { QueryError } from '../../../components/query-error';
import { WeekPicker } from '../../../components/week-picker';
import { useAllPages, useClassOptions, useTeacherOptions } from '../../../hooks/use-admin-options';
import { useQuery } from '../../../hooks/use-query';
import { useNow } from '../../../hooks/use-now';
import { useSchoolWeek } from '../../../hooks/use-school-week';
import { useWeekHolidays } from '../../../hooks/use-week-holidays';
import { mondayOf } from '../../../lib/week-dates';
import { useNavigate, useRoute, useRouteStore } from '../../../stores/route-store';
import { isBareWeek, viewOfRest } from '../utils/grid';
import { EntryFormModal, type EntryTarget } from './entry-form-modal';
import { WeekGrid } from './week-grid';

const VIEW_OPTIONS = [
  { value: 'class', label: 'By class' },
  { value: 'teacher', label: 'By teacher' },
];

/**
 * The week of one class or one teacher (`#/admin/timetable/<class|teacher>/<id>`), the school's days × periods
 * with their bell times. A free cell adds an entry, an entry opens to be changed, moved or deleted; clashes
 * (teacher, class or room) come back with the server's reason. The week picker dates the days, and the
 * calendar's holidays on them are marked.
 */
export function WeekTab() {
  const route = useRoute();
  const navigate = useNavigate();
  const { view, id } = viewOfRest(route?.workspace === 'admin' ? route.rest : undefined);
  const [target, setTarget] = useState<EntryTarget | null>(null);
  const { week } = useSchoolWeek();
  const now = useNow();
  const [monday, setMonday] = useState(() => mondayOf(now));
  const { holidays } = useWeekHolidays(monday);

  const classes = useClassOptions();
  const teachers = useTeacherOptions();
  const subjects = useAllPages('subjects.list', {});
  const rooms = useAllPages('rooms.list', {});

  const go = (nextView: 'class' | 'teacher', nextId: string | null, replace = false) =>
    navigate(
      { workspace: 'admin', page: 'timetable', rest: nextId ? [nextView, nextId] : [nextView] },
      { replace },
    );

  // With nothing chosen, show the first class (or teacher).
  const options = view === 'class' ? classes.options : teachers.options;
  const optionsLoading = view === 'class' ? classes.loading : teachers.loading;
  const firstId = options[0]?.value ?? null;
  useEffect(() => {
    if (id !== null || firstId === null || optionsLoading) return;
    // The address now, not this render's: a tab clicked since then is not taken back.
    if (isBareWeek(useRouteStore.getState().route, view)) go(view, firstId, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- go is stable in effect
  }, [id, firstId, optionsLoading, view]);

  const weekQuery = useQuery(
    'schedules.list',
    id ? (view === 'class' ? { classId: id } : { teacherId: id }) : null,
    [],
    { keepPrevious: false },
  );
  const entries = weekQuery.data?.items ?? [];
  const owner =
    options.find((o) => o.value === id)?.label.replace(/ \([^)]*\)$/, '') ??
    (view === 'class' ? 'this class' : 'this teacher');

  const noChoices = !optionsLoading && options.length === 0;
  const listError = view === 'class' ? classes.error : teachers.error;

  return (
    <Card withBorder radius="md" padding="md">
      <Group gap="md" align="flex-end" mb="md" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="timetable-view-label">
            Show the week
          </Text>
          <SegmentedControl
            data={VIEW_OPTIONS}
            value={view}
            onChange={(value) => go(value === 'teacher' ? 'teacher' : 'class', null)}
            aria-labelledby="timetable-view-label"
          />
        </Stack>
        <Select
          label={view === 'class' ? 'Class' : 'Teacher'}
          placeholder={view === 'class' ? 'Choose a class' : 'Choose a teacher'}
          data={options}
          value={id}
          onChange={(value) => value && go(view, value)}
          searchable
          allowDeselect={false}
          nothingFoundMessage="Nothing matches"
          w={280}
        />
        <Text size="xs" c="dimmed" mb={8}>
          {week.days.length} days × {week.periods.length} periods (Settings → School week)
        </Text>
        <Group ml="auto" mb={2}>
          <WeekPicker monday={monday} onChange={setMonday} now={now} />
        </Group>
      </Group>

      {listError ? (
        <QueryError error={listError} what={view === 'class' ? 'the classes' : 'the teachers'} />
      ) : noChoices ? (
        <Alert variant="light" color="gray" title={view === 'class' ? 'No classes yet' : 'No teachers yet'}>
          {view === 'class'
            ? 'Create a class on the Classes page first; its week appears here.'
            : 'Add teachers on the People page first; their weeks appear here.'}
        </Alert>
      ) : weekQuery.error ? (
        <QueryError error={weekQuery.error} onRetry={weekQuery.refetch} what="the timetable" />
      ) : !weekQuery.data ? (
        <Text size="sm" c="dimmed" py="xl" ta="center">
          Loading…
        </Text>
      ) : (
        <Stack gap="sm">
          {entries.length === 0 && (
            <Text size="sm" c="dimmed" data-testid="timetable-empty">
              {owner} has no lessons yet. Click a free period to add one, or use the Generate tab.
            </Text>
          )}
          <WeekGrid
            entries={entries}
            week={week}
            view={view}
            ownerName={owner}
            onFree={(day: Weekday, period: number) => setTarget({ kind: 'new', day, period })}
            onEntry={(entry) => setTarget({ kind: 'edit', entry })}
            dated={{ monday, holidays }}
          />
        </Stack>
      )}

      {id && (
        <EntryFormModal
          target={target}
          onClose={() => setTarget(null)}
          onSaved={() => setTarget(null)}
          view={view}
          fixedId={id}
          fixedName={owner}
          teacherOptions={teachers.options}
          classes={classes.classes}
          subjects={subjects.items}
          rooms={rooms.items}
          week={week}
        />
      )}
    </Card>
  );
}
