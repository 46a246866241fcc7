import { addDevice, listDevices, revokeDevice, setBrowsers } from '../../services/devices';
import { serve } from '../serve';
import type { HandlersOf } from '../handler-types';

type DeviceChannels = 'devices.list' | 'devices.add' | 'devices.revoke' | 'devices.setBrowsers';

export const devicesHandlers = {
  'devices.list': (_input, ctx) => Promise.resolve(listDevices(ctx.deps)),
  'devices.add': (_input, ctx) => addDevice(ctx.deps, ctx.actor),
  'devices.revoke': serve(revokeDevice),
  'devices.setBrowsers': serve(setBrowsers),
} satisfies HandlersOf<DeviceChannels>;
