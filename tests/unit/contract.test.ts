import { describe, expect, it } from 'vitest';
import {
  channels,
  defineChannel,
  ERROR_CODES,
  HTTP_STATUS,
  isChannelName,
  type ChannelInput,
  type ChannelOutput,
} from '../../shared/contract';
import { engineStatusSchema } from '../../shared/engine-status';
import { ROLES } from '../../shared/roles';
import { z } from 'zod';

const readyStatus = {
  state: 'ready',
  mode: 'embedded',
  since: '2025-01-02T03:04:05.000Z',
  restarts: 0,
} as const;

describe('contract table', () => {
  it('keys every channel by its own name', () => {
    for (const [name, def] of Object.entries(channels)) expect(def.name).toBe(name);
    expect(isChannelName('system.ping')).toBe(true);
    expect(isChannelName('system.nope')).toBe(false);
    expect(isChannelName('toString')).toBe(false);
  });

  it('maps every error code to its HTTP status', () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...ERROR_CODES].sort());
    expect(HTTP_STATUS).toMatchObject({
      VALIDATION: 400,
      UNAUTHENTICATED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      CONFLICT: 409,
      RATE_LIMITED: 429,
      UNAVAILABLE: 503,
      INTERNAL: 500,
    });
  });

  it('refuses badly named or role-less channels', () => {
    const io = { input: z.object({}), output: z.object({}), summary: 'x' };
    expect(() => defineChannel({ name: 'ping', roles: 'public', ...io })).toThrow(/domain\.action/);
    expect(() => defineChannel({ name: 'users.create', roles: [], ...io })).toThrow(/no role/);
    expect(defineChannel({ name: 'users.create', roles: ROLES, ...io }).roles).toEqual(ROLES);
  });
});

describe('system.ping', () => {
  const { input, output, roles } = channels['system.ping'];

  it('is public and takes an empty object only', () => {
    expect(roles).toBe('public');
    expect(input.safeParse({}).success).toBe(true);
    expect(input.safeParse({ extra: 1 }).success).toBe(false);
    expect(input.safeParse(null).success).toBe(false);
    expect(input.safeParse('hello').success).toBe(false);
  });

  it('answers pong with a Date', () => {
    const ok: ChannelOutput<'system.ping'> = { pong: true, time: new Date() };
    expect(output.safeParse(ok).success).toBe(true);
    expect(output.safeParse({ pong: false, time: new Date() }).success).toBe(false);
    expect(output.safeParse({ pong: true, time: '2025-01-01' }).success).toBe(false);
    expect(output.safeParse({ pong: true, time: new Date(), leaked: 'x' }).success).toBe(false);
  });
});

describe('system.status', () => {
  const { input, output, roles } = channels['system.status'];

  it('is public and takes an empty object only', () => {
    const empty: ChannelInput<'system.status'> = {};
    expect(roles).toBe('public');
    expect(input.safeParse(empty).success).toBe(true);
    expect(input.safeParse({ verbose: true }).success).toBe(false);
  });

  it('accepts a well-formed engine status', () => {
    expect(output.safeParse({ engine: readyStatus, version: '0.1.0' }).success).toBe(true);
    expect(
      output.safeParse({ engine: { ...readyStatus, state: 'failed', detail: 'no binary' }, version: '0.1.0' })
        .success,
    ).toBe(true);
  });

  it('rejects unknown keys and wrong types', () => {
    expect(output.safeParse({ engine: readyStatus, version: '0.1.0', uri: 'mongodb://x' }).success).toBe(
      false,
    );
    expect(output.safeParse({ engine: { ...readyStatus, uri: 'mongodb://x' }, version: '1' }).success).toBe(
      false,
    );
    expect(output.safeParse({ engine: readyStatus, version: 1 }).success).toBe(false);
    expect(output.safeParse({ engine: { ...readyStatus, detail: 42 }, version: '1' }).success).toBe(false);
    expect(output.safeParse({ engine: { ...readyStatus, state: 'exploded' }, version: '1' }).success).toBe(
      false,
    );
    expect(output.safeParse({ engine: { ...readyStatus, mode: 'cloud' }, version: '1' }).success).toBe(false);
    expect(output.safeParse({ engine: { ...readyStatus, since: 'yesterday' }, version: '1' }).success).toBe(
      false,
    );
    expect(output.safeParse({ engine: { ...readyStatus, restarts: -1 }, version: '1' }).success).toBe(false);
    expect(output.safeParse({ engine: { ...readyStatus, restarts: 1.5 }, version: '1' }).success).toBe(false);
  });

  it('shares the engine status schema', () => {
    expect(engineStatusSchema.safeParse(readyStatus).success).toBe(true);
    expect(engineStatusSchema.safeParse({ ...readyStatus, since: '2025-01-02T05:04:05+02:00' }).success).toBe(
      true,
    );
  });
});
