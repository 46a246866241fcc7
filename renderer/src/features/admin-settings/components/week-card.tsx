import { Alert, Checkbox, Group, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { WeekDto } from '../../../../../shared/contract';
import { PERIOD_MAX, WEEKDAYS, type Weekday } from '../../../../../shared/domain';
import { defaultPeriods, weekProblem, type WeekPeriod } from '../../../../../shared/school-week';
import { useFormReset } from '../../../hooks/use-form-reset';
import { useMutation } from '../../../hooks/use-mutation';
import { SettingsFormCard } from './settings-form-card';
import { DataTable } from '../../../components/data-table';
import { FormActions } from '../../../components/form-actions';

interface WeekValues {
  days: Weekday[];
  periods: WeekPeriod[];
}

/**
 * The school's week: working days, periods a day with their bell times, and the breaks. The timetable, the
 * generator and every timetable view follow it.
 */
export function WeekCard({ week }: { week: WeekDto }) {
  const form = useForm<WeekValues>({
    mode: 'controlled',
    initialValues: { days: week.days, periods: week.periods },
    validate: (values) => {
      const problem = weekProblem(values);
      return problem ? { [problem.field]: problem.message } : {};
    },
  });
  useFormReset(form, () => ({ days: week.days, periods: week.periods }), [JSON.stringify(week)]);
  const save = useMutation('week.update', {
    form,
    success: 'The school week was saved.',
    invalidates: ['week.', 'schedules.'],
  });

  const values = form.getValues();
  const setCount = (count: number) => {
    const current = values.periods;
    const extra = defaultPeriods(count).slice(current.length);
    const next = [...current.slice(0, count), ...extra].map((p, i) =>
      i === count - 1 ? { ...p, breakAfter: false } : p,
    );
    form.setFieldValue('periods', next);
  };
  const errors = form.errors;
  const general = errors.days ?? errors.periods;

  return (
    <SettingsFormCard
      headingId="week-heading"
      title="School week and bell times"
      description="Working days, the periods of a day with their times, and where the breaks fall. Timetables follow it."
      formLabel="School week"
      onSubmit={form.onSubmit(async (v) => {
        await save.mutate({ days: v.days, periods: v.periods });
      })}
    >
      <Checkbox.Group
        label="Working days"
        value={values.days}
        onChange={(days) =>
          form.setFieldValue(
            'days',
            WEEKDAYS.filter((d) => days.includes(d)),
          )
        }
      >
        <Group gap="md" mt={6}>
          {WEEKDAYS.map((d) => (
            <Checkbox key={d} value={d} label={d} />
          ))}
        </Group>
      </Checkbox.Group>
      <NumberInput
        label="Periods a day"
        min={1}
        max={PERIOD_MAX}
        w={160}
        value={values.periods.length}
        onChange={(n) => typeof n === 'number' && n >= 1 && n <= PERIOD_MAX && setCount(n)}
      />
      <DataTable
        columns={[{ label: 'Period', w: 90 }, 'Time', { label: 'Break after', w: 150 }]}
        withTableBorder
        verticalSpacing={4}
        aria-label="Bell times"
      >
        {values.periods.map((p, i) => (
          <Table.Tr key={i}>
            <Table.Td>{i + 1}</Table.Td>
            <Table.Td>
              <TextInput
                aria-label={`Period ${i + 1} time`}
                placeholder="08:00-08:45"
                size="xs"
                spellCheck={false}
                autoComplete="off"
                {...form.getInputProps(`periods.${i}.timeSlot`)}
              />
            </Table.Td>
            <Table.Td>
              <Checkbox
                aria-label={`Break after period ${i + 1}`}
                disabled={i === values.periods.length - 1}
                {...form.getInputProps(`periods.${i}.breakAfter`, { type: 'checkbox' })}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {general && (
        <Alert color="red" variant="light" role="alert">
          {general}
        </Alert>
      )}
      <Stack gap={4}>
        <Text size="xs" c="dimmed">
          {week.saved ? 'Saved.' : 'These are the defaults until you save.'} A double period never spans a
          break.
        </Text>
        <FormActions submitLabel="Save week" loading={save.loading} />
      </Stack>
    </SettingsFormCard>
  );
}
