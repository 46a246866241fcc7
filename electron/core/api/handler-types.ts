/**
 * The shape every channel handler has, derived from the contract: its input is what the channel's zod schema
 * produced, its result what the channel's output schema accepts. Public channels get no actor; all others get
 * the actor from the verified token (never from the input).
 */
import type { z } from 'zod';
import type { allChannels } from '../../../shared/contract';
import type { Actor, ServiceDeps } from '../services/context';

type AllChannels = typeof allChannels;
export type AnyChannelName = Extract<keyof AllChannels, string>;

/** The channels anyone may call: those the contract declares `roles: 'public'`. */
export type PublicChannel = {
  [N in AnyChannelName]: AllChannels[N]['roles'] extends 'public' ? N : never;
}[AnyChannelName];
export type AuthedChannel = Exclude<AnyChannelName, PublicChannel>;

/** What the handler receives: the parsed input (after the schema's transforms). */
export type HandlerInput<N extends AnyChannelName> = z.output<AllChannels[N]['input']>;
/** What the handler returns: checked against the channel's output schema by the router. */
export type HandlerOutput<N extends AnyChannelName> = z.input<AllChannels[N]['output']>;

/** Who is calling, from the transport: the session token, the caller's address and user agent. */
export interface RequestContext {
  token?: string | undefined;
  /** The caller's address, or LOCAL_CALLER ('local') for the desktop window. */
  ip: string;
  userAgent: string;
}

/** Public handlers get their services from the router's closure: system.* answer before the database is up. */
export interface PublicContext {
  request: RequestContext;
}

export interface AuthedContext extends PublicContext {
  deps: ServiceDeps;
  actor: Actor;
  /** The raw token (auth.logout revokes it). */
  token: string;
}

export type PublicHandlers = {
  [N in PublicChannel]: (
    input: HandlerInput<N>,
    ctx: PublicContext,
  ) => Promise<HandlerOutput<N>> | HandlerOutput<N>;
};

export type AuthedHandlers = {
  [N in AuthedChannel]: (input: HandlerInput<N>, ctx: AuthedContext) => Promise<HandlerOutput<N>>;
};

/** A domain's part of the table, e.g. `satisfies HandlersOf<'users.list' | 'users.get'>`. */
export type HandlersOf<N extends AuthedChannel> = Pick<AuthedHandlers, N>;
