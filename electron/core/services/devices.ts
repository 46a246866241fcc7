/**
 * The admin's side of the station's network service: paired devices, pairing codes, browser access. The
 * service holds none of it: the station's network module does (it owns the certificates and the HTTPS
 * listener) and hands the runtime this port; without it (the desktop app in standalone mode, a station
 * without --lan) devices.list answers `network: null` and the others CONFLICT.
 */
import type { ServiceInput } from '../../../shared/contract';
import { AppError } from '../errors/app-error';
import type { Actor, ServiceDeps } from './context';
import type { DeviceRecord, NetworkOffice } from './network-office';
import { getInstitution } from './institution-settings';

const TARGET = 'Device';

function officeOf(deps: ServiceDeps): NetworkOffice {
  if (!deps.network) {
    // CONFLICT, not UNAVAILABLE: trying again changes nothing until someone turns the service on.
    throw new AppError(
      'CONFLICT',
      "The station's network service is off. Turn it on in Settings → Station (or start the station with --lan).",
    );
  }
  return deps.network;
}

const row = (d: DeviceRecord): DeviceRecord => ({
  id: d.id,
  name: d.name,
  pairedAt: d.pairedAt,
  pairedBy: d.pairedBy,
  ...(d.lastSeenAt ? { lastSeenAt: d.lastSeenAt } : {}),
  ...(d.revokedAt ? { revokedAt: d.revokedAt } : {}),
});

export function listDevices(deps: ServiceDeps): {
  network: ReturnType<NetworkOffice['state']> | null;
  devices: DeviceRecord[];
} {
  const office = deps.network;
  return office
    ? { network: office.state(), devices: office.devices().map(row) }
    : { network: null, devices: [] };
}

export async function addDevice(
  deps: ServiceDeps,
  actor: Actor,
): Promise<{ code: string; expiresAt: Date; addresses: string[] }> {
  const office = officeOf(deps);
  const admin = await getInstitution(deps, actor);
  const offer = office.offerPairing(`${admin.name} (${admin.institutionName})`);
  await deps.activity.record(actor, {
    action: 'CREATE',
    targetType: TARGET,
    targetName: 'pairing code',
    details: { expiresAt: offer.expiresAt.toISOString() },
  });
  return { ...offer, addresses: office.state().addresses };
}

export async function revokeDevice(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'devices.revoke'>,
): Promise<{ revoked: true }> {
  const office = officeOf(deps);
  const device = office.devices().find((d) => d.id === input.id);
  if (!device || !(await office.revoke(input.id)))
    throw new AppError('NOT_FOUND', 'There is no such device.');
  await deps.activity.record(actor, {
    action: 'DELETE',
    targetType: TARGET,
    targetName: device.name,
    details: { revoked: true },
  });
  return { revoked: true };
}

export async function setBrowsers(
  deps: ServiceDeps,
  actor: Actor,
  input: ServiceInput<'devices.setBrowsers'>,
): Promise<{ browsers: boolean }> {
  const office = officeOf(deps);
  await office.setBrowsers(input.allowed);
  await deps.activity.record(actor, {
    action: 'UPDATE',
    targetType: TARGET,
    targetName: 'browser access',
    details: { allowed: input.allowed },
  });
  return { browsers: input.allowed };
}
