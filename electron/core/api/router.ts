/**
 * The one router both transports (Electron IPC and the station's HTTP) call:
 * validate input → verify the token → check the role → tenant from the token → service → checked output.
 * It answers `{ok, data}` or `{ok: false, error}`; it never throws.
 */
import type { z } from 'zod';
import { allChannels, allowsRole, bodyLimitOf } from '../../../shared/contract';
import type { ApiResult, ErrorCode } from '../../../shared/contract/errors';
import type { EngineSupervisor } from '../engine/supervisor';
import { AppError } from '../errors/app-error';
import { authenticate, type AuthDeps } from '../services/auth';
import type { Actor } from '../services/context';
import { toApiError } from './errors';
import type { AnyChannelName, AuthedContext, PublicContext, RequestContext } from './handler-types';
import { createHandlers } from './handlers';

export type { RequestContext } from './handler-types';

export interface Router {
  /** Opens and runs a call whose input is already here (Electron IPC, tests). */
  dispatch(channel: string, input: unknown, ctx: RequestContext): Promise<ApiResult<unknown>>;
  /**
   * Everything that needs no input, before the body is read (the station's HTTP): the channel exists, the
   * token is valid for a non-public channel and its role may call it. The opened call says how large a body
   * it accepts and runs with the input once read.
   */
  open(channel: string, ctx: RequestContext): Promise<ApiResult<OpenedCall>>;
  /**
   * For the station's streaming routes (a backup's download and upload): the caller, authenticated and allowed
   * to call `channel`, without running it.
   */
  authorize(channel: AnyChannelName, request: RequestContext): Promise<ApiResult<AuthedContext>>;
  /** Errors answered per code since the router started, for the health page. */
  errorCounts(): { since: Date; byCode: Partial<Record<ErrorCode, number>> };
}

export interface OpenedCall {
  readonly channel: AnyChannelName;
  /** The channel's body limit, from the contract. */
  readonly maxBodyBytes: number;
  /** Who is calling (undefined on public channels): routes that stream their body act for them. */
  readonly actor: Actor | undefined;
  run(input: unknown): Promise<ApiResult<unknown>>;
}

export interface RouterDeps {
  engine: EngineSupervisor;
  /** The services once the database is connected; undefined while the engine starts (→ UNAVAILABLE). */
  services: () => AuthDeps | undefined;
  version?: string;
  logger?: (line: string) => void;
}

type AnyHandler = (input: unknown, ctx: PublicContext | AuthedContext) => unknown;

export function createRouter(deps: RouterDeps): Router {
  const log = deps.logger ?? ((line: string) => console.error(line));
  const services = (): AuthDeps => {
    const current = deps.services();
    if (!current) throw new AppError('UNAVAILABLE', 'The database is starting. Try again in a moment.');
    return current;
  };
  const handlers = createHandlers(deps.engine, services, deps.version ?? '0.1.0') as unknown as Record<
    AnyChannelName,
    AnyHandler
  >;
  const since = new Date();
  const byCode: Partial<Record<ErrorCode, number>> = {};
  const counted = <T>(result: ApiResult<T>): ApiResult<T> => {
    if (!result.ok) byCode[result.error.code] = (byCode[result.error.code] ?? 0) + 1;
    return result;
  };

  async function open(channel: string, request: RequestContext): Promise<ApiResult<OpenedCall>> {
    if (!Object.hasOwn(allChannels, channel)) {
      return { ok: false, error: { code: 'NOT_FOUND', message: `There is no API channel "${channel}".` } };
    }
    const name = channel as AnyChannelName;
    const def = allChannels[name];
    try {
      let ctx: PublicContext | AuthedContext = { request };
      if (def.roles !== 'public') {
        const current = services();
        const { actor } = await authenticate(current, request.token, {
          ip: request.ip,
          userAgent: request.userAgent,
        });
        if (!allowsRole(def, actor.role)) {
          throw new AppError('FORBIDDEN', 'Your role does not allow this.');
        }
        ctx = { deps: current, request, actor, token: request.token ?? '' };
      }
      const opened = ctx;
      return {
        ok: true,
        data: {
          channel: name,
          maxBodyBytes: bodyLimitOf(def),
          actor: 'actor' in opened ? opened.actor : undefined,
          run: async (input) => counted(await run(name, input, opened)),
        },
      };
    } catch (err) {
      return { ok: false, error: toApiError(err, log) };
    }
  }

  async function run(
    name: AnyChannelName,
    input: unknown,
    ctx: PublicContext | AuthedContext,
  ): Promise<ApiResult<unknown>> {
    const def = allChannels[name];
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
    try {
      const data = await handlers[name](parsed.data, ctx);
      const checked = def.output.safeParse(data);
      if (!checked.success) {
        log(`[api] ${name} returned data outside its contract: ${checked.error.message}`);
        return {
          ok: false,
          error: { code: 'INTERNAL', message: 'Something went wrong on our side. The problem was logged.' },
        };
      }
      return { ok: true, data: checked.data };
    } catch (err) {
      return { ok: false, error: toApiError(err, log) };
    }
  }

  async function authorize(
    channel: AnyChannelName,
    request: RequestContext,
  ): Promise<ApiResult<AuthedContext>> {
    const def = allChannels[channel];
    try {
      const current = services();
      const { actor } = await authenticate(current, request.token, {
        ip: request.ip,
        userAgent: request.userAgent,
      });
      if (!allowsRole(def, actor.role)) throw new AppError('FORBIDDEN', 'Your role does not allow this.');
      return { ok: true, data: { deps: current, request, actor, token: request.token ?? '' } };
    } catch (err) {
      return { ok: false, error: toApiError(err, log) };
    }
  }

  return {
    authorize: async (channel, request) => counted(await authorize(channel, request)),
    errorCounts: () => ({ since, byCode: { ...byCode } }),
    open: async (channel, request) => counted(await open(channel, request)),
    dispatch: async (channel, input, request) => {
      const opened = counted(await open(channel, request));
      return opened.ok ? opened.data.run(input) : opened;
    },
  };
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
