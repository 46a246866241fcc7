import { Badge } from '@mantine/core';
import type { AttendanceStatus } from '../../../../../shared/domain';
import { statusText } from '../utils/attendance-format';

const COLORS: Readonly<Record<AttendanceStatus, string>> = {
  present: 'teal',
  absent: 'red',
  late: 'orange',
  excused: 'indigo',
};

/** A mark as a badge; dark text on the outline keeps the contrast axe asks for. */
export function StatusBadge({ status, lateMinutes }: { status: AttendanceStatus; lateMinutes?: number }) {
  const color = COLORS[status];
  return (
    <Badge variant="outline" color={color} c={`${color}.9`} tt="none">
      {statusText(status, lateMinutes)}
    </Badge>
  );
}
