/**
 * The desktop app's link to a station. `ConnectionBadge`: where the station is and how the line is
 * (connected, reconnecting, out of reach since HH:MM, data "as of HH:MM"), with what waits in the outbox.
 * `AppModePanel`: how this computer runs (standalone, station serving the school's network, connected to a
 * station), and "Connect to a station" with the address and the code the station's admin sees.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Popover,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AppMode, ConnectionStateView } from '../../../shared/app-mode';
import { errorMessage } from '../lib/error-message';
import { appCall, useConnectionStore } from '../stores/connection-store';

const hhmm = (d: Date): string => d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

const WHAT: Readonly<Record<string, string>> = {
  'messages.send': 'Message',
  'files.upload': 'Recording or file',
  'assignments.submit': 'Hand-in',
  'attendance.save': 'Register',
};

function lineText(c: ConnectionStateView): { color: string; label: string } {
  switch (c.state) {
    case 'connected':
      return { color: 'teal', label: 'Connected to the station' };
    case 'reconnecting':
      return { color: 'yellow', label: 'Reconnecting to the station…' };
    case 'unreachable':
      return {
        color: 'red',
        label: `Station out of reach${c.since ? ` since ${hhmm(c.since)}` : ''}${c.asOf ? ` · showing data as of ${hhmm(c.asOf)}` : ''}`,
      };
    case 'refused':
      return { color: 'red', label: 'The station refuses this computer' };
  }
}

export function ConnectionBadge() {
  const connection = useConnectionStore((s) => s.connection);
  const watch = useConnectionStore((s) => s.watch);
  useEffect(() => watch(), [watch]);
  if (!connection) return null;
  const { color, label } = lineText(connection);
  const waiting = connection.outbox.length;
  return (
    <Popover width={360} position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <Button
          variant="subtle"
          size="compact-sm"
          color={color}
          aria-label={`${label}. ${waiting} waiting to send.`}
        >
          <Group gap={6} wrap="nowrap">
            <Badge color={color} variant="dot" data-testid="connection-state" data-state={connection.state}>
              {connection.state === 'connected'
                ? 'Station'
                : connection.state === 'reconnecting'
                  ? 'Reconnecting'
                  : 'Offline'}
            </Badge>
            {waiting > 0 && <Text size="xs">{waiting} waiting to send</Text>}
          </Group>
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            {label}
          </Text>
          <Text size="xs" c="dimmed">
            {connection.station}
          </Text>
          {connection.problem && (
            <Alert color="red" variant="light">
              {connection.problem}
            </Alert>
          )}
          {connection.outbox.map((e) => (
            <Text key={e.id} size="sm">
              {WHAT[e.channel] ?? e.channel} · waiting to send since {hhmm(e.queuedAt)}
            </Text>
          ))}
          {connection.failed.map((e) => (
            <Text key={e.id} size="sm" c="red">
              {WHAT[e.channel] ?? e.channel} from {hhmm(e.queuedAt)} was not accepted: {e.message}
            </Text>
          ))}
          {connection.state !== 'connected' && connection.state !== 'refused' && (
            <Text size="xs" c="dimmed">
              Messages, voice notes, hand-ins and registers wait here and are sent by themselves when the
              station is back.
            </Text>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

const MODE_LABELS: { value: AppMode; label: string }[] = [
  { value: 'standalone', label: 'This PC only' },
  { value: 'station', label: 'Station' },
  { value: 'connected', label: 'Connected' },
];

export function AppModePanel() {
  const mode = useConnectionStore((s) => s.mode);
  const watch = useConnectionStore((s) => s.watch);
  useEffect(() => watch(), [watch]);
  const [choice, setChoice] = useState<AppMode | null>(null);
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [network, setNetwork] = useState<{ on: boolean; port: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bridge = globalThis.window?.crm;
  if (!bridge || !mode) return null;
  const selected = choice ?? mode.mode;
  const net = network ?? { on: mode.network?.on ?? false, port: mode.network?.port ?? 4780 };

  const run = async (call: string, input: unknown): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await appCall(bridge, call, input); // the app restarts into the new mode
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="app-mode-title">
      <Stack gap="sm">
        <Title order={2} size="h5" id="app-mode-title">
          How this computer runs
        </Title>
        <SegmentedControl value={selected} onChange={setChoice} data={MODE_LABELS} fullWidth />
        {selected === 'standalone' && (
          <Text size="sm" c="dimmed">
            The school&apos;s data lives on this computer only.
          </Text>
        )}
        {selected === 'station' && (
          <>
            <Text size="sm" c="dimmed">
              This computer holds the school&apos;s data and can serve the other computers of the school.
            </Text>
            <Switch
              checked={net.on}
              onChange={(e) => setNetwork({ ...net, on: e.currentTarget.checked })}
              label="Serve the school's network (HTTPS)"
            />
            {net.on && (
              <NumberInput
                label="Port"
                min={1024}
                max={65535}
                value={net.port}
                onChange={(v) => setNetwork({ ...net, port: typeof v === 'number' ? v : 4780 })}
              />
            )}
            {mode.network?.url && (
              <Text size="sm">
                Serving on <strong>{mode.network.url}</strong>; pair computers in Devices.
              </Text>
            )}
          </>
        )}
        {selected === 'connected' && (
          <>
            {mode.station && (
              <Text size="sm">
                Paired with <strong>{mode.station.url}</strong>.
              </Text>
            )}
            <Text size="sm" c="dimmed">
              Connect to a station: on the station, the office opens Devices → Add a device and reads you its
              address and code.
            </Text>
            <TextInput
              label="Station address"
              placeholder="https://10.0.0.5:4780"
              value={address}
              onChange={(e) => setAddress(e.currentTarget.value)}
            />
            <TextInput
              label="Code"
              placeholder="XXXXX-XXXXX"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
            />
          </>
        )}
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          {selected === 'connected' ? (
            <>
              {mode.station && mode.mode !== 'connected' && (
                <Button
                  variant="default"
                  loading={busy}
                  onClick={() => void run('app.setMode', { mode: 'connected' })}
                >
                  Use the paired station
                </Button>
              )}
              <Button loading={busy} onClick={() => void run('app.connect', { address, code })}>
                Connect
              </Button>
            </>
          ) : (
            <Button
              loading={busy}
              disabled={
                selected === mode.mode &&
                (selected !== 'station' ||
                  (net.on === (mode.network?.on ?? false) && net.port === (mode.network?.port ?? 4780)))
              }
              onClick={() =>
                void run(
                  'app.setMode',
                  selected === 'station' ? { mode: selected, network: net } : { mode: selected },
                )
              }
            >
              Restart in this mode
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
