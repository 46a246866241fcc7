import type { z } from 'zod';
import type { ChannelDefinition } from './channel';
import { systemPing, systemStatus } from './system';

export * from './channel';
export * from './errors';
export * from './system';

/** Adds definitions to the table, keyed by their names (a name used twice is a type error and a throw). */
function table<const Defs extends readonly ChannelDefinition[]>(
  ...defs: Defs
): { readonly [D in Defs[number] as D['name']]: D } {
  const out: Record<string, ChannelDefinition> = {};
  for (const def of defs) {
    if (Object.hasOwn(out, def.name)) throw new Error(`channel "${def.name}" is defined twice`);
    out[def.name] = def;
  }
  return Object.freeze(out) as { readonly [D in Defs[number] as D['name']]: D };
}

/** Every channel of the API. The router and the clients derive everything from this table. */
export const channels = table(systemPing, systemStatus);

export type Channels = typeof channels;
export type ChannelName = Extract<keyof Channels, string>;
/** What the caller sends (before zod defaults/transforms). */
export type ChannelInput<N extends ChannelName> = z.input<Channels[N]['input']>;
/** What the caller receives. */
export type ChannelOutput<N extends ChannelName> = z.output<Channels[N]['output']>;

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}

/** The async client every caller (renderer, tests) uses; one method, typed by the table. */
export interface CrmApi {
  invoke<N extends ChannelName>(name: N, input: ChannelInput<N>): Promise<ChannelOutput<N>>;
}
