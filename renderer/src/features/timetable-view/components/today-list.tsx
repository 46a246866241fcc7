import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ScheduleDto } from '../../../../../shared/contract';
import { timingOf, type SlotTiming } from '../utils/week';

export interface TodayListProps {
  /** Today's entries, in period order. */
  entries: readonly ScheduleDto[];
  show: 'class' | 'teacher';
  now: Date;
  /** Today is a holiday: the lessons are greyed and none is "now" or "next". */
  off?: boolean;
  /** Something to do with a lesson, at the row's end (the teacher's "Register"). */
  action?: ((entry: ScheduleDto, timing: SlotTiming) => ReactNode) | undefined;
}

/** Outline badges in the hue's text colour (theme.ts), filled ones on shade 9: AA contrast in light and dark. */
const TIMING_BADGE: Partial<
  Record<SlotTiming, { label: string; color: string; variant: 'outline' | 'filled' }>
> = {
  past: { label: 'Done', color: 'gray', variant: 'outline' },
  now: { label: 'Now', color: 'teal.9', variant: 'filled' },
  next: { label: 'Next', color: 'indigo', variant: 'outline' },
};

/** Today's lessons one under the other, with the one on now and the next one marked. */
export function TodayList({ entries, show, now, off = false, action }: TodayListProps) {
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
        const badge = off ? undefined : TIMING_BADGE[t];
        return (
          <Paper
            key={e.id}
            component="li"
            withBorder
            radius="md"
            px="md"
            py="sm"
            bg={off || t === 'past' ? 'var(--crm-page-bg)' : undefined}
            c={off ? 'dimmed' : undefined}
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
                    style={{ flex: 'none', minWidth: 'max-content' }}
                  >
                    {badge.label}
                  </Badge>
                )}
                {!off && action?.(e, t)}
              </Group>
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}
