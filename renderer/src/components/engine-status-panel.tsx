import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Code,
  Group,
  List,
  Loader,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEngineStore } from '../stores/engine-store';

/** What the panel shows: the engine's state, or 'connecting' / 'unavailable' about the app's own server. */
export type EngineView =
  'connecting' | 'unavailable' | 'stopped' | 'starting' | 'restarting' | 'ready' | 'failed';

const MODE_LABEL = {
  embedded: 'Embedded engine (PostgreSQL + FerretDB) on this computer',
  external: 'External MongoDB (MONGODB_URI)',
} as const;

function useSecondsSince(isoOrMs: string | number | null, active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  if (isoOrMs === null) return 0;
  const start = typeof isoOrMs === 'number' ? isoOrMs : Date.parse(isoOrMs);
  return Number.isFinite(start) ? Math.max(0, Math.floor((now - start) / 1000)) : 0;
}

export interface EngineStatusPanelProps {
  /** Once the engine is ready, one quiet line instead of the card (the start screen under its forms). */
  compact?: boolean;
}

export function EngineStatusPanel({ compact = false }: EngineStatusPanelProps) {
  const { status, version, error, refresh } = useEngineStore(
    useShallow((s) => ({ status: s.status, version: s.version, error: s.error, refresh: s.refresh })),
  );
  const [mountedAt] = useState(() => Date.now());
  const view: EngineView = error ? 'unavailable' : status ? status.state : 'connecting';
  const waiting = view === 'starting' || view === 'restarting' || view === 'connecting';
  const elapsed = useSecondsSince(status && view !== 'connecting' ? status.since : mountedAt, waiting);

  const waitingTitle =
    view === 'restarting'
      ? 'The database engine stopped unexpectedly; restarting…'
      : view === 'connecting'
        ? 'Connecting to the app…'
        : 'Starting the database engine…';

  if (compact && view === 'ready' && status) {
    return (
      <Group
        gap={8}
        justify="center"
        wrap="nowrap"
        data-testid="engine-state"
        data-state={view}
        role="status"
        aria-label="Database engine status"
      >
        <Box aria-hidden w={8} h={8} bg="teal.6" style={{ borderRadius: '50%', flex: 'none' }} />
        <Text size="xs" c="dimmed">
          Engine ready ·{' '}
          <span data-testid="engine-mode" data-mode={status.mode}>
            {MODE_LABEL[status.mode]}
          </span>
          {version ? ` · version ${version}` : ''}
        </Text>
      </Group>
    );
  }

  return (
    <Card
      withBorder
      radius="md"
      padding="xl"
      shadow="sm"
      maw={640}
      w="100%"
      data-testid="engine-state"
      data-state={view}
      role="status"
      aria-live="polite"
      aria-label="Database engine status"
    >
      {waiting && (
        <Stack align="center" gap="sm" py="md">
          <Loader size="lg" role="status" aria-label="Waiting for the database engine" />
          <Title order={2} size="h3">
            {waitingTitle}
          </Title>
          <Text c="dimmed">
            {elapsed} s elapsed
            {status && status.restarts > 0 ? ` · restart ${status.restarts}` : ''}
          </Text>
          {status?.detail && status.detail !== waitingTitle && (
            <Text size="sm" c="dimmed" ta="center">
              {status.detail}
            </Text>
          )}
        </Stack>
      )}

      {view === 'ready' && status && (
        <Stack gap="md">
          <Group justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <ThemeIcon color="teal" radius="xl" size="lg" aria-hidden>
                <span style={{ fontWeight: 700 }}>✓</span>
              </ThemeIcon>
              <Title order={2} size="h3">
                Engine ready
              </Title>
            </Group>
            <Badge color="teal" variant="filled" size="lg">
              Ready
            </Badge>
          </Group>
          <List spacing={4} size="sm" c="dimmed">
            <List.Item>
              <Text span fw={500} c="var(--mantine-color-text)">
                Mode:
              </Text>{' '}
              <span data-testid="engine-mode" data-mode={status.mode}>
                {MODE_LABEL[status.mode]}
              </span>
            </List.Item>
            <List.Item>Ready since {new Date(status.since).toLocaleTimeString()}</List.Item>
            {status.restarts > 0 && (
              <List.Item>Restarted {status.restarts} time(s) since the app started</List.Item>
            )}
            {version && <List.Item>App version {version}</List.Item>}
          </List>
        </Stack>
      )}

      {view === 'stopped' && (
        <Alert color="gray" title="The database engine is stopped" variant="light">
          {status?.detail ?? 'It starts with the app. Restart the app to start it again.'}
        </Alert>
      )}

      {view === 'failed' && (
        <Alert color="red" title="The database engine could not start" variant="light">
          <Stack gap="xs">
            {status?.detail && <Text size="sm">{status.detail}</Text>}
            <Text size="sm" fw={500}>
              What to do:
            </Text>
            {status?.mode === 'external' ? (
              <List size="sm" spacing={2}>
                <List.Item>
                  Check <Code>MONGODB_URI</Code>: the address, the user name and password, and that this
                  computer may connect (for Atlas, its IP access list);
                </List.Item>
                <List.Item>
                  or unset <Code>MONGODB_URI</Code> to use the embedded engine on this computer. Then restart
                  the app.
                </List.Item>
              </List>
            ) : (
              <List size="sm" spacing={2}>
                <List.Item>
                  Install Go (1.24 or newer) and run <Code>npm run build:engine</Code>, then restart the app;
                </List.Item>
                <List.Item>
                  or set <Code>MONGODB_URI</Code> to use an existing MongoDB (Atlas or your own server).
                </List.Item>
              </List>
            )}
          </Stack>
        </Alert>
      )}

      {view === 'unavailable' && (
        <Alert color="red" title="The app's server is not answering" variant="light">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{error?.message}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void refresh()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      )}
    </Card>
  );
}
