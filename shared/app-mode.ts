/**
 * How the desktop app runs (docs/architecture.md, "The station on the network"), and the few calls about it
 * that only the desktop's main process answers (`app.*` through `window.crm.invoke`): they never reach the
 * router or a station.
 */
import { z } from 'zod';

export const APP_MODES = ['standalone', 'station', 'connected'] as const;
export type AppMode = (typeof APP_MODES)[number];

export const LINK_STATES = ['connected', 'reconnecting', 'unreachable', 'refused'] as const;

/** The line to the station, as the connected app's main process reports it (`connection:state`). */
export const connectionStateSchema = z.object({
  station: z.string(),
  state: z.enum(LINK_STATES),
  since: z.date().optional(),
  problem: z.string().optional(),
  asOf: z.date().optional(),
  outbox: z.array(z.object({ id: z.string(), channel: z.string(), queuedAt: z.date() })),
  failed: z.array(z.object({ id: z.string(), channel: z.string(), queuedAt: z.date(), message: z.string() })),
});
export type ConnectionStateView = z.infer<typeof connectionStateSchema>;

export const appModeStateSchema = z.object({
  /** The mode this run started in. */
  mode: z.enum(APP_MODES),
  /** Connected: the station paired with. */
  station: z.object({ url: z.string(), fingerprint: z.string() }).optional(),
  /** Station: the network service's setting and, when it runs, its address. */
  network: z.object({ on: z.boolean(), port: z.number(), url: z.string().optional() }).optional(),
  connection: connectionStateSchema.optional(),
});
export type AppModeState = z.infer<typeof appModeStateSchema>;

/** `app.connect`: pair with a station and restart connected to it. */
export const connectInputSchema = z.strictObject({
  address: z.string().trim().min(1, 'Type the station address.').max(300),
  code: z.string().trim().min(1, 'Type the code the station shows.').max(20),
  /** This computer's name in the station's list (default: its host name). */
  name: z.string().trim().max(60).optional(),
});
export type ConnectInput = z.infer<typeof connectInputSchema>;

/** `app.setMode`: how the app runs from its next start (it restarts). */
export const setModeInputSchema = z.strictObject({
  mode: z.enum(APP_MODES),
  network: z.strictObject({ on: z.boolean(), port: z.number().int().min(1024).max(65535) }).optional(),
});
export type SetModeInput = z.infer<typeof setModeInputSchema>;

export const APP_CALLS = ['app.mode', 'app.connect', 'app.setMode'] as const;
export type AppCall = (typeof APP_CALLS)[number];
export const isAppCall = (channel: string): channel is AppCall =>
  (APP_CALLS as readonly string[]).includes(channel);
