import { Group, Text } from '@mantine/core';
import { Calendar } from '@mantine/dates';
import type { CalendarEntryDto } from '../../../../../shared/contract';
import {
  KIND_LABELS,
  entryKind,
  formatDay,
  formatMonth,
  instantOfDay,
  monthOf,
  type DayKey,
} from '../utils/calendar-dates';
import classes from './calendar-month.module.css';

export interface CalendarMonthProps {
  /** The first day of the month shown. */
  month: DayKey;
  onMonthChange: (month: DayKey) => void;
  /** The month's entries by local day. */
  days: ReadonlyMap<DayKey, readonly CalendarEntryDto[]>;
  selected: DayKey | null;
  onSelect: (day: DayKey) => void;
  /** The assignments due in the month that the reader sees, by local day (issue 19, finding 11). */
  due: ReadonlyMap<DayKey, readonly DueItem[]>;
}

/** An assignment due on a day, as `calendar.list` answers it. */
export interface DueItem {
  assignmentId: string;
  title: string;
  dueDate: Date;
}

function weekdayLabel(day: string): string {
  return instantOfDay(day)?.toLocaleDateString(undefined, { weekday: 'short' }) ?? '';
}

/**
 * The month as a grid of days (Mantine's Calendar: arrow keys move between days, Page Up/Down between
 * months). The school's holidays are tinted red, public holidays green; every entry adds a dot (red holiday,
 * green public holiday, indigo event) and each assignment due an orange square; each day's accessible name
 * says what is on it.
 */
export function CalendarMonth({ month, onMonthChange, days, selected, onSelect, due }: CalendarMonthProps) {
  return (
    <Calendar
      date={month}
      onDateChange={(date) => onMonthChange(monthOf(date))}
      maxLevel="month"
      size="lg"
      fullWidth
      hideOutsideDates
      highlightToday
      weekendDays={[]}
      monthLabelFormat={(date) => formatMonth(date)}
      weekdayFormat={weekdayLabel}
      previousLabel="Previous month"
      nextLabel="Next month"
      ariaLabels={{ previousMonth: 'Previous month', nextMonth: 'Next month' }}
      classNames={{ day: classes.day }}
      getDayAriaLabel={(date) => {
        const entries = days.get(date) ?? [];
        const what = [
          ...entries.map((e) => `${KIND_LABELS[entryKind(e)]}: ${e.title}`),
          ...(due.get(date) ?? []).map((d) => `Due: ${d.title}`),
        ].join('; ');
        return what ? `${formatDay(date)} — ${what}` : formatDay(date);
      }}
      getDayProps={(date) => {
        const entries = days.get(date) ?? [];
        const kinds = new Set(entries.map(entryKind));
        return {
          selected: date === selected,
          onClick: () => onSelect(date),
          // The school's own holiday wins the tint when a public one falls on the same day.
          ...(kinds.has('holiday') ? { 'data-holiday': true } : {}),
          ...(kinds.has('public') && !kinds.has('holiday') ? { 'data-public-holiday': true } : {}),
          ...(entries.length > 0 ? { 'data-has-entries': true } : {}),
          ...(due.has(date) ? { 'data-due': true } : {}),
        };
      }}
      renderDay={(date) => {
        const entries = days.get(date) ?? [];
        const dueHere = due.get(date) ?? [];
        return (
          <div>
            <div>{Number(date.slice(8, 10))}</div>
            <span className={classes.marks} aria-hidden>
              {entries.slice(0, 4).map((e) => (
                <span key={e.id} className={`${classes.mark} ${classes[entryKind(e)]}`} />
              ))}
              {dueHere.slice(0, 3).map((d) => (
                <span
                  key={d.assignmentId}
                  className={`${classes.mark} ${classes.due}`}
                  data-testid="due-mark"
                />
              ))}
            </span>
          </div>
        );
      }}
    />
  );
}

/** What the colours mean; the assignments' mark only for a reader who has work due. */
export function CalendarLegend({ withDue }: { withDue: boolean }) {
  return (
    <Group gap="lg" aria-label="Legend" role="group">
      <Group gap={6}>
        <span className={`${classes.swatch} ${classes.holidaySwatch}`} aria-hidden />
        <Text size="sm">Holiday (day tinted red)</Text>
      </Group>
      <Group gap={6}>
        <span className={`${classes.swatch} ${classes.publicSwatch}`} aria-hidden />
        <Text size="sm">Public holiday (day tinted green)</Text>
      </Group>
      <Group gap={6}>
        <span className={`${classes.swatch} ${classes.eventSwatch}`} aria-hidden />
        <Text size="sm">Event (indigo dot)</Text>
      </Group>
      {withDue && (
        <Group gap={6}>
          <span className={`${classes.swatch} ${classes.dueSwatch}`} aria-hidden />
          <Text size="sm">Assignment due (orange square)</Text>
        </Group>
      )}
    </Group>
  );
}
