import { Group, Radio, Textarea } from '@mantine/core';
import { DatePickerInput, type DateFormatter } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import type { CalendarEntryDto } from '../../../../../shared/contract';
import { CALENDAR_TYPES, TEXT_LIMITS, type CalendarType } from '../../../../../shared/domain';
import { FormActions } from '../../../components/form-actions';
import { FormModal } from '../../../components/form-modal';
import { TitleInput } from '../../../components/title-input';
import { useSaveMutations } from '../../../hooks/use-save-mutations';
import { optionalText, requiredText } from '../../../lib/form-rules';
import { TYPE_LABELS, dayKeyOf, formatDay, instantOfDay, type DayKey } from '../utils/calendar-dates';

interface EntryValues {
  date: DayKey | null;
  type: CalendarType;
  title: string;
  description: string;
}

export interface CalendarEntryModalProps {
  opened: boolean;
  onClose: () => void;
  /** The entry being edited; null adds a new one. */
  entry: CalendarEntryDto | null;
  /** The day a new entry starts on. */
  defaultDay: DayKey;
  onSaved: (entry: CalendarEntryDto) => void;
}

const formatPicked: DateFormatter = ({ date }) =>
  typeof date === 'string' && date !== '' ? formatDay(date) : '';

/** Admin: adds or changes a holiday or an event. */
export function CalendarEntryModal({ opened, onClose, entry, defaultDay, onSaved }: CalendarEntryModalProps) {
  const form = useForm<EntryValues>({
    mode: 'controlled',
    initialValues: { date: defaultDay, type: 'holiday', title: '', description: '' },
    validate: {
      date: (value) => (value && instantOfDay(value) ? null : 'Choose the day.'),
      title: requiredText(TEXT_LIMITS.title, 'Give it a title.'),
      description: optionalText(TEXT_LIMITS.description, true),
    },
  });

  // Each opening starts from the entry (edit) or a blank form on the chosen day (add).
  useEffect(() => {
    if (!opened) return;
    const values: EntryValues = entry
      ? {
          date: dayKeyOf(entry.date),
          type: entry.type,
          title: entry.title,
          description: entry.description ?? '',
        }
      : { date: defaultDay, type: 'holiday', title: '', description: '' };
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the form object is stable; reset per opening
  }, [opened, entry, defaultDay]);

  const { create, update, loading } = useSaveMutations('calendar.create', 'calendar.update', {
    form,
    created: (saved) => `${TYPE_LABELS[saved.type]} "${saved.title}" added.`,
    saved: (saved) => `${TYPE_LABELS[saved.type]} "${saved.title}" saved.`,
    invalidates: ['calendar.'],
  });

  const submit = form.onSubmit(async (values) => {
    const date = values.date ? instantOfDay(values.date) : null;
    if (!date) return;
    const saved = entry
      ? await update.mutate({
          id: entry.id,
          title: values.title,
          description: values.description,
          date,
          type: values.type,
        })
      : await create.mutate({
          title: values.title,
          description: values.description,
          date,
          type: values.type,
        });
    if (saved) {
      onSaved(saved);
      onClose();
    }
  });

  const title = entry ? 'Edit calendar entry' : 'Add to the calendar';
  return (
    <FormModal opened={opened} onClose={onClose} title={title} onSubmit={submit}>
      <DatePickerInput
        label="Date"
        placeholder="Pick a day"
        // Mantine draws this placeholder as text in gray 5 (2:1); the dimmed grey reads at 6:1.
        styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
        valueFormatter={formatPicked}
        firstDayOfWeek={1}
        weekendDays={[]}
        withAsterisk
        data-autofocus
        popoverProps={{ withinPortal: true }}
        previousLabel="Previous month"
        nextLabel="Next month"
        {...form.getInputProps('date')}
      />
      <Radio.Group label="Type" withAsterisk {...form.getInputProps('type')}>
        <Group gap="lg" mt={6}>
          {CALENDAR_TYPES.map((type) => (
            <Radio key={type} value={type} label={TYPE_LABELS[type]} />
          ))}
        </Group>
      </Radio.Group>
      <TitleInput description={`At most ${TEXT_LIMITS.title} characters.`} {...form.getInputProps('title')} />
      <Textarea
        label="Description"
        description="Optional: what happens, for whom."
        autosize
        minRows={3}
        maxRows={8}
        maxLength={TEXT_LIMITS.description}
        {...form.getInputProps('description')}
      />
      <FormActions
        onCancel={onClose}
        submitLabel={entry ? 'Save changes' : 'Add to the calendar'}
        loading={loading}
      />
    </FormModal>
  );
}
