/**
 * The renderer's one api client (CrmApi from the contract): `window.crm` in the desktop app, `fetch` to the
 * station's `/api/rpc/<channel>` in a browser. Errors arrive as ApiClientError with the contract's code,
 * message and per-field messages.
 */
import type { ChannelInput, ChannelName, ChannelOutput, CrmApi } from '../../../shared/contract';
import type { CrmBridge } from '../../../shared/bridge';
import {
  ApiClientError,
  networkError,
  parseRpcReply,
  serializeInput,
  toApiResult,
  unwrapResult,
} from './api-reply';

export { ApiClientError } from './api-reply';

export interface ApiClientOptions {
  /** The desktop bridge; default `window.crm`. Pass null to force HTTP. */
  bridge?: CrmBridge | null;
  /** The session token for HTTP calls (in Electron the main process keeps it). */
  getToken?: () => string | null | undefined;
  fetch?: typeof fetch;
  /** Prefix of the RPC endpoint; default '/api/rpc/'. */
  baseUrl?: string;
}

export function createApiClient(options: ApiClientOptions = {}): CrmApi {
  const bridge = options.bridge === undefined ? (globalThis.window?.crm ?? null) : options.bridge;
  const baseUrl = options.baseUrl ?? '/api/rpc/';

  async function viaBridge(b: CrmBridge, name: string, input: unknown): Promise<unknown> {
    let reply: unknown;
    try {
      reply = await b.invoke(name, input);
    } catch (err) {
      throw networkError(err);
    }
    return unwrapResult(toApiResult(reply));
  }

  async function viaHttp(name: string, input: unknown): Promise<unknown> {
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    };
    const token = options.getToken?.();
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    let body: string;
    try {
      response = await doFetch(baseUrl + encodeURIComponent(name), {
        method: 'POST',
        headers,
        body: serializeInput(input),
        credentials: 'same-origin',
        cache: 'no-store',
      });
      body = await response.text();
    } catch (err) {
      throw networkError(err);
    }
    return unwrapResult(parseRpcReply(response.status, body), response.status);
  }

  return {
    invoke<N extends ChannelName>(name: N, input: ChannelInput<N>): Promise<ChannelOutput<N>> {
      const call = bridge ? viaBridge(bridge, name, input) : viaHttp(name, input);
      return call as Promise<ChannelOutput<N>>;
    },
  };
}

let tokenProvider: (() => string | null | undefined) | undefined;

/** The session store (a later issue) registers where the HTTP transport finds the token. */
export function setTokenProvider(provider: (() => string | null | undefined) | undefined): void {
  tokenProvider = provider;
}

/** The app's client. */
export const api: CrmApi = createApiClient({ getToken: () => tokenProvider?.() });

export function isApiClientError(err: unknown): err is ApiClientError {
  return err instanceof ApiClientError;
}
