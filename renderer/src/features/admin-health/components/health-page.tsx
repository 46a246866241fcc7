import { Badge, Button, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useState, type ReactNode } from 'react';
import type { SystemHealth } from '../../../../../shared/contract';
import { ERROR_CODES } from '../../../../../shared/contract/errors';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { usePolling } from '../../../hooks/use-polling';
import { api, type ApiClientError } from '../../../lib/api-client';
import { toApiClientError } from '../../../lib/api-reply';
import { ERROR_TITLES } from '../../../lib/notify';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { HealthCard } from './health-card';
import { HealthSummaryPanel } from './health-summary';
import {
  diagnosticsText,
  ENGINE_STATE_COLORS,
  ENGINE_STATE_LABELS,
  formatBytes,
  formatCount,
  formatMs,
  formatTime,
  formatUptime,
  hitRate,
} from '../utils/health-format';
import { TableHead } from '../../../components/table-head';
import { DataTable } from '../../../components/data-table';

const REFRESH_MS = 10_000;

interface HealthState {
  data: SystemHealth | null;
  checkedAt: Date | null;
  error: ApiClientError | null;
  checking: boolean;
}

/**
 * Admin: first what an office needs (is everything working, the last backup, disk space, problems today), then
 * under "Details" the engine, connections, tenant handles, slow operations, storage and errors. Checked every
 * 10 s; "Copy diagnostics" puts what support needs on the clipboard.
 */
export function HealthPage() {
  const [state, setState] = useState<HealthState>({
    data: null,
    checkedAt: null,
    error: null,
    checking: true,
  });

  // The polls show the storage figures of the last minutes; "Check now" measures them again.
  const check = useCallback(async (refreshStorage = false) => {
    setState((s) => ({ ...s, checking: true }));
    try {
      const data = await api.invoke('system.health', refreshStorage ? { refreshStorage } : {});
      setState({ data, checkedAt: new Date(), error: null, checking: false });
    } catch (err) {
      // The last figures stay on screen beside the error.
      setState((s) => ({ ...s, error: toApiClientError(err), checking: false }));
    }
  }, []);

  usePolling(check, REFRESH_MS);
  const { data, checkedAt, error, checking } = state;

  return (
    <Stack gap="lg">
      <PageHeader
        title="System health"
        description={
          checkedAt
            ? `Checked every 10 seconds; last checked ${checkedAt.toLocaleTimeString()}.`
            : 'Checked every 10 seconds.'
        }
        actions={
          <Group gap="xs">
            <Button variant="default" disabled={!data} onClick={() => data && void copyDiagnostics(data)}>
              Copy diagnostics
            </Button>
            <Button variant="default" onClick={() => void check(true)} loading={checking && data !== null}>
              Check now
            </Button>
          </Group>
        }
      />

      {error && <QueryError error={error} onRetry={() => void check()} what="the system's health" />}

      {!data ? (
        !error && (
          <SimpleGrid
            cols={{ base: 1, sm: 2, lg: 4 }}
            spacing="md"
            role="status"
            aria-busy="true"
            aria-label="Checking the system's health"
          >
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} height={150} radius="md" />
            ))}
          </SimpleGrid>
        )
      ) : (
        <HealthFigures health={data} />
      )}
    </Stack>
  );
}

async function copyDiagnostics(health: SystemHealth): Promise<void> {
  try {
    await navigator.clipboard.writeText(diagnosticsText(health));
    notifySuccess('The diagnostics are on the clipboard: paste them into your message to support.');
  } catch (err) {
    notifyError(err, 'The diagnostics could not be copied');
  }
}

const SECRET_STORES = { keychain: 'Keychain', file: 'Protected file', unknown: 'Not reported' } as const;

function Figure({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} ta="right">
        {value}
      </Text>
    </Group>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  const id = `health-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <HealthCard title={title} id={id} testId={testId} gap="xs">
      {children}
    </HealthCard>
  );
}

function HealthFigures({ health }: { health: SystemHealth }) {
  const { engine, connections, tenantHandles, storage, errors } = health;
  const rate = hitRate(tenantHandles.hits, tenantHandles.misses);
  const totalStorage =
    storage.databases.reduce((sum, d) => sum + d.storageSize + d.indexSize, 0) +
    storage.otherTenants.storageSize;
  const errorTotal = ERROR_CODES.reduce((sum, code) => sum + (errors.byCode[code] ?? 0), 0);

  return (
    <Stack gap="md">
      <HealthSummaryPanel health={health} />
      <Title order={2} size="h4" mt="md">
        Details
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
        <Section title="Database engine" testId="health-engine">
          <Group gap="xs">
            <Badge
              color={ENGINE_STATE_COLORS[engine.state]}
              variant="dot"
              size="lg"
              radius="sm"
              data-testid="health-engine-state"
              data-state={engine.state}
            >
              {ENGINE_STATE_LABELS[engine.state]}
            </Badge>
            <Text size="sm">{engine.mode === 'embedded' ? 'Embedded engine' : 'External MongoDB'}</Text>
          </Group>
          <Figure label="Since" value={formatTime(new Date(engine.since))} />
          <Figure label="Restarts" value={formatCount(engine.restarts)} />
          {engine.detail && (
            <Text size="xs" c="dimmed">
              {engine.detail}
            </Text>
          )}
        </Section>

        <Section title="Connections">
          <Figure
            label="Open"
            value={connections.current === undefined ? 'Not reported' : formatCount(connections.current)}
          />
          <Figure
            label="Available"
            value={connections.available === undefined ? 'Not reported' : formatCount(connections.available)}
          />
          <Figure label="Pool limit (shared)" value={formatCount(connections.maxPoolSize)} />
        </Section>

        <Section title="Tenant handles">
          <Figure
            label="Open"
            value={`${formatCount(tenantHandles.open)} of ${formatCount(tenantHandles.max)}`}
          />
          <Figure label="Hit rate" value={rate ?? 'No lookups yet'} />
          <Figure
            label="Hits / misses"
            value={`${formatCount(tenantHandles.hits)} / ${formatCount(tenantHandles.misses)}`}
          />
          <Figure label="Evictions" value={formatCount(tenantHandles.evictions)} />
        </Section>

        <Section title="App">
          <Figure label="Version" value={health.version} />
          <Figure label="Running for" value={formatUptime(health.uptimeSeconds)} />
          <Figure label="Slow above" value={formatMs(health.slowThresholdMs)} />
          <Figure label="Secrets" value={SECRET_STORES[health.secrets.store]} />
          <Text size="xs" c="dimmed" ta="right">
            Kept in {health.secrets.protection}.
          </Text>
        </Section>
      </SimpleGrid>

      <Section title="Storage" testId="health-storage">
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs">
            <TableHead
              columns={[
                'Database',
                { label: 'Data', numeric: true },
                { label: 'On disk', numeric: true },
                { label: 'Indexes', numeric: true },
                { label: 'Collections', numeric: true },
                { label: 'Documents', numeric: true },
              ]}
            />
            <Table.Tbody>
              {storage.databases.map((db, i) => (
                <Table.Tr key={db.name}>
                  <Table.Th scope="row" fw={400}>
                    <Text size="sm" fw={500}>
                      {i === 0 ? 'Your institution' : i === 1 ? 'Master registry' : db.name}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {db.name}
                    </Text>
                  </Table.Th>
                  <Table.Td ta="right">{formatBytes(db.dataSize)}</Table.Td>
                  <Table.Td ta="right">{formatBytes(db.storageSize)}</Table.Td>
                  <Table.Td ta="right">{formatBytes(db.indexSize)}</Table.Td>
                  <Table.Td ta="right">{formatCount(db.collections)}</Table.Td>
                  <Table.Td ta="right">{formatCount(db.objects)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row" fw={400}>
                  <Text size="sm" fw={500}>
                    Other institutions
                  </Text>
                  <Text size="xs" c="dimmed">
                    {storage.otherTenants.databases === 1
                      ? '1 database, shown as a sum'
                      : `${formatCount(storage.otherTenants.databases)} databases, shown as a sum`}
                  </Text>
                </Table.Th>
                <Table.Td ta="right">—</Table.Td>
                <Table.Td ta="right">{formatBytes(storage.otherTenants.storageSize)}</Table.Td>
                <Table.Td ta="right">—</Table.Td>
                <Table.Td ta="right">—</Table.Td>
                <Table.Td ta="right">—</Table.Td>
              </Table.Tr>
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">Total on disk, with indexes</Table.Th>
                <Table.Td />
                <Table.Td ta="right" fw={600} data-testid="health-storage-total">
                  {formatBytes(totalStorage)}
                </Table.Td>
                <Table.Td colSpan={3} />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed" mt="xs" data-testid="health-storage-measured">
          Measured at {storage.measuredAt.toLocaleTimeString()}; remeasured every few minutes, or now with
          “Check now”.
        </Text>
      </Section>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md" style={{ alignItems: 'start' }}>
        <Section title="Slow operations" testId="health-slow">
          {health.slowOperations.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="health-slow-empty">
              No operation on your database took longer than {formatMs(health.slowThresholdMs)} recently.
            </Text>
          ) : (
            <DataTable
              columns={['When', 'Command', 'Collection', { label: 'Took', numeric: true }]}
              minWidth={420}
              scrollLabel="Slow operations"
              verticalSpacing="xs"
              striped
            >
              {health.slowOperations.map((op, i) => (
                <Table.Tr key={`${op.at.getTime()}-${i}`}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatTime(op.at)}</Table.Td>
                  <Table.Td ff="monospace">{op.command}</Table.Td>
                  <Table.Td ff="monospace">{op.collection ?? '—'}</Table.Td>
                  <Table.Td ta="right">{formatMs(op.durationMs)}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
        </Section>

        <Section title="Errors" testId="health-errors">
          <Text size="sm" c="dimmed">
            Answered by the API since {formatTime(errors.since)}:{' '}
            {errorTotal === 1 ? '1 error' : `${formatCount(errorTotal)} errors`}.
          </Text>
          <DataTable columns={['Code', 'Meaning', { label: 'Count', numeric: true }]} verticalSpacing={4}>
            {ERROR_CODES.map((code) => {
              const n = errors.byCode[code] ?? 0;
              return (
                <Table.Tr key={code}>
                  <Table.Td ff="monospace" fz="sm">
                    {code}
                  </Table.Td>
                  <Table.Td fz="sm">{ERROR_TITLES[code]}</Table.Td>
                  <Table.Td ta="right" fw={n > 0 ? 600 : 400}>
                    {formatCount(n)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </DataTable>
          <Group justify="space-between" mt="xs">
            <Text size="sm">Activity-log writes that failed</Text>
            <Badge
              color={errors.loggingFailures > 0 ? 'red' : 'teal'}
              variant="dot"
              size="lg"
              radius="sm"
              data-testid="health-logging-failures"
            >
              {formatCount(errors.loggingFailures)}
            </Badge>
          </Group>
        </Section>
      </SimpleGrid>
    </Stack>
  );
}
