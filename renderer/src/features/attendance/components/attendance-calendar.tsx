import { Group, Text } from '@mantine/core';
import { Calendar } from '@mantine/dates';
import type { DayStatus } from '../../../../../shared/domain';
import { DAY_STATUS_LABELS, dayLabel } from '../utils/attendance-format';
import classes from './attendance-calendar.module.css';

export interface AttendanceCalendarProps {
  /** The status shown on each marked day. */
  days: ReadonlyMap<string, DayStatus>;
  /** The first and last day of the record: the months shown run from one to the other. */
  from: string;
  to: string;
}

/** The first of the month before `to`'s (two months are shown, ending with `to`'s), but not before `from`'s. */
function firstMonthShown(from: string, to: string): string {
  const [y = 1970, m = 1] = to.split('-').map(Number);
  const before = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
  const fromMonth = `${from.slice(0, 7)}-01`;
  return before < fromMonth ? fromMonth : before;
}

/**
 * A student's record as months of days, each marked day tinted by its status (present teal, absent red, late
 * orange, excused indigo, partly absent grape) and named in words for screen readers; the legend says what the
 * colours mean.
 */
const LEGEND: readonly DayStatus[] = ['present', 'late', 'partial', 'absent', 'excused'];

export function AttendanceCalendar({ days, from, to }: AttendanceCalendarProps) {
  return (
    <>
      <Calendar
        defaultDate={firstMonthShown(from, to)}
        minDate={from}
        maxDate={to}
        maxLevel="month"
        numberOfColumns={2}
        columnsToScroll={1}
        hideOutsideDates
        firstDayOfWeek={1}
        weekendDays={[]}
        previousLabel="Previous month"
        nextLabel="Next month"
        ariaLabels={{ previousMonth: 'Previous month', nextMonth: 'Next month' }}
        classNames={{ day: classes.day }}
        getDayAriaLabel={(date) => {
          const status = days.get(date);
          return status ? `${dayLabel(date)}: ${DAY_STATUS_LABELS[status]}` : dayLabel(date);
        }}
        getDayProps={(date) => {
          const status = days.get(date);
          return status ? { 'data-status': status } : {};
        }}
      />
      <Group gap="lg" role="group" aria-label="Legend">
        {LEGEND.map((status) => (
          <Group gap={6} key={status}>
            <span className={`${classes.swatch} ${classes[status]}`} aria-hidden />
            <Text size="sm">{DAY_STATUS_LABELS[status]}</Text>
          </Group>
        ))}
        <Text size="sm" c="dimmed">
          Blank: no register, a holiday or a day off
        </Text>
      </Group>
    </>
  );
}
