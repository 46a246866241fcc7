import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/contract';
import type { RequestContext, RouterDeps } from './router';

/** One handler per channel of the contract; a missing one is a type error. */
export type Handlers = {
  [N in ChannelName]: (
    input: ChannelInput<N>,
    ctx: RequestContext,
  ) => Promise<ChannelOutput<N>> | ChannelOutput<N>;
};

export function createHandlers(deps: RouterDeps): Handlers {
  return {
    'system.ping': () => ({ pong: true, time: new Date() }),
    'system.status': () => ({ engine: deps.engine.status(), version: deps.version ?? '0.1.0' }),
  };
}
