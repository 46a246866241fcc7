import { addDevice, listDevices, revokeDevice, setBrowsers } from '../../services/devices';
import type { HandlersOf } from '../handler-types';

type DeviceChannels = 'devices.list' | 'devices.add' | 'devices.revoke' | 'devices.setBrowsers';

export const devicesHandlers = {
  'devices.list': (_input, ctx) => Promise.resolve(listDevices(ctx.deps)),
  'devices.add': (_input, ctx) => addDevice(ctx.deps, ctx.actor),
  'devices.revoke': (input, ctx) => revokeDevice(ctx.deps, ctx.actor, input),
  'devices.setBrowsers': (input, ctx) => setBrowsers(ctx.deps, ctx.actor, input),
} satisfies HandlersOf<DeviceChannels>;
