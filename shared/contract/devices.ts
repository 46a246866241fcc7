/**
 * The station's network service as the admin sees it: the paired devices (office PCs, teacher laptops), a
 * one-time pairing code for a new one, and whether browsers on the school's computers may use the station.
 * Station-wide: devices belong to the station, not to an institution. While the network service is off,
 * devices.list says so (network: null) and the others answer CONFLICT.
 */
import { z } from 'zod';
import { defineChannel } from './channel';
import { objectId, strictObject, text } from './common';

/** A device id has the form of the data's ids (24 hex characters). */
const deviceId = objectId;

export const deviceRow = strictObject({
  id: deviceId,
  name: z.string(),
  pairedAt: z.date(),
  /** The admin who paired it, with the institution's name. */
  pairedBy: z.string(),
  lastSeenAt: z.date().optional(),
  revokedAt: z.date().optional(),
});

const networkState = strictObject({
  /** `https://host:port` for each name and address in the certificate, the ones to type first. */
  addresses: z.array(z.string()),
  /** SHA-256 of the station's CA certificate, for comparing by eye. */
  fingerprint: z.string(),
  browsers: z.boolean(),
});

export const devicesList = defineChannel({
  name: 'devices.list',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({}),
  // network: null when this station does not serve the network (the desktop app, a station without --lan).
  output: strictObject({ network: networkState.nullable(), devices: z.array(deviceRow) }),
  summary: "Admin: the station's addresses and certificate fingerprint, and its paired devices.",
});

export const devicesAdd = defineChannel({
  name: 'devices.add',
  roles: ['admin'],
  input: strictObject({}),
  output: strictObject({
    /** `XXXXX-XXXXX`: one use, 10 minutes, void after 5 wrong tries; a new one replaces it. */
    code: z.string(),
    expiresAt: z.date(),
    addresses: z.array(z.string()),
  }),
  summary: 'Admin: a one-time pairing code for "Connect to a station" on another PC.',
});

export const devicesRevoke = defineChannel({
  name: 'devices.revoke',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({ id: deviceId }),
  output: strictObject({ revoked: z.literal(true) }),
  summary: "Admin: the device's calls are refused from now on; pairing it again needs a new code.",
});

export const devicesSetBrowsers = defineChannel({
  name: 'devices.setBrowsers',
  idempotent: true,
  roles: ['admin'],
  input: strictObject({ allowed: z.boolean() }),
  output: strictObject({ browsers: z.boolean() }),
  summary:
    "Admin: browsers on the school's computers may use the station without pairing (people still sign in).",
});

/** A device name as the connecting app sends it (the PC's name by default). */
export const deviceName = text(60);
