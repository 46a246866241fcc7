import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Modal,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { AllChannelOutput } from '../../../../../shared/contract';
import { ConfirmDeleteModal } from '../../../components/confirm-delete-modal';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useMutation } from '../../../hooks/use-mutation';
import { useQuery } from '../../../hooks/use-query';
import { DataTable } from '../../../components/data-table';

type DeviceRow = AllChannelOutput<'devices.list'>['devices'][number];
type Offer = AllChannelOutput<'devices.add'>;

const when = (d: Date | undefined): string => (d ? d.toLocaleString() : '—');

/**
 * Admin: the computers paired with this station (office PCs, teacher laptops), "Add a device" with its
 * one-time code, revoking a device, and whether browsers on the school's computers may use the station.
 */
export function DevicesPage() {
  const list = useQuery('devices.list', {});
  const [offer, setOffer] = useState<Offer | null>(null);
  const [revoking, setRevoking] = useState<DeviceRow | null>(null);
  const add = useMutation('devices.add', { success: false, onSuccess: (data) => setOffer(data) });
  const revoke = useMutation('devices.revoke', {
    success: 'The device was removed: its calls are refused from now on.',
    invalidates: ['devices.'],
    onSuccess: () => setRevoking(null),
  });
  const browsers = useMutation('devices.setBrowsers', {
    success: (data) =>
      data.browsers ? 'Browsers may now use the station.' : 'Browsers are turned away again.',
    invalidates: ['devices.'],
  });
  // The new device shows in the list once it has paired: read it again when the code is put away.
  const closeOffer = (): void => {
    setOffer(null);
    list.refetch();
  };
  const network = list.data?.network;
  const devices = list.data?.devices ?? [];

  return (
    <Stack gap="lg">
      <PageHeader
        title="Devices"
        description="Computers that may use this station over the school's network. People still sign in as themselves."
        actions={
          network && (
            <Button onClick={() => void add.mutate({})} loading={add.loading}>
              Add a device
            </Button>
          )
        }
      />
      {list.error && <QueryError error={list.error} onRetry={list.refetch} what="the devices" />}
      {list.data && !network && (
        <Alert color="blue" variant="light" title="This station does not serve the school's network">
          Turn it on to pair other computers: sign out, and on the start screen choose How this computer runs
          → Station → Serve the school&apos;s network (a headless station: start it with --lan).
        </Alert>
      )}

      {network && (
        <Card withBorder radius="md" padding="md" component="section" aria-labelledby="devices-network">
          <Stack gap="xs">
            <Title order={2} size="h5" id="devices-network">
              This station on the network
            </Title>
            <Text size="sm">
              Addresses:{' '}
              {network.addresses.map((a) => (
                <Code key={a} mr="xs">
                  {a}
                </Code>
              ))}
            </Text>
            <Text size="sm">
              Certificate fingerprint (SHA-256):{' '}
              <Code style={{ wordBreak: 'break-all' }}>{network.fingerprint}</Code>
            </Text>
            <Switch
              mt="xs"
              checked={network.browsers}
              disabled={browsers.loading}
              onChange={(e) => void browsers.mutate({ allowed: e.currentTarget.checked })}
              label="Browsers on the school's computers may use the station"
              description="Off: only paired computers. On: any browser that trusts the station's certificate (its /trust page explains how)."
            />
          </Stack>
        </Card>
      )}

      {network && (
        <DataTable
          columns={['Name', 'Paired', 'Paired by', 'Last seen', 'State']}
          actions
          striped
          highlightOnHover
          aria-label="Paired devices"
        >
          {devices.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text size="sm" c="dimmed">
                  No device is paired yet. "Add a device" gives the code to type on the other computer.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {devices.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{d.name}</Table.Td>
              <Table.Td>{when(d.pairedAt)}</Table.Td>
              <Table.Td>{d.pairedBy}</Table.Td>
              <Table.Td>{when(d.lastSeenAt)}</Table.Td>
              <Table.Td>
                {d.revokedAt ? (
                  <Badge color="gray" variant="light">
                    Removed {d.revokedAt.toLocaleDateString()}
                  </Badge>
                ) : (
                  <Badge color="teal" variant="light">
                    Paired
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {!d.revokedAt && (
                  <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(d)}>
                    Remove
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}

      <Modal opened={offer !== null} onClose={closeOffer} title="Add a device" centered>
        {offer && (
          <Stack gap="sm">
            <Text size="sm">
              On the other computer choose <strong>Connect to a station</strong> and type the station&apos;s
              address and this code.
            </Text>
            <Text size="sm">
              Address:{' '}
              {offer.addresses.map((a) => (
                <Code key={a} mr="xs">
                  {a}
                </Code>
              ))}
            </Text>
            <Text
              ta="center"
              fz={32}
              fw={700}
              ff="monospace"
              data-testid="pairing-code"
              aria-label="Pairing code"
            >
              {offer.code}
            </Text>
            <Alert color="blue" variant="light">
              Good for one computer until{' '}
              {offer.expiresAt.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}; five wrong
              tries void it. A new code replaces this one.
            </Alert>
            <Group justify="flex-end">
              <Button onClick={closeOffer}>Done</Button>
            </Group>
          </Stack>
        )}
      </Modal>

      <ConfirmDeleteModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Remove ${revoking?.name ?? 'this device'}?`}
        confirmLabel="Remove"
        loading={revoke.loading}
        onConfirm={() => revoking && void revoke.mutate({ id: revoking.id })}
      >
        Its calls are refused from its next one, whoever is signed in on it. Pairing it again needs a new
        code.
      </ConfirmDeleteModal>
    </Stack>
  );
}
