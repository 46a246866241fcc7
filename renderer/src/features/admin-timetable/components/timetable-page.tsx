import { Alert, Card, Checkbox, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Weekday } from '../../../../../shared/domain';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useAllPages, useClassOptions, useTeacherOptions } from '../../../hooks/use-admin-options';
import { useQuery } from '../../../hooks/use-query';
import { useNavigate, useRoute } from '../../../stores/route-store';
import { daysToShow, usualSlot, viewOfRest, type TimetableView } from '../utils/grid';
import { EntryFormModal, type EntryTarget } from './entry-form-modal';
import { WeekGrid } from './week-grid';

const VIEW_OPTIONS = [
  { value: 'class', label: 'By class' },
  { value: 'teacher', label: 'By teacher' },
];

/**
 * The timetable editor: the week of one class or one teacher (`#/admin/timetable/<class|teacher>/<id>`), days
 * × periods. A free cell adds an entry, an entry opens to be changed or deleted; clashes come back with the
 * server's reason.
 */
export function TimetablePage() {
  const route = useRoute();
  const navigate = useNavigate();
  const { view, id } = viewOfRest(route?.workspace === 'admin' ? route.rest : undefined);
  const [withSunday, setWithSunday] = useState(false);
  const [target, setTarget] = useState<EntryTarget | null>(null);

  const classes = useClassOptions();
  const teachers = useTeacherOptions();
  const subjects = useAllPages('subjects.list', {});

  const go = (nextView: TimetableView, nextId: string | null, replace = false) =>
    navigate(
      { workspace: 'admin', page: 'timetable', rest: nextId ? [nextView, nextId] : [nextView] },
      { replace },
    );

  // With nothing chosen, show the first class (or teacher).
  const options = view === 'class' ? classes.options : teachers.options;
  const optionsLoading = view === 'class' ? classes.loading : teachers.loading;
  const firstId = options[0]?.value ?? null;
  useEffect(() => {
    if (id === null && firstId !== null && !optionsLoading) go(view, firstId, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- go is stable in effect
  }, [id, firstId, optionsLoading, view]);

  const week = useQuery(
    'schedules.list',
    id ? (view === 'class' ? { classId: id } : { teacherId: id }) : null,
    [],
    { keepPrevious: false },
  );
  const entries = week.data?.items ?? [];
  const days = daysToShow(entries, withSunday);
  const owner =
    options.find((o) => o.value === id)?.label.replace(/ \([^)]*\)$/, '') ??
    (view === 'class' ? 'this class' : 'this teacher');

  function openFree(day: Weekday, period: number): void {
    // The time slot this period has on the week's other days, as a start.
    setTarget({ kind: 'new', day, period, slot: usualSlot(entries, period) });
  }

  const noChoices = !optionsLoading && options.length === 0;
  const listError = view === 'class' ? classes.error : teachers.error;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Timetable"
        description="Each class's and each teacher's week. Click a free period to add a lesson, a lesson to change it."
      />
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
          <Checkbox
            label="Show Sunday"
            checked={withSunday || days.includes('Sunday')}
            disabled={entries.some((e) => e.day === 'Sunday')}
            onChange={(e) => setWithSunday(e.currentTarget.checked)}
            mb={8}
          />
        </Group>

        {listError ? (
          <QueryError error={listError} what={view === 'class' ? 'the classes' : 'the teachers'} />
        ) : noChoices ? (
          <Alert variant="light" color="gray" title={view === 'class' ? 'No classes yet' : 'No teachers yet'}>
            {view === 'class'
              ? 'Create a class on the Classes page first; its week appears here.'
              : 'Add teachers on the People page first; their weeks appear here.'}
          </Alert>
        ) : week.error ? (
          <QueryError error={week.error} onRetry={week.refetch} what="the timetable" />
        ) : !week.data ? (
          <Text size="sm" c="dimmed" py="xl" ta="center">
            Loading…
          </Text>
        ) : (
          <Stack gap="sm">
            {entries.length === 0 && (
              <Text size="sm" c="dimmed" data-testid="timetable-empty">
                {owner} has no lessons yet. Click a free period to add one.
              </Text>
            )}
            <WeekGrid
              entries={entries}
              days={days}
              view={view}
              ownerName={owner}
              onFree={openFree}
              onEntry={(entry) => setTarget({ kind: 'edit', entry })}
            />
          </Stack>
        )}
      </Card>

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
        />
      )}
    </Stack>
  );
}
