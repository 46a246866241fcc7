import { Stack, Text, type StackProps } from '@mantine/core';
import type { AttendanceStatus } from '../../../../../shared/domain';
import { STATUS_LABELS } from '../utils/attendance-format';

/** The marks a student's counts show, in this order. */
export const COUNTED_STATUSES: readonly AttendanceStatus[] = ['present', 'late', 'absent', 'excused'];

export interface StatusCountProps extends Omit<StackProps, 'children'> {
  status: AttendanceStatus;
  count: number;
}

/** How many marks of one kind a student has: the figure over its label ("12 / Late"). */
export function StatusCount({ status, count, ...stack }: StatusCountProps) {
  return (
    <Stack gap={0} {...stack}>
      <Text size="xl" fw={700}>
        {count}
      </Text>
      <Text size="sm" c="dimmed">
        {STATUS_LABELS[status]}
      </Text>
    </Stack>
  );
}
