import { Alert, Anchor, Text } from '@mantine/core';
import { useQuery } from '../../../hooks/use-query';
import { useNavigate } from '../../../stores/route-store';

/** A failed scheduled backup, on the dashboard until a later backup succeeds. Nothing otherwise. */
export function BackupAlert() {
  const { data } = useQuery('system.backups', {});
  const navigate = useNavigate();
  const failed = data?.failedScheduled;
  if (!failed) return null;
  return (
    <Alert
      color="red"
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
      title="The scheduled backup failed"
      data-testid="dashboard-backup-failed"
    >
      <Text size="sm">
        {failed.at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}:{' '}
        {failed.message ?? 'no reason was given'}{' '}
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => navigate({ workspace: 'admin', page: 'settings' })}
        >
          Open backups in Settings
        </Anchor>
      </Text>
    </Alert>
  );
}
