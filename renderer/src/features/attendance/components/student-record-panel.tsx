/**
 * The office's view of one student's record over a term: counts and rate, the days as a colour-coded calendar,
 * and the days they were not present with the reason.
 */
import { Card, Group, Select, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { QueryError } from '../../../components/query-error';
import { useQuery } from '../../../hooks/use-query';
import { daysSummary, percent, shortDayLabel, statusByDay } from '../utils/attendance-format';
import { DateRangeInputs } from './date-range-inputs';
import { AttendanceCalendar } from './attendance-calendar';
import { AwayDaysTable } from './away-days-table';
import { COUNTED_STATUSES, StatusCount } from './status-count';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export interface StudentPick {
  id: string;
  name: string;
}

export interface StudentRecordPanelProps {
  student: StudentPick | null;
  onStudentChange: (student: StudentPick | null) => void;
  from: string;
  to: string;
  onRangeChange: (range: { from: string; to: string }) => void;
}

/** A searchable list of students, asked of the server as the office types. */
function StudentPicker({
  value,
  onChange,
}: {
  value: StudentPick | null;
  onChange: (s: StudentPick | null) => void;
}) {
  const [search, setSearch] = useState(value?.name ?? '');
  const typed = search.trim() === value?.name ? '' : search.trim();
  const found = useQuery('users.list', {
    role: 'student',
    pageSize: 20,
    ...(typed ? { search: typed } : {}),
  });
  const options = useMemo(() => {
    const items = (found.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
    // The chosen student stays an option while another search is shown.
    return value && !items.some((o) => o.value === value.id)
      ? [{ value: value.id, label: value.name }, ...items]
      : items;
  }, [found.data, value]);
  return (
    <Select
      label="Student"
      placeholder="Type a name"
      searchable
      clearable
      w={280}
      data={options}
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={found.loading ? 'Searching…' : 'No student by that name'}
      onChange={(id: string | null) => {
        const picked = options.find((o) => o.value === id);
        onChange(picked ? { id: picked.value, name: picked.label } : null);
      }}
    />
  );
}

export function StudentRecordPanel({
  student,
  onStudentChange,
  from,
  to,
  onRangeChange,
}: StudentRecordPanelProps) {
  const valid = DAY_PATTERN.test(from) && DAY_PATTERN.test(to) && from <= to;
  const record = useQuery(
    'attendance.student',
    student && valid ? { studentId: student.id, from, to } : null,
    [],
    { keepPrevious: false },
  );
  const data = record.data;
  const days = useMemo(() => statusByDay(data?.days ?? []), [data]);
  const away = data?.days.filter((d) => d.status !== 'present') ?? [];

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="md">
        <StudentPicker value={student} onChange={onStudentChange} />
        <DateRangeInputs from={from} to={to} valid={valid} onChange={onRangeChange} />
      </Group>
      {!student ? (
        <EmptyState
          title="Choose a student"
          hint="Their record for the days above appears here."
          testId="record-empty"
        />
      ) : record.error ? (
        <QueryError error={record.error} onRetry={record.refetch} what="the student's record" />
      ) : !data ? (
        <Skeleton h={320} />
      ) : (
        <>
          <Card withBorder radius="md" padding="lg">
            <Stack gap="md">
              <Title order={2} size="h4">
                {data.studentName}, {shortDayLabel(data.from)} – {shortDayLabel(data.to)}
              </Title>
              <Text fw={500} data-testid="record-rate">
                {data.rate === null
                  ? 'No lessons counted in these days.'
                  : `In class for ${percent(data.rate)} of ${data.mode === 'period' ? 'lessons' : 'days'} that counted (excused absences and holidays don't count).`}
              </Text>
              <Text size="sm" data-testid="record-days">
                {daysSummary(data.dayCounts)}
              </Text>
              <SimpleGrid cols={{ base: 2, sm: 4 }}>
                {COUNTED_STATUSES.map((s) => (
                  <StatusCount
                    key={s}
                    status={s}
                    count={data.counts[s]}
                    data-testid="record-count"
                    data-status={s}
                  />
                ))}
              </SimpleGrid>
              <AttendanceCalendar days={days} from={data.from} to={data.to} />
            </Stack>
          </Card>
          <Card withBorder radius="md" padding="lg">
            <Title order={2} size="h4" mb="sm">
              Days not present
            </Title>
            {away.length === 0 ? (
              <Text size="sm" c="dimmed">
                Present at every register of these days.
              </Text>
            ) : (
              <AwayDaysTable
                days={away}
                label={`Days ${data.studentName} was not present`}
                markHeading="Mark"
                rowTestId="record-away-row"
                compact
              />
            )}
          </Card>
        </>
      )}
    </Stack>
  );
}
