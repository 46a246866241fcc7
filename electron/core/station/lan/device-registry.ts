/**
 * The devices paired with this station and the browser setting, kept in `devices.json` in the network
 * directory (owner-only). A device's token is stored only as its SHA-256; a revoked device is refused from the
 * moment the call returns, because every network call is checked against the in-memory table.
 */
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { DeviceRecord } from '../../services/network-office';
import { jsonFileWriter, readJsonFile } from './json-file';

interface StoredDevice {
  id: string;
  name: string;
  tokenHash: string;
  pairedAt: string;
  pairedBy: string;
  lastSeenAt?: string;
  revokedAt?: string;
}

interface StoredState {
  browsers: boolean;
  devices: StoredDevice[];
}

/** lastSeen is written at most once a minute per device: a busy laptop must not rewrite the file per call. */
const LAST_SEEN_EVERY_MS = 60_000;
/** Revoked devices stay listed (who, when) up to this many; the oldest go first. */
const MAX_DEVICES = 1000;

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface DeviceRegistry {
  browsers(): boolean;
  setBrowsers(allowed: boolean): Promise<void>;
  list(): DeviceRecord[];
  /** Pairs a new device; its token is answered once and never stored. */
  add(name: string, pairedBy: string): Promise<{ id: string; token: string }>;
  revoke(id: string): Promise<boolean>;
  /** The device a token belongs to, unless unknown or revoked; notes it was seen. */
  verify(token: string): DeviceRecord | undefined;
}

export async function openDeviceRegistry(dir: string): Promise<DeviceRegistry> {
  const file = path.join(dir, 'devices.json');
  const write = jsonFileWriter(file);
  const state = await readJsonFile<StoredState>(file, { browsers: false, devices: [] });
  const byHash = new Map<string, StoredDevice>();
  for (const d of state.devices) if (!d.revokedAt) byHash.set(d.tokenHash, d);
  const save = (): Promise<void> => write(state);

  const record = (d: StoredDevice): DeviceRecord => ({
    id: d.id,
    name: d.name,
    pairedAt: new Date(d.pairedAt),
    pairedBy: d.pairedBy,
    ...(d.lastSeenAt ? { lastSeenAt: new Date(d.lastSeenAt) } : {}),
    ...(d.revokedAt ? { revokedAt: new Date(d.revokedAt) } : {}),
  });

  return {
    browsers: () => state.browsers,
    async setBrowsers(allowed) {
      state.browsers = allowed;
      await save();
    },
    list: () => state.devices.map(record).reverse(),
    async add(name, pairedBy) {
      const token = `dev_${randomBytes(32).toString('base64url')}`;
      const device: StoredDevice = {
        id: randomBytes(12).toString('hex'),
        name,
        tokenHash: hashOf(token),
        pairedAt: new Date().toISOString(),
        pairedBy,
      };
      state.devices.push(device);
      while (state.devices.length > MAX_DEVICES) {
        const oldest = state.devices.findIndex((d) => d.revokedAt);
        state.devices.splice(oldest === -1 ? 0 : oldest, 1);
      }
      byHash.set(device.tokenHash, device);
      await save();
      return { id: device.id, token };
    },
    async revoke(id) {
      const device = state.devices.find((d) => d.id === id);
      if (!device) return false;
      byHash.delete(device.tokenHash);
      device.revokedAt ??= new Date().toISOString();
      await save();
      return true;
    },
    verify(token) {
      const device = byHash.get(hashOf(token));
      if (!device) return undefined;
      const now = Date.now();
      if (!device.lastSeenAt || now - Date.parse(device.lastSeenAt) > LAST_SEEN_EVERY_MS) {
        device.lastSeenAt = new Date(now).toISOString();
        void save().catch(() => undefined);
      }
      return record(device);
    },
  };
}
