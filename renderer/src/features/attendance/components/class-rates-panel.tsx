/**
 * The office's view of a class over a term: its rate week by week (a line, and the same figures as a table for
 * screen readers), and the students under a threshold, lowest first, each a link to their record.
 */
import { LineChart } from '@mantine/charts';
import {
  Box,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { QueryError } from '../../../components/query-error';
import { useQuery } from '../../../hooks/use-query';
import { percent, weekLabel } from '../utils/attendance-format';
import { DateRangeInputs } from './date-range-inputs';
import type { StudentPick } from './student-record-panel';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export interface ClassRatesPanelProps {
  from: string;
  to: string;
  onRangeChange: (range: { from: string; to: string }) => void;
  onOpenStudent: (student: StudentPick) => void;
}

export function ClassRatesPanel({ from, to, onRangeChange, onOpenStudent }: ClassRatesPanelProps) {
  const classes = useQuery('classes.list', { pageSize: 100 }, []);
  const items = classes.data?.items ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const classId = chosen ?? items[0]?.id ?? null;
  const [threshold, setThreshold] = useState<number | string>(90);
  const limit = typeof threshold === 'number' && threshold >= 0 && threshold <= 100 ? threshold / 100 : 0.9;
  const valid = DAY_PATTERN.test(from) && DAY_PATTERN.test(to) && from <= to;
  const view = useQuery(
    'attendance.class',
    classId && valid ? { classId, from, to, threshold: limit } : null,
    [],
    { keepPrevious: false },
  );
  const data = view.data;

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="md">
        <Select
          label="Class"
          data={items.map((c) => ({ value: c.id, label: c.name }))}
          value={classId}
          onChange={setChosen}
          allowDeselect={false}
          searchable
          w={220}
        />
        <DateRangeInputs from={from} to={to} valid={valid} onChange={onRangeChange} />
        <NumberInput
          label="Under (%)"
          value={threshold}
          onChange={setThreshold}
          min={0}
          max={100}
          allowDecimal={false}
          w={110}
        />
      </Group>
      {classes.error ? (
        <QueryError error={classes.error} onRetry={classes.refetch} what="the classes" />
      ) : classes.data && items.length === 0 ? (
        <EmptyState
          title="No classes yet"
          hint="Rates appear once classes take registers."
          testId="rates-empty"
        />
      ) : view.error ? (
        <QueryError error={view.error} onRetry={view.refetch} what="the class's attendance" />
      ) : !data ? (
        <Skeleton h={320} />
      ) : (
        <>
          <Card withBorder radius="md" padding="lg">
            <Title order={2} size="h4">
              {data.className}:{' '}
              {data.rate === null ? 'no registers in these days' : `${percent(data.rate)} in class`}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              Week by week: in class (present or late) of the {data.mode === 'period' ? 'lessons' : 'days'}{' '}
              that counted; excused absences and holidays don&apos;t count.
            </Text>
            {data.weeks.length === 0 ? (
              <Text size="sm" c="dimmed">
                No registers were taken in these days.
              </Text>
            ) : (
              <Box>
                <Box aria-hidden>
                  <LineChart
                    h={240}
                    data={data.weeks.map((w) => ({
                      week: weekLabel(w.week).replace('Week of ', ''),
                      Attendance: w.rate === null ? null : Math.round(w.rate * 1000) / 10,
                    }))}
                    dataKey="week"
                    series={[{ name: 'Attendance', color: 'indigo.7' }]}
                    yAxisProps={{ domain: [0, 100] }}
                    unit="%"
                    connectNulls
                    accessibilityLayer={false}
                  />
                </Box>
                <VisuallyHidden>
                  <Table data-testid="weekly-rates">
                    <Table.Caption>{`${data.className}: attendance per week`}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Week</Table.Th>
                        <Table.Th>Attendance</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.weeks.map((w) => (
                        <Table.Tr key={w.week}>
                          <Table.Td>{weekLabel(w.week)}</Table.Td>
                          <Table.Td>{w.rate === null ? '—' : percent(w.rate)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </VisuallyHidden>
              </Box>
            )}
          </Card>
          <Card withBorder radius="md" padding="lg">
            <Title order={2} size="h4" mb="sm">
              Under {Math.round(limit * 100)}%
            </Title>
            {data.below.length === 0 ? (
              <Text size="sm" c="dimmed" data-testid="below-empty">
                Nobody in {data.className} is under {Math.round(limit * 100)}% in these days.
              </Text>
            ) : (
              <Table aria-label={`Students of ${data.className} under ${Math.round(limit * 100)}%`} striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Student</Table.Th>
                    <Table.Th ta="right">Attendance</Table.Th>
                    <Table.Th ta="right">{data.mode === 'period' ? 'Lessons missed' : 'Absences'}</Table.Th>
                    <Table.Th ta="right">Days absent</Table.Th>
                    <Table.Th ta="right">Days partly absent</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Record</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.below.map((s) => (
                    <Table.Tr key={s.studentId} data-testid="below-row">
                      <Table.Td>{s.name}</Table.Td>
                      <Table.Td ta="right">{percent(s.rate)}</Table.Td>
                      <Table.Td ta="right">{s.absent}</Table.Td>
                      <Table.Td ta="right">{s.daysAbsent}</Table.Td>
                      <Table.Td ta="right">{s.partialDays}</Table.Td>
                      <Table.Td ta="right">
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={`Open ${s.name}'s record`}
                          onClick={() => onOpenStudent({ id: s.studentId, name: s.name })}
                        >
                          Record
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        </>
      )}
    </Stack>
  );
}
