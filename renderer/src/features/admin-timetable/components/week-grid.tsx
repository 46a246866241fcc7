import { Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { ScheduleDto } from '../../../../../shared/contract';
import { PERIODS, type Weekday } from '../../../../../shared/domain';
import { cellKey, entriesByCell, usualSlot, type TimetableView } from '../utils/grid';
import classes from './week-grid.module.css';

export interface WeekGridProps {
  entries: readonly ScheduleDto[];
  days: readonly Weekday[];
  view: TimetableView;
  /** Whose week: "Class 10-A", "Asha Rao". */
  ownerName: string;
  onFree: (day: Weekday, period: number) => void;
  onEntry: (entry: ScheduleDto) => void;
}

/**
 * Days across, periods down. A free cell is a button that adds an entry there; an entry is a button that edits
 * it. Each button's name says the day and period for screen readers.
 */
export function WeekGrid({ entries, days, view, ownerName, onFree, onEntry }: WeekGridProps) {
  const cells = entriesByCell(entries);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table className={classes.grid} withTableBorder withColumnBorders aria-label={`Week of ${ownerName}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" className={classes.periodCell}>
              Period
            </Table.Th>
            {days.map((day) => (
              <Table.Th key={day} scope="col">
                {day}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {PERIODS.map((period) => {
            const slot = usualSlot(entries, period);
            return (
              <Table.Tr key={period}>
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
                  return (
                    <Table.Td key={day} className={classes.cell}>
                      {entry ? (
                        <UnstyledButton
                          className={`${classes.slot} ${classes.entry}`}
                          onClick={() => onEntry(entry)}
                          data-testid="timetable-entry"
                        >
                          <VisuallyHidden>{`${day}, period ${period}: `}</VisuallyHidden>
                          <Text size="sm" fw={600} lineClamp={1}>
                            {entry.subject}
                          </Text>
                          <Text size="xs" lineClamp={1}>
                            {view === 'class'
                              ? (entry.teacherName ?? 'Teacher')
                              : (entry.className ?? 'Class')}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {entry.timeSlot}
                          </Text>
                        </UnstyledButton>
                      ) : (
                        <UnstyledButton
                          className={`${classes.slot} ${classes.free}`}
                          onClick={() => onFree(day, period)}
                        >
                          <VisuallyHidden>{`Add an entry on ${day}, period ${period}`}</VisuallyHidden>
                          <Text size="sm" className={classes.plus} aria-hidden>
                            + Add
                          </Text>
                        </UnstyledButton>
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
