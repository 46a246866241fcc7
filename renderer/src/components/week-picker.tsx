import { ActionIcon, Button, Group, Text } from '@mantine/core';
import { mondayOf, sameDay, shiftWeek, weekLabel } from '../lib/week-dates';

export interface WeekPickerProps {
  /** The Monday of the week shown. */
  monday: Date;
  onChange: (monday: Date) => void;
  now: Date;
}

/** The week a timetable view shows (its holidays depend on it): earlier, later, back to this week. */
export function WeekPicker({ monday, onChange, now }: WeekPickerProps) {
  const current = mondayOf(now);
  const isCurrent = sameDay(monday, current);
  return (
    <Group gap={6} wrap="nowrap" role="group" aria-label="Week shown">
      <ActionIcon
        variant="default"
        aria-label="Previous week"
        onClick={() => onChange(shiftWeek(monday, -1))}
      >
        <span aria-hidden>‹</span>
      </ActionIcon>
      <Text size="sm" fw={500} miw={150} ta="center" data-testid="week-shown" aria-live="polite">
        {weekLabel(monday)}
      </Text>
      <ActionIcon variant="default" aria-label="Next week" onClick={() => onChange(shiftWeek(monday, 1))}>
        <span aria-hidden>›</span>
      </ActionIcon>
      <Button size="xs" variant="subtle" disabled={isCurrent} onClick={() => onChange(current)}>
        This week
      </Button>
    </Group>
  );
}
