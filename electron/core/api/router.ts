/**
 * The one router both transports (Electron IPC and the station's HTTP) call:
 * validate input → authenticate → authorize → service → result, never a thrown error.
 */
import type { z } from 'zod';
import { channels, isChannelName, type ChannelName } from '../../../shared/contract';
import type { ApiResult } from '../../../shared/contract/errors';
import type { EngineSupervisor } from '../engine/supervisor';
import { AppError, toApiError } from './errors';
import { createHandlers, type Handlers } from './handlers';

export interface RequestContext {
  token?: string | undefined;
  /** The caller's address, or 'local' for the desktop window. */
  ip: string;
  userAgent: string;
}

export interface Router {
  dispatch(channel: string, input: unknown, ctx: RequestContext): Promise<ApiResult<unknown>>;
}

export interface RouterDeps {
  engine: EngineSupervisor;
  version?: string;
  logger?: (line: string) => void;
}

export function createRouter(deps: RouterDeps): Router {
  const log = deps.logger ?? ((line: string) => console.error(line));
  const handlers: Handlers = createHandlers(deps);

  return {
    async dispatch(channel, input, ctx) {
      if (!isChannelName(channel)) {
        return { ok: false, error: { code: 'NOT_FOUND', message: `There is no API channel "${channel}".` } };
      }
      const def = channels[channel];
      const parsed = def.input.safeParse(input ?? {});
      if (!parsed.success) {
        return { ok: false, error: validationError(parsed.error) };
      }
      try {
        if (def.roles !== 'public') {
          // Sessions arrive with the authentication issue; until then only public channels exist.
          throw new AppError('UNAUTHENTICATED', 'Sign in to use this part of the app.');
        }
        const data = await runHandler(handlers, channel, parsed.data, ctx);
        return { ok: true, data: def.output.parse(data) };
      } catch (err) {
        return { ok: false, error: toApiError(err, log) };
      }
    },
  };
}

function runHandler<N extends ChannelName>(
  handlers: Handlers,
  channel: N,
  input: unknown,
  ctx: RequestContext,
): Promise<unknown> {
  const handler = handlers[channel] as (input: unknown, ctx: RequestContext) => unknown;
  return Promise.resolve(handler(input, ctx));
}

/** zod issues → one message per input field, as the forms show them. */
export function validationError(error: z.ZodError): {
  code: 'VALIDATION';
  message: string;
  fields: Record<string, string>;
} {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  const first = error.issues[0];
  const where = first && first.path.length ? ` (${first.path.join('.')})` : '';
  return {
    code: 'VALIDATION',
    message: `The request is not valid${where}: ${first?.message ?? 'invalid input'}.`,
    fields,
  };
}
