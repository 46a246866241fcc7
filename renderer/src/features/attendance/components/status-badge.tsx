import { Badge } from '@mantine/core';
import type { DayStatus } from '../../../../../shared/domain';
import { statusText } from '../utils/attendance-format';

const COLORS: Readonly<Record<DayStatus, string>> = {
  present: 'teal',
  absent: 'red',
  late: 'orange',
  excused: 'indigo',
  partial: 'grape',
};

/**
 * A mark (or a student's whole day) as a badge: the colour is in the outline; the text keeps the page's text
 * colour for contrast (AA).
 */
export function StatusBadge({ status, lateMinutes }: { status: DayStatus; lateMinutes?: number }) {
  const color = COLORS[status];
  return (
    <Badge variant="outline" color={color} c="var(--mantine-color-text)" tt="none">
      {statusText(status, lateMinutes)}
    </Badge>
  );
}
