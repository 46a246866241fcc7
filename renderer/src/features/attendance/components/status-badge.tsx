import { Badge } from '@mantine/core';
import type { AttendanceStatus } from '../../../../../shared/domain';
import { statusText } from '../utils/attendance-format';

const COLORS: Readonly<Record<AttendanceStatus, string>> = {
  present: 'teal',
  absent: 'red',
  late: 'orange',
  excused: 'indigo',
};

/** A mark as a badge: the colour is in the outline; the text keeps the page's text colour for contrast (AA). */
export function StatusBadge({ status, lateMinutes }: { status: AttendanceStatus; lateMinutes?: number }) {
  const color = COLORS[status];
  return (
    <Badge variant="outline" color={color} c="var(--mantine-color-text)" tt="none">
      {statusText(status, lateMinutes)}
    </Badge>
  );
}
