import { Box, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ScheduleDto } from '../../../../../shared/contract';
import type { Weekday } from '../../../../../shared/domain';
import { bellTime } from '../../../../../shared/school-week';
import { HOLIDAY_CELL_BG, HOLIDAY_HEADER_BG, WeekDayHeading } from '../../../components/week-day-heading';
import { useSchoolWeek } from '../../../hooks/use-school-week';
import { dateOfWeekday, holidayLabel, type WeekHoliday } from '../../../lib/week-dates';
import { cellKey, cellsOf, daysToShow, periodsToShow } from '../utils/week';

export interface WeekGridProps {
  entries: readonly ScheduleDto[];
  /** What a cell says under the subject: the class (a teacher's week) or the teacher (a student's). */
  show: 'class' | 'teacher';
  /** Highlights this day's column (only when the week shown is this week). */
  today?: Weekday | undefined;
  /** The table's caption (read by screen readers; shown dimmed). */
  caption: string;
  /** The Monday of the week shown: each day's date is in its header. */
  monday: Date;
  /** The calendar's holidays on the week's days: their columns are marked, their lessons greyed. */
  holidays: ReadonlyMap<Weekday, readonly WeekHoliday[]>;
}

/**
 * A week as a table: the school's days across, its periods down with their bell times; each lesson shows its
 * subject, class or teacher, and room. A holiday's column is green with its name, its lessons greyed.
 */
export function WeekGrid({ entries, show, today, caption, monday, holidays }: WeekGridProps) {
  const { week } = useSchoolWeek();
  const days = daysToShow(entries, week);
  const periods = periodsToShow(entries, week);
  const cells = cellsOf(entries);
  const todayBg = 'var(--crm-highlight)';

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table withTableBorder withColumnBorders layout="fixed" data-testid="week-grid" captionSide="top">
        <Table.Caption>
          <VisuallyHidden>{caption}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={96}>Period</Table.Th>
            {days.map((day) => {
              const off = holidays.get(day);
              return (
                <Table.Th
                  key={day}
                  bg={off ? HOLIDAY_HEADER_BG : day === today ? todayBg : undefined}
                  scope="col"
                  data-holiday={off ? true : undefined}
                >
                  <WeekDayHeading
                    day={day}
                    date={dateOfWeekday(monday, day)}
                    holidays={off}
                    isToday={day === today}
                  />
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {periods.map((period) => (
            <Table.Tr key={period}>
              <Table.Th scope="row">
                <Text size="sm" fw={600}>
                  {period}
                </Text>
                <Text size="xs" c="dimmed" data-testid="bell-time">
                  {bellTime(week, period)}
                </Text>
              </Table.Th>
              {days.map((day) => {
                const entry = cells.get(cellKey(day, period));
                const off = holidays.get(day);
                return (
                  <Table.Td
                    key={day}
                    bg={off ? HOLIDAY_CELL_BG : day === today ? todayBg : undefined}
                    data-cell={`${day}-${period}`}
                    style={{ verticalAlign: 'top' }}
                  >
                    {entry ? (
                      // Greyed on a holiday: the lesson does not take place that week.
                      <Box c={off ? 'dimmed' : undefined} data-off={off ? true : undefined}>
                        {off && <VisuallyHidden>{`Not taught (${holidayLabel(off)}): `}</VisuallyHidden>}
                        <Text
                          size="sm"
                          fw={600}
                          style={{ overflowWrap: 'anywhere' }}
                          td={off ? 'line-through' : undefined}
                        >
                          {entry.subject}
                        </Text>
                        <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                          {show === 'class' ? (entry.className ?? 'Class') : (entry.teacherName ?? 'Teacher')}
                        </Text>
                        {entry.roomName && (
                          <Text
                            size="xs"
                            fw={500}
                            data-testid="entry-room"
                            style={{ overflowWrap: 'anywhere' }}
                          >
                            {entry.roomName}
                          </Text>
                        )}
                        {entry.timeSlot !== bellTime(week, period) && (
                          <Text size="xs" c="dimmed">
                            {entry.timeSlot}
                          </Text>
                        )}
                      </Box>
                    ) : (
                      <>
                        <Text size="xs" c="dimmed" aria-hidden>
                          –
                        </Text>
                        <VisuallyHidden>Free</VisuallyHidden>
                      </>
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
