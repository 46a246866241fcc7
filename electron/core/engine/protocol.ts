/**
 * What crm-engine prints on stdout and how it exits (engine/main.go's `readyEvent`, `errorEvent` and exit codes
 * are the other half). One JSON object per line; anything else on stdout is not ours and is ignored.
 */
import { z } from 'zod';

export const engineReadySchema = z.object({
  event: z.literal('ready'),
  uri: z.string().startsWith('mongodb://'),
  tlsCAFile: z.string().min(1),
  tlsCertificateKeyFile: z.string().min(1),
  pid: z.number().int().positive(),
  postgresPid: z.number().int().positive(),
  dataDir: z.string().min(1),
});

export const engineErrorSchema = z.object({
  event: z.literal('error'),
  message: z.string(),
});

export const engineEventSchema = z.discriminatedUnion('event', [engineReadySchema, engineErrorSchema]);
export type EngineReady = z.infer<typeof engineReadySchema>;
export type EngineEvent = z.infer<typeof engineEventSchema>;

/** crm-engine's exit codes. */
export const ENGINE_EXIT = {
  /** Stopped on request. */
  ok: 0,
  /** Failed; the error event says why. */
  failed: 1,
  /** Bad command line. */
  usage: 2,
  /** Another engine holds the data directory's lock: retrying cannot help. */
  locked: 3,
} as const;

/** One stdout line as an engine event, or undefined for a line that is not one (or does not fit the schema). */
export function parseEngineEvent(line: string): EngineEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = engineEventSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
