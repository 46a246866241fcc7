import { Alert, Group, List, NumberInput, Select, Skeleton, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useMemo } from 'react';
import type { ChannelOutput } from '../../../../../shared/contract';
import { HOLIDAY_YEAR_MAX, HOLIDAY_YEAR_MIN } from '../../../../../shared/domain';
import { FormActions } from '../../../components/form-actions';
import { FormModal } from '../../../components/form-modal';
import { QueryError } from '../../../components/query-error';
import { useMutation } from '../../../hooks/use-mutation';
import { useQuery } from '../../../hooks/use-query';
import { formatDay } from '../utils/calendar-dates';

interface ImportValues {
  country: string | null;
  region: string | null;
  year: number | string;
}

type ImportResult = ChannelOutput<'calendar.importHolidays'>;

export interface ImportHolidaysModalProps {
  opened: boolean;
  onClose: () => void;
  /** The month shown after an import: the year's first holiday, so the admin sees what was added. */
  onImported: (result: ImportResult) => void;
}

/** "6 public holidays added, 0 already there." */
export function importSummary(result: ImportResult): string {
  const added = result.added === 1 ? '1 public holiday added' : `${result.added} public holidays added`;
  return `${added}, ${result.alreadyThere} already there.`;
}

/**
 * Admin: picks a country (India first), optionally a state or region, and a year; the year's public holidays are
 * added to the calendar once each. The answer stays on screen: how many were added, how many were there.
 */
export function ImportHolidaysModal({ opened, onClose, onImported }: ImportHolidaysModalProps) {
  const places = useQuery('calendar.holidayCountries', opened ? {} : null);
  const form = useForm<ImportValues>({
    mode: 'controlled',
    initialValues: { country: 'IN', region: null, year: new Date().getFullYear() },
    validate: {
      country: (v) => (v ? null : 'Choose a country.'),
      year: (v) =>
        typeof v === 'number' && v >= HOLIDAY_YEAR_MIN && v <= HOLIDAY_YEAR_MAX
          ? null
          : `Choose a year from ${HOLIDAY_YEAR_MIN} to ${HOLIDAY_YEAR_MAX}.`,
    },
  });
  const run = useMutation('calendar.importHolidays', {
    form,
    success: importSummary,
    invalidates: ['calendar.list'],
  });

  // Each opening starts afresh: no result from last time.
  useEffect(() => {
    if (opened) run.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset per opening only
  }, [opened]);

  const countries = useMemo(() => places.data?.countries ?? [], [places.data]);
  const country = countries.find((c) => c.code === form.values.country);
  const regions = country?.regions ?? [];

  const submit = form.onSubmit(async (values) => {
    if (!values.country || typeof values.year !== 'number') return;
    const result = await run.mutate({
      country: values.country,
      year: values.year,
      ...(values.region ? { region: values.region } : {}),
    });
    if (result) onImported(result);
  });

  const result = run.data;
  return (
    <FormModal opened={opened} onClose={onClose} title="Import public holidays" onSubmit={submit}>
      <Text size="sm" c="dimmed">
        Adds a year&apos;s public holidays as holidays on the calendar (no registers are taken on them).
        Importing again adds only what is missing.
      </Text>
      {places.error ? (
        <QueryError error={places.error} onRetry={places.refetch} what="the list of countries" />
      ) : !places.data ? (
        <Skeleton h={120} />
      ) : (
        <>
          <Select
            label="Country"
            withAsterisk
            searchable
            data-autofocus
            data={countries.map((c) => ({ value: c.code, label: c.name }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('country')}
            onChange={(value: string | null) => {
              form.setFieldValue('country', value);
              form.setFieldValue('region', null);
            }}
          />
          <Select
            label="State or region"
            description={
              regions.length === 0
                ? 'This country has no regional holidays in the tables.'
                : "Optional: adds that region's own holidays too."
            }
            placeholder={regions.length === 0 ? 'None' : 'The whole country'}
            searchable
            clearable
            disabled={regions.length === 0}
            data={regions.map((r) => ({ value: r.code, label: r.name }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('region')}
          />
          <NumberInput
            label="Year"
            withAsterisk
            min={HOLIDAY_YEAR_MIN}
            max={HOLIDAY_YEAR_MAX}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('year')}
          />
        </>
      )}
      {result && (
        <Alert
          color="green"
          variant="light"
          title={importSummary(result)}
          data-testid="import-result"
          // Green text on the light tint is under AA: the title keeps the page's text colour.
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
        >
          <List size="sm" spacing={2}>
            {result.holidays.map((h) => (
              <List.Item key={`${h.day}-${h.title}`}>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" span>
                    {formatDay(h.day, 'medium')}: {h.title}
                  </Text>
                  <Text size="xs" span c="dimmed">
                    {h.added ? 'added' : 'already there'}
                  </Text>
                </Group>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <FormActions
        onCancel={onClose}
        submitLabel={result ? 'Import again' : 'Import'}
        loading={run.loading}
        submitDisabled={!places.data}
      />
    </FormModal>
  );
}
