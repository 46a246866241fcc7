import { Button, Card, Checkbox, Group, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { TeacherLimitsDto } from '../../../../../shared/contract';
import { PERIOD_MAX, type Weekday } from '../../../../../shared/domain';
import { bellTime } from '../../../../../shared/school-week';
import { QueryError } from '../../../components/query-error';
import { useTeacherOptions } from '../../../hooks/use-admin-options';
import { useMutation } from '../../../hooks/use-mutation';
import { useQuery } from '../../../hooks/use-query';
import { useSchoolWeek } from '../../../hooks/use-school-week';
import { cellKey } from '../utils/grid';

/**
 * A teacher's limits for the generator: the slots they cannot teach (ticked), and at most how many periods a
 * day and working days a week (empty: no limit).
 */
export function AvailabilityTab() {
  const teachers = useTeacherOptions();
  const { week } = useSchoolWeek();
  // Until one is picked, the first.
  const [picked, setTeacherId] = useState<string | null>(null);
  const teacherId = picked ?? teachers.options[0]?.value ?? null;
  const limits = useQuery('availability.get', teacherId ? { teacherId } : null, [], { keepPrevious: false });

  return (
    <Card withBorder radius="md" padding="md">
      <Select
        label="Teacher"
        placeholder="Choose a teacher"
        data={teachers.options}
        value={teacherId}
        onChange={setTeacherId}
        searchable
        allowDeselect={false}
        w={280}
        mb="md"
      />
      {teachers.error ? (
        <QueryError error={teachers.error} what="the teachers" />
      ) : limits.error ? (
        <QueryError error={limits.error} onRetry={limits.refetch} what="the teacher's limits" />
      ) : limits.data ? (
        <LimitsForm
          key={limits.data.teacherId}
          limits={limits.data}
          days={week.days}
          periods={week.periods.map((_, i) => i + 1)}
          bell={(p) => bellTime(week, p)}
        />
      ) : (
        <Text size="sm" c="dimmed">
          {teachers.options.length === 0 && !teachers.loading
            ? 'Add teachers on the People page first.'
            : 'Loading…'}
        </Text>
      )}
    </Card>
  );
}

interface LimitsFormProps {
  limits: TeacherLimitsDto;
  days: readonly Weekday[];
  periods: readonly number[];
  bell: (period: number) => string;
}

function LimitsForm({ limits, days, periods, bell }: LimitsFormProps) {
  const [off, setOff] = useState(() => new Set(limits.unavailable.map((s) => cellKey(s.day, s.period))));
  const [perDay, setPerDay] = useState<number | string>(limits.maxPeriodsPerDay ?? '');
  const [perWeek, setPerWeek] = useState<number | string>(limits.maxDaysPerWeek ?? '');
  const save = useMutation('availability.set', {
    success: "The teacher's limits were saved.",
    invalidates: ['availability.'],
  });
  const toggle = (key: string, on: boolean) =>
    setOff((current) => {
      const next = new Set(current);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  // Slots outside the current week stay as they were.
  const outside = limits.unavailable.filter((s) => !days.includes(s.day) || !periods.includes(s.period));

  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder withColumnBorders aria-label="Unavailable periods" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>Period</Table.Th>
              {days.map((d) => (
                <Table.Th key={d}>{d}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {periods.map((p) => (
              <Table.Tr key={p}>
                <Table.Th scope="row">
                  <Text size="sm" fw={600}>
                    {p}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {bell(p)}
                  </Text>
                </Table.Th>
                {days.map((d) => (
                  <Table.Td key={d}>
                    <Checkbox
                      aria-label={`Unavailable on ${d}, period ${p}`}
                      checked={off.has(cellKey(d, p))}
                      onChange={(e) => toggle(cellKey(d, p), e.currentTarget.checked)}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed">
        Ticked: the teacher cannot teach then.
      </Text>
      <Group gap="md" align="flex-end">
        <NumberInput
          label="Most periods a day"
          placeholder="No limit"
          min={1}
          max={PERIOD_MAX}
          value={perDay}
          onChange={setPerDay}
          w={180}
        />
        <NumberInput
          label="Most working days a week"
          placeholder="No limit"
          min={1}
          max={7}
          value={perWeek}
          onChange={setPerWeek}
          w={200}
        />
        <Button
          loading={save.loading}
          onClick={() =>
            void save.mutate({
              teacherId: limits.teacherId,
              unavailable: [
                ...outside,
                ...[...off].flatMap((key) => {
                  const [day, period] = key.split('|');
                  const slot = { day: day as Weekday, period: Number(period) };
                  return days.includes(slot.day) && periods.includes(slot.period) ? [slot] : [];
                }),
              ],
              maxPeriodsPerDay: typeof perDay === 'number' ? perDay : null,
              maxDaysPerWeek: typeof perWeek === 'number' ? perWeek : null,
            })
          }
        >
          Save limits
        </Button>
      </Group>
    </Stack>
  );
}
