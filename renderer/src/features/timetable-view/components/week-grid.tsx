import { Box, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ScheduleDto } from '../../../../../shared/contract';
import type { Weekday } from '../../../../../shared/domain';
import { cellKey, cellsOf, daysToShow, periodsToShow } from '../utils/week';

export interface WeekGridProps {
  entries: readonly ScheduleDto[];
  /** What a cell says under the subject: the class (a teacher's week) or the teacher (a student's). */
  show: 'class' | 'teacher';
  /** Highlights this day's column. */
  today?: Weekday;
  /** The table's caption (read by screen readers; shown dimmed). */
  caption: string;
}

/** A week as a table: days across, periods down; each lesson shows its subject, class or teacher and time. */
export function WeekGrid({ entries, show, today, caption }: WeekGridProps) {
  const days = daysToShow(entries);
  const periods = periodsToShow(entries);
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
            {days.map((day) => (
              <Table.Th key={day} bg={day === today ? todayBg : undefined} scope="col">
                {day}
                {day === today && (
                  <Text size="xs" c="indigo.9" fw={600}>
                    Today
                  </Text>
                )}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {periods.map((period) => (
            <Table.Tr key={period}>
              <Table.Th scope="row" fw={600}>
                {period}
              </Table.Th>
              {days.map((day) => {
                const entry = cells.get(cellKey(day, period));
                return (
                  <Table.Td
                    key={day}
                    bg={day === today ? todayBg : undefined}
                    data-cell={`${day}-${period}`}
                    style={{ verticalAlign: 'top' }}
                  >
                    {entry ? (
                      <Box>
                        <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                          {entry.subject}
                        </Text>
                        <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                          {show === 'class' ? (entry.className ?? 'Class') : (entry.teacherName ?? 'Teacher')}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {entry.timeSlot}
                        </Text>
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
