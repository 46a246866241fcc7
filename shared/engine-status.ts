import { z } from 'zod';

/**
 * The database engine's lifecycle, as the supervisor reports it:
 * stopped → starting → ready; an unexpected exit goes to restarting (then ready again) or, after the
 * bounded attempts or the start timeout, to failed.
 */
export const ENGINE_STATES = ['stopped', 'starting', 'ready', 'restarting', 'failed'] as const;
export type EngineState = (typeof ENGINE_STATES)[number];

/** embedded: our crm-engine (PostgreSQL + FerretDB); external: MONGODB_URI (Atlas or any MongoDB). */
export const ENGINE_MODES = ['embedded', 'external'] as const;
export type EngineMode = (typeof ENGINE_MODES)[number];

export const engineStatusSchema = z
  .object({
    state: z.enum(ENGINE_STATES),
    mode: z.enum(ENGINE_MODES),
    /** What a person needs to know: why it failed and what to do, or what it is waiting for. */
    detail: z.string().optional(),
    /** When the engine entered this state, ISO 8601. */
    since: z.iso.datetime({ offset: true }),
    /** Unexpected exits restarted since the app started. */
    restarts: z.number().int().nonnegative(),
  })
  .strict();

export type EngineStatus = z.infer<typeof engineStatusSchema>;
