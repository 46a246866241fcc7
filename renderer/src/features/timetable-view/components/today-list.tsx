import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ScheduleDto } from '../../../../../shared/contract';
import { timingOf, type SlotTiming } from '../utils/week';

export interface TodayListProps {
  /** Today's entries, in period order. */
  entries: readonly ScheduleDto[];
  show: 'class' | 'teacher';
  now: Date;
  /** Something to do with a lesson, at the row's end (the teacher's "Register"). */
  action?: ((entry: ScheduleDto, timing: SlotTiming) => ReactNode) | undefined;
}

/** Outline badges with shade-9 text, filled ones on shade 9: AA contrast on white and gray-0. */
const TIMING_BADGE: Partial<
  Record<SlotTiming, { label: string; color: string; variant: 'outline' | 'filled'; text?: string }>
> = {
  past: { label: 'Done', color: 'gray', variant: 'outline', text: 'gray.8' },
  now: { label: 'Now', color: 'teal.9', variant: 'filled' },
  next: { label: 'Next', color: 'indigo', variant: 'outline', text: 'indigo.9' },
};

/** Today's lessons one under the other, with the one on now and the next one marked. */
export function TodayList({ entries, show, now, action }: TodayListProps) {
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="today-empty">
        No lessons today.
      </Text>
    );
  }
  const timing = timingOf(entries, now);
  return (
    <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Today's lessons">
      {entries.map((e) => {
        const t = timing.get(e.id) ?? 'later';
        const badge = TIMING_BADGE[t];
        return (
          <Paper
            key={e.id}
            component="li"
            withBorder
            radius="md"
            px="md"
            py="sm"
            bg={t === 'past' ? 'var(--crm-page-bg)' : undefined}
            data-testid="today-entry"
          >
            <Group justify="space-between" wrap="nowrap" gap="md">
              <Group gap="md" wrap="nowrap" miw={0}>
                <Stack gap={0} w={88} style={{ flex: 'none' }}>
                  <Text size="xs" c="dimmed">
                    Period {e.period}
                  </Text>
                  <Text size="sm" fw={500}>
                    {e.timeSlot}
                  </Text>
                </Stack>
                <Stack gap={0} miw={0}>
                  <Text fw={600} truncate>
                    {e.subject}
                  </Text>
                  <Text size="sm" c="dimmed" truncate>
                    {show === 'class' ? (e.className ?? 'Class') : (e.teacherName ?? 'Teacher')}
                    {e.roomName ? ` · ${e.roomName}` : ''}
                  </Text>
                </Stack>
              </Group>
              <Group gap="xs" wrap="nowrap" style={{ flex: 'none' }}>
                {badge && (
                  <Badge
                    color={badge.color}
                    variant={badge.variant}
                    c={badge.text}
                    style={{ flex: 'none', minWidth: 'max-content' }}
                  >
                    {badge.label}
                  </Badge>
                )}
                {action?.(e, t)}
              </Group>
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}
