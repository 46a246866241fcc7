import { Text } from '@mantine/core';
import type { Weekday } from '../../../shared/domain';
import { holidayLabel, shortDate, type WeekHoliday } from '../lib/week-dates';

export interface WeekDayHeadingProps {
  day: Weekday;
  /** The day's date in the week shown. */
  date: Date;
  /** The calendar's holidays on that date (none: an ordinary school day). */
  holidays?: readonly WeekHoliday[] | undefined;
  isToday?: boolean;
}

/**
 * What a week grid's column header says: the day, its date, "Today", and the holiday closing it. The column's
 * tint is the grid's (`holidayColumnBg`).
 */
export function WeekDayHeading({ day, date, holidays, isToday }: WeekDayHeadingProps) {
  return (
    <>
      {day}
      <Text size="xs" c="dimmed" fw={400}>
        {shortDate(date)}
      </Text>
      {isToday && (
        <Text size="xs" c="var(--mantine-color-indigo-light-color)" fw={600}>
          Today
        </Text>
      )}
      {holidays && holidays.length > 0 && (
        <Text size="xs" fw={700} data-testid="holiday-name" style={{ overflowWrap: 'anywhere' }}>
          {holidayLabel(holidays)}
        </Text>
      )}
    </>
  );
}

/** The background of a holiday's column header (green, as the calendar draws holidays). */
export const HOLIDAY_HEADER_BG = 'var(--crm-holiday-bg)';
/** The background of a holiday's cells: grey, the lessons do not take place. */
export const HOLIDAY_CELL_BG = 'var(--crm-page-bg)';
