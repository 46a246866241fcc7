import { Badge, Button, Card, Grid, Group, Loader, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { CalendarEntryDto } from '../../../../../shared/contract';
import { ConfirmDeleteModal } from '../../../components/confirm-delete-modal';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useFormDialog } from '../../../hooks/use-form-dialog';
import { useMutation } from '../../../hooks/use-mutation';
import { useQuery } from '../../../hooks/use-query';
import { useSessionStore } from '../../../stores/session-store';
import {
  KIND_COLORS,
  KIND_LABELS,
  TYPE_LABELS,
  byDay,
  entryKind,
  dayKeyOf,
  formatDay,
  formatMonth,
  monthOf,
  monthRange,
  todayKey,
  type DayKey,
} from '../utils/calendar-dates';
import { CalendarEntryModal } from './calendar-entry-modal';
import { CalendarLegend, CalendarMonth } from './calendar-month';
import { ImportHolidaysModal } from './import-holidays-modal';

/**
 * The institution's calendar for everyone: a month of holidays and events beside the list of its entries.
 * The admin adds, edits and deletes entries; teachers and students read them.
 */
export function CalendarPage() {
  const isAdmin = useSessionStore((s) => s.user?.role === 'admin');
  const [month, setMonth] = useState<DayKey>(() => monthOf(todayKey()));
  const [selected, setSelected] = useState<DayKey | null>(null);
  const form = useFormDialog<CalendarEntryDto>();
  const [deleting, setDeleting] = useState<CalendarEntryDto | null>(null);
  const [importing, setImporting] = useState(false);

  const range = useMemo(() => monthRange(month), [month]);
  const { data, error, loading, refetch } = useQuery('calendar.list', range);
  const items = useMemo(() => data?.items ?? [], [data]);
  const days = useMemo(() => byDay(items), [items]);
  const due = useMemo(() => byDay((data?.due ?? []).map((d) => ({ ...d, date: d.dueDate }))), [data]);

  const shown = selected ? (days.get(selected) ?? []) : items;
  const dueShown = selected ? (due.get(selected) ?? []) : (data?.due ?? []);
  const holidays = items.filter((e) => e.type === 'holiday').length;
  const events = items.length - holidays;

  function changeMonth(next: DayKey): void {
    setMonth(next);
    if (selected && monthOf(selected) !== next) setSelected(null);
  }

  function select(day: DayKey): void {
    setSelected((current) => (current === day ? null : day));
  }

  // A new entry starts on the chosen day, today when it is in this month, else the month's first day.
  const today = todayKey();
  const defaultDay = selected ?? (monthOf(today) === month ? today : month);

  const remove = useMutation('calendar.delete', {
    success: () => `"${deleting?.title ?? 'The entry'}" was deleted.`,
    invalidates: ['calendar.'],
    onSuccess: () => setDeleting(null),
  });

  return (
    <Stack gap="lg">
      <PageHeader
        title="Calendar"
        description={
          isAdmin
            ? "The institution's holidays and events. Everyone sees them; only you change them."
            : "The institution's holidays and events."
        }
        actions={
          <>
            <Button variant="default" onClick={() => changeMonth(monthOf(today))}>
              This month
            </Button>
            {isAdmin && (
              <Button variant="default" onClick={() => setImporting(true)}>
                Import public holidays
              </Button>
            )}
            {isAdmin && <Button onClick={form.openNew}>Add holiday or event</Button>}
          </>
        }
      />

      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder radius="md" padding="md">
            <Stack gap="sm">
              <CalendarMonth
                month={month}
                onMonthChange={changeMonth}
                days={days}
                selected={selected}
                onSelect={select}
                due={due}
              />
              <CalendarLegend withDue={due.size > 0} />
              <Text size="xs" c="dimmed">
                Choose a day to see only its entries; arrow keys move between days.
              </Text>
            </Stack>
          </Card>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder radius="md" padding="md" component="section" aria-labelledby="calendar-list-title">
            <Stack gap="sm">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <div>
                  <Title order={2} size="h4" id="calendar-list-title">
                    {selected ? formatDay(selected) : formatMonth(month)}
                  </Title>
                  <Text size="sm" c="dimmed" data-testid="calendar-summary">
                    {selected
                      ? `${shown.length === 1 ? '1 entry' : `${shown.length} entries`} on this day`
                      : `${holidays === 1 ? '1 holiday' : `${holidays} holidays`}, ${
                          events === 1 ? '1 event' : `${events} events`
                        }`}
                  </Text>
                </div>
                {loading && <Loader size="sm" role="status" aria-label="Loading the calendar" />}
                {selected && (
                  <Button size="xs" variant="subtle" onClick={() => setSelected(null)}>
                    Show the whole month
                  </Button>
                )}
              </Group>

              {error ? (
                <QueryError error={error} onRetry={refetch} what="the calendar" />
              ) : data && shown.length === 0 ? (
                <Text size="sm" c="dimmed" py="md" ta="center" data-testid="calendar-empty">
                  {selected ? 'Nothing on this day.' : `No holidays or events in ${formatMonth(month)}.`}
                  {isAdmin && ' Use "Add holiday or event" to add one.'}
                </Text>
              ) : (
                <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {shown.map((entry) => (
                    <EntryItem
                      key={entry.id}
                      entry={entry}
                      isAdmin={isAdmin}
                      onEdit={() => form.openEdit(entry)}
                      onDelete={() => setDeleting(entry)}
                    />
                  ))}
                </Stack>
              )}
            </Stack>
          </Card>
          {dueShown.length > 0 && (
            <Card
              withBorder
              radius="md"
              padding="md"
              mt="lg"
              component="section"
              aria-labelledby="calendar-due-title"
            >
              <Title order={2} size="h4" id="calendar-due-title" mb="xs">
                Assignments due {selected ? `on ${formatDay(selected)}` : `in ${formatMonth(month)}`}
              </Title>
              <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {dueShown.map((d) => (
                  <Text component="li" size="sm" key={d.assignmentId} data-testid="calendar-due">
                    <Text span fw={600}>
                      {formatDay(dayKeyOf(d.dueDate))}
                    </Text>{' '}
                    {d.dueDate.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })} ·{' '}
                    {d.title}
                  </Text>
                ))}
              </Stack>
            </Card>
          )}
        </Grid.Col>
      </Grid>

      {isAdmin && (
        <>
          <CalendarEntryModal
            opened={form.opened}
            onClose={form.close}
            entry={form.editing}
            defaultDay={defaultDay}
            onSaved={(saved) => {
              // Show the month the entry is in, so the admin sees what they saved.
              const savedMonth = monthOf(dayKeyOf(saved.date));
              if (savedMonth !== month) changeMonth(savedMonth);
            }}
          />
          <ImportHolidaysModal
            opened={importing}
            onClose={() => setImporting(false)}
            onImported={(result) => {
              // Show the month of the year's first holiday, so the admin sees them.
              const first = result.holidays[0];
              if (first) changeMonth(monthOf(first.day));
            }}
          />
          <ConfirmDeleteModal
            opened={deleting !== null}
            onClose={() => setDeleting(null)}
            title="Delete this calendar entry?"
            loading={remove.loading}
            onConfirm={() => deleting && void remove.mutate({ id: deleting.id })}
          >
            {deleting
              ? `${TYPE_LABELS[deleting.type]} "${deleting.title}" on ${formatDay(deleting.date)} will be removed for everyone.`
              : ''}
          </ConfirmDeleteModal>
        </>
      )}
    </Stack>
  );
}

interface EntryItemProps {
  entry: CalendarEntryDto;
  isAdmin: boolean;
  onEdit: () => void;
  onDelete: () => void;
}

function EntryItem({ entry, isAdmin, onEdit, onDelete }: EntryItemProps) {
  const kind = entryKind(entry);
  const color = KIND_COLORS[kind];
  return (
    <Card
      component="li"
      withBorder
      radius="md"
      padding="sm"
      data-testid="calendar-entry"
      data-type={entry.type}
      data-kind={kind}
      style={{ borderLeft: `4px solid var(--mantine-color-${color}-7)` }}
    >
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Text size="sm" c="dimmed">
            <time dateTime={dayKeyOf(entry.date)}>{formatDay(entry.date)}</time>
          </Text>
          <Badge
            color={color}
            variant="light"
            radius="sm"
            style={{ flexShrink: 0 }}
            // Green on its light tint is under AA; the tint says "public holiday", the text stays dark.
            {...(kind === 'public' ? { c: 'var(--mantine-color-text)' } : {})}
          >
            {KIND_LABELS[kind]}
            {entry.publicHoliday &&
              ` · ${[entry.publicHoliday.country, entry.publicHoliday.region].filter(Boolean).join('-')}`}
          </Badge>
        </Group>
        <Text fw={600}>{entry.title}</Text>
        {entry.description && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {entry.description}
          </Text>
        )}
        {isAdmin && (
          <Group gap="xs" mt={4}>
            <Button size="xs" variant="light" onClick={onEdit}>
              Edit
              <VisuallyHidden> {entry.title}</VisuallyHidden>
            </Button>
            <Button size="xs" variant="subtle" color="red" onClick={onDelete}>
              Delete
              <VisuallyHidden> {entry.title}</VisuallyHidden>
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
