import { Text } from '@mantine/core';
import { periodLabel } from '../utils/attendance-format';

/** " · Period 3" after a day or a class, dimmed; nothing for a day's register (period 0). */
export function PeriodSuffix({ period }: { period: number }) {
  return period > 0 ? (
    <Text span size="xs" c="dimmed">
      {' '}
      · {periodLabel(period)}
    </Text>
  ) : null;
}
