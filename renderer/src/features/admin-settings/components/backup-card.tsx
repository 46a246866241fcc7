import {
  Alert,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  NumberInput,
  Progress,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import {
  BACKUP_KEEP_MAX,
  BACKUP_TIME_PATTERN,
  type BackupInfo,
  type BackupSchedule,
} from '../../../../../shared/contract';
import { formatBytes } from '../../../../../shared/domain';
import { QueryError } from '../../../components/query-error';
import { useMutation } from '../../../hooks/use-mutation';
import { usePolling } from '../../../hooks/use-polling';
import { useQuery } from '../../../hooks/use-query';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { invalidateChannels } from '../../../lib/query-invalidation';
import { downloadBackup, uploadBackup } from '../utils/backup-transfer';
import { RestoreModal } from './restore-modal';
import { DataTable } from '../../../components/data-table';

const when = (d: Date) => d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Backups: make one now, see the list and how the last one went, save or download a copy, bring a backup file
 * in, restore one, and the daily schedule.
 */
export function BackupCard({ institutionName }: { institutionName: string }) {
  const { data, error, refetch } = useQuery('system.backups', {});
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [uploading, setUploading] = useState(false);
  const backup = useMutation('system.backup', {
    success: (info) => `Backup made: ${info.name} (${formatBytes(info.size)}).`,
    invalidates: ['system.backups'],
  });
  const save = useMutation('system.backupSave', {
    success: (r) => (r.saved ? `Saved to ${r.path ?? 'the chosen place'}.` : 'Not saved.'),
  });
  const open = useMutation('system.backupOpen', {
    success: (r) => (r.opened ? 'The backup file was added to the list.' : 'No file was chosen.'),
    invalidates: ['system.backups'],
  });
  // While a backup or restore runs, its progress is polled.
  usePolling(refetch, backup.loading || data?.progress.running ? 1000 : null, { immediate: false });

  async function download(name: string): Promise<void> {
    try {
      await downloadBackup(name);
    } catch (err) {
      notifyError(err, 'The backup could not be downloaded');
    }
  }

  async function upload(file: File | null): Promise<void> {
    if (!file) return;
    setUploading(true);
    try {
      const info = await uploadBackup(file);
      notifySuccess(`${file.name} was added to the list as ${info.name}.`);
      invalidateChannels(['system.backups']);
    } catch (err) {
      notifyError(err, 'The file could not be uploaded');
    } finally {
      setUploading(false);
    }
  }

  const progress = data?.progress;
  const share =
    progress && progress.running
      ? ((progress.documentsDone + progress.filesDone) /
          Math.max(1, progress.documentsTotal + progress.filesTotal)) *
        100
      : 0;

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="settings-backups">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h4" id="settings-backups">
              Backups
            </Title>
            <Text size="sm" c="dimmed">
              A backup holds all of the institution&apos;s data and files in one file. Keep a copy on another
              disk.
            </Text>
          </div>
          <Group gap="xs">
            {data?.canOpenFile ? (
              <Button variant="default" loading={open.loading} onClick={() => void open.mutate({})}>
                Restore from a file…
              </Button>
            ) : (
              <FileButton onChange={(f) => void upload(f)} accept=".crmbackup,application/gzip">
                {(props) => (
                  <Button variant="default" loading={uploading} {...props}>
                    Upload a backup file…
                  </Button>
                )}
              </FileButton>
            )}
            <Button loading={backup.loading} onClick={() => void backup.mutate({})} data-testid="backup-now">
              Back up now
            </Button>
          </Group>
        </Group>

        {progress?.running && (
          <Stack gap={4} aria-live="polite">
            <Text size="sm">
              {progress.action === 'restore' ? 'Restoring' : 'Backing up'}:{' '}
              {progress.documentsDone.toLocaleString()} of {progress.documentsTotal.toLocaleString()} records,{' '}
              {progress.filesDone.toLocaleString()} of {progress.filesTotal.toLocaleString()} files
            </Text>
            <Progress value={share} aria-label="Progress" />
          </Stack>
        )}

        {error && <QueryError error={error} onRetry={refetch} what="the backups" />}
        {data?.failedScheduled && (
          <Alert
            color="red"
            styles={{ title: { color: 'var(--mantine-color-text)' } }}
            title="The last scheduled backup failed"
            data-testid="backup-failed"
          >
            {when(data.failedScheduled.at)}: {data.failedScheduled.message ?? 'no reason was given'}
          </Alert>
        )}
        {data?.last && (
          <Text size="sm" data-testid="backup-last">
            Last backup: {when(data.last.at)}
            {data.last.ok
              ? ` — ${formatBytes(data.last.size ?? 0)}, succeeded${data.last.scheduled ? ' (scheduled)' : ''}.`
              : ` — failed: ${data.last.message ?? 'no reason was given'}`}
          </Text>
        )}

        {data && data.backups.length === 0 && (
          <Text size="sm" c="dimmed">
            No backups yet.
          </Text>
        )}
        {data && data.backups.length > 0 && (
          <DataTable
            columns={[
              'Made',
              'Kind',
              { label: 'Size', numeric: true },
              { label: 'Records', numeric: true },
              { label: 'Files', numeric: true },
            ]}
            actions
            minWidth={560}
            verticalSpacing="xs"
            data-testid="backup-list"
          >
            {data.backups.map((b) => (
              <Table.Tr key={b.name} data-backup={b.name}>
                <Table.Td>
                  <Text size="sm">{when(b.createdAt)}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {b.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="dot" radius="sm" color={b.scheduled ? 'blue' : 'gray'}>
                    {b.scheduled ? 'Scheduled' : b.name.startsWith('uploaded') ? 'Brought in' : 'Manual'}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{formatBytes(b.size)}</Table.Td>
                <Table.Td ta="right">{b.documents?.toLocaleString() ?? '—'}</Table.Td>
                <Table.Td ta="right">{b.files?.toLocaleString() ?? '—'}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    {data.canSaveCopy ? (
                      <Button size="xs" variant="default" onClick={() => void save.mutate({ name: b.name })}>
                        Save a copy…
                      </Button>
                    ) : (
                      <Button size="xs" variant="default" onClick={() => void download(b.name)}>
                        Download
                      </Button>
                    )}
                    <Button size="xs" variant="default" onClick={() => setRestoring(b)}>
                      Restore…
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}

        {data && <ScheduleForm schedule={data.schedule} />}
      </Stack>
      <RestoreModal backup={restoring} institutionName={institutionName} onClose={() => setRestoring(null)} />
    </Card>
  );
}

function ScheduleForm({ schedule }: { schedule: BackupSchedule }) {
  const form = useForm<BackupSchedule>({
    mode: 'controlled',
    initialValues: schedule,
    validate: {
      time: (v) => (BACKUP_TIME_PATTERN.test(v) ? null : 'Use a time such as 02:30.'),
      keep: (v) =>
        Number.isInteger(v) && v >= 1 && v <= BACKUP_KEEP_MAX ? null : `Keep 1–${BACKUP_KEEP_MAX}.`,
    },
  });
  const { setValues, resetDirty } = form;
  useEffect(() => {
    setValues(schedule);
    resetDirty(schedule);
    // Only when the server's schedule changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [schedule.enabled, schedule.time, schedule.keep]);
  const saveSchedule = useMutation('system.backupSchedule', {
    form,
    success: (s) => (s.enabled ? `Backups will be made daily at ${s.time}.` : 'Daily backups are off.'),
    invalidates: ['system.backups'],
  });
  return (
    <form
      aria-label="Daily backup"
      onSubmit={form.onSubmit((values) => void saveSchedule.mutate(values))}
      noValidate
    >
      <Stack gap="xs">
        <Title order={3} size="h5">
          Daily backup
        </Title>
        <Group align="flex-end" gap="md">
          <Switch label="Back up every day" {...form.getInputProps('enabled', { type: 'checkbox' })} />
          <TextInput label="At (HH:MM)" w={120} {...form.getInputProps('time')} />
          <NumberInput
            label="Keep the last"
            w={140}
            min={1}
            max={BACKUP_KEEP_MAX}
            {...form.getInputProps('keep')}
          />
          <Button type="submit" variant="default" loading={saveSchedule.loading}>
            Save schedule
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          Scheduled backups go to the institution&apos;s backup folder on this computer; older scheduled ones
          are removed, your own never.
        </Text>
      </Stack>
    </form>
  );
}
