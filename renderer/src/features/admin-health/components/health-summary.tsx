import { Alert, Anchor, Badge, Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { SystemHealth } from '../../../../../shared/contract';
import { useNavigate } from '../../../stores/route-store';
import { HealthCard } from './health-card';
import { attentionPoints, diskShare, formatBytes, formatCount, formatTime } from '../utils/health-format';

function Tile({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <HealthCard title={title} id={`summary-${testId}`} testId={testId} gap={6}>
      {children}
    </HealthCard>
  );
}

/**
 * The top of the health page in an office's words: is everything working, the last backup, disk space and
 * problems today. The engine's own figures follow under "Details".
 */
export function HealthSummaryPanel({ health }: { health: SystemHealth }) {
  const summary = health.summary;
  const points = attentionPoints(health);
  const navigate = useNavigate();
  const backup = summary?.backup;
  const disk = summary?.disk;
  const share = disk ? diskShare(disk) : null;
  const ok = points.length === 0;

  return (
    <Stack gap="md">
      <Alert
        color={ok ? 'teal' : 'orange'}
        styles={{ title: { color: 'var(--mantine-color-text)' } }}
        title={ok ? 'Everything is working' : 'Needs attention'}
        data-testid="health-verdict"
        data-ok={String(ok)}
      >
        {ok ? (
          'The database answers, the last backup succeeded and there is room on the disk.'
        ) : (
          <List size="sm">
            {points.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        )}
      </Alert>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
        <Tile title="Last backup" testId="health-backup">
          {!backup?.last ? (
            <Text size="sm">No backup has been made yet.</Text>
          ) : (
            <>
              <Group gap="xs">
                <Badge color={backup.last.ok ? 'teal' : 'red'} variant="dot" radius="sm">
                  {backup.last.ok ? 'Succeeded' : 'Failed'}
                </Badge>
                {backup.last.ok && <Text size="sm">{formatBytes(backup.last.size ?? 0)}</Text>}
              </Group>
              <Text size="sm">{formatTime(backup.last.at)}</Text>
              {!backup.last.ok && backup.last.message && (
                <Text size="xs" c="dimmed">
                  {backup.last.message}
                </Text>
              )}
            </>
          )}
          <Text size="xs" c="dimmed">
            {backup?.scheduleEnabled ? 'Daily backups are on.' : 'Daily backups are off.'}{' '}
            <Anchor
              component="button"
              type="button"
              size="xs"
              onClick={() => navigate({ workspace: 'admin', page: 'settings' })}
            >
              Backups in Settings
            </Anchor>
          </Text>
        </Tile>
        <Tile title="Disk space" testId="health-disk">
          {disk ? (
            <>
              <Text size="sm" fw={500}>
                {formatBytes(disk.free)} free
              </Text>
              <Text size="xs" c="dimmed">
                of {formatBytes(disk.total)} ({share}% free)
              </Text>
            </>
          ) : (
            <Text size="sm">Not reported by this system.</Text>
          )}
        </Tile>
        <Tile title="Problems today" testId="health-problems">
          <Text size="sm" fw={500}>
            {summary?.problems === 0 ? 'None' : formatCount(summary?.problems ?? 0)}
          </Text>
          {summary?.recentProblems.slice(0, 3).map((p, i) => (
            <Text key={`${p.at.getTime()}-${i}`} size="xs" c="dimmed" lineClamp={2}>
              {p.at.toLocaleTimeString()}: {p.message}
            </Text>
          ))}
        </Tile>
        <Tile title="Database" testId="health-database">
          <Text size="sm" fw={500}>
            {health.engine.state === 'ready' ? 'Working' : 'Not working right now'}
          </Text>
          <Text size="xs" c="dimmed">
            {summary && summary.archivedInstitutions > 0
              ? `${formatCount(summary.archivedInstitutions)} archived institution(s) on this computer.`
              : 'No archived institutions on this computer.'}
          </Text>
        </Tile>
      </SimpleGrid>
    </Stack>
  );
}
