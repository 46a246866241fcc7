import { Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { WeekDto } from '../../../../../shared/contract';
import type { Weekday } from '../../../../../shared/domain';
import { bellTime, gridDays, gridPeriods } from '../../../../../shared/school-week';
import { HOLIDAY_HEADER_BG, WeekDayHeading } from '../../../components/week-day-heading';
import { dateOfWeekday, holidayLabel, type WeekHoliday } from '../../../lib/week-dates';
import { cellKey, entriesByCell, type GridEntry, type TimetableView } from '../utils/grid';
import classes from './week-grid.module.css';

export interface WeekGridProps<E extends GridEntry> {
  entries: readonly E[];
  week: WeekDto;
  view: TimetableView;
  /** Whose week: "Class 10-A", "Asha Rao", "Lab 1". */
  ownerName: string;
  /** Without these the grid is read-only (a generated preview). */
  onFree?: (day: Weekday, period: number) => void;
  onEntry?: (entry: E) => void;
  /** Marks entries (a preview's new ones) with a different background. */
  highlight?: (entry: E) => boolean;
  /**
   * A dated week (the week grid, not a preview): its Monday, and the calendar's holidays on its days, whose
   * columns are marked and whose lessons are greyed.
   */
  dated?: { monday: Date; holidays: ReadonlyMap<Weekday, readonly WeekHoliday[]> };
}

/** Under the subject: who else the lesson involves, depending on whose week it is. */
function secondLine(entry: GridEntry, view: TimetableView): string {
  if (view === 'class') return entry.teacherName ?? 'Teacher';
  if (view === 'teacher') return entry.className ?? 'Class';
  return `${entry.className ?? 'Class'} · ${entry.teacherName ?? 'Teacher'}`;
}

/**
 * The school's working days across, its periods down with their bell times. A free cell is a button that adds
 * an entry there; an entry is a button that edits it. Each button's name says the day and period.
 */
export function WeekGrid<E extends GridEntry>({
  entries,
  week,
  view,
  ownerName,
  onFree,
  onEntry,
  highlight,
  dated,
}: WeekGridProps<E>) {
  const cells = entriesByCell(entries);
  const days = gridDays(
    week,
    entries.map((e) => e.day),
  );
  const periods = gridPeriods(
    week,
    entries.map((e) => e.period),
  );
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table className={classes.grid} withTableBorder withColumnBorders aria-label={`Week of ${ownerName}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" className={classes.periodCell}>
              Period
            </Table.Th>
            {days.map((day) => {
              const off = dated?.holidays.get(day);
              return (
                <Table.Th
                  key={day}
                  scope="col"
                  bg={off ? HOLIDAY_HEADER_BG : undefined}
                  data-holiday={off ? true : undefined}
                >
                  {dated ? (
                    <WeekDayHeading day={day} date={dateOfWeekday(dated.monday, day)} holidays={off} />
                  ) : (
                    day
                  )}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {periods.map((period) => {
            const slot = bellTime(week, period);
            const breakAfter = week.periods[period - 1]?.breakAfter === true;
            return (
              <Table.Tr key={period} className={breakAfter ? classes.breakAfter : undefined}>
                <Table.Th scope="row" className={classes.periodCell}>
                  <Text size="sm" fw={600}>
                    {period}
                  </Text>
                  {slot && (
                    <Text size="xs" c="dimmed">
                      {slot}
                    </Text>
                  )}
                </Table.Th>
                {days.map((day) => {
                  const entry = cells.get(cellKey(day, period));
                  const off = dated?.holidays.get(day);
                  const content = entry && (
                    <>
                      <VisuallyHidden>
                        {`${day}, period ${period}${off ? ` (not taught this week, ${holidayLabel(off)})` : ''}: `}
                      </VisuallyHidden>
                      <Text size="sm" fw={600} lineClamp={1}>
                        {entry.subject}
                      </Text>
                      <Text size="xs" lineClamp={1}>
                        {secondLine(entry, view)}
                      </Text>
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {[view !== 'room' ? entry.roomName : undefined, entry.timeSlot]
                          .filter(Boolean)
                          .join(' · ')}
                      </Text>
                    </>
                  );
                  const marked =
                    entry && highlight?.(entry) ? classes.fresh : entry && off ? classes.offDay : '';
                  return (
                    <Table.Td key={day} className={classes.cell}>
                      {entry && onEntry ? (
                        <UnstyledButton
                          className={`${classes.slot} ${classes.entry} ${marked}`}
                          onClick={() => onEntry(entry)}
                          data-testid="timetable-entry"
                        >
                          {content}
                        </UnstyledButton>
                      ) : entry ? (
                        <div
                          className={`${classes.slot} ${classes.entry} ${marked}`}
                          data-testid="timetable-entry"
                        >
                          {content}
                        </div>
                      ) : onFree ? (
                        <UnstyledButton
                          className={`${classes.slot} ${classes.free}`}
                          onClick={() => onFree(day, period)}
                        >
                          <VisuallyHidden>{`Add an entry on ${day}, period ${period}`}</VisuallyHidden>
                          <Text size="sm" className={classes.plus} aria-hidden>
                            + Add
                          </Text>
                        </UnstyledButton>
                      ) : (
                        <VisuallyHidden>Free</VisuallyHidden>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
