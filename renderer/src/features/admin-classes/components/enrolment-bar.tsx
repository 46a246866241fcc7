import { Progress, Stack, Text } from '@mantine/core';
import type { ClassDto } from '../../../../../shared/contract';
import { enrolment } from '../utils/class-form';

/** "28 / 40" over a bar that turns orange near capacity and red when full. */
export function EnrolmentBar({ cls, width = 120 }: { cls: ClassDto; width?: number }) {
  const e = enrolment(cls);
  return (
    <Stack gap={4} w={width}>
      <Text size="sm" fw={500} data-testid="enrolment">
        {e.text}
      </Text>
      <Progress
        value={e.percent}
        color={e.color}
        size="sm"
        aria-label={`${cls.name}: ${cls.studentCount} of ${cls.maxStudents} places taken`}
      />
    </Stack>
  );
}
