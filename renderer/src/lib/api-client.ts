/**
 * The renderer's one api client (CrmApi from the contract): `window.crm` in the desktop app, `fetch` to the
 * station's `/api/rpc/<channel>` in a browser. Errors arrive as ApiClientError with the contract's code,
 * message and per-field messages.
 */
import type { AllChannelInput, AllChannelName, AllChannelOutput, CrmApi } from '../../../shared/contract';
import type { CrmBridge } from '../../../shared/bridge';
import { noteAnswer } from '../stores/last-seen-store';
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
  /** Sees every failed call before the caller does (the session store ends the session on UNAUTHENTICATED). */
  onError?: (error: ApiClientError, channel: string) => void;
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
    const result = toApiResult(reply);
    if (result.ok) noteAnswer(name, result.asOf);
    return unwrapResult(result);
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
    invoke<N extends AllChannelName>(name: N, input: AllChannelInput<N>): Promise<AllChannelOutput<N>> {
      const call = bridge ? viaBridge(bridge, name, input) : viaHttp(name, input);
      if (!options.onError) return call as Promise<AllChannelOutput<N>>;
      const report = options.onError;
      return call.catch((err: unknown) => {
        if (err instanceof ApiClientError) report(err, name);
        throw err;
      }) as Promise<AllChannelOutput<N>>;
    },
  };
}

let tokenProvider: (() => string | null | undefined) | undefined;
let errorListener: ((error: ApiClientError, channel: string) => void) | undefined;

/** The session store registers where the HTTP transport finds the token (the station; Electron keeps it). */
export function setTokenProvider(provider: (() => string | null | undefined) | undefined): void {
  tokenProvider = provider;
}

/** The session token for the station's other endpoints (POST /api/files); undefined in the desktop app. */
export function currentToken(): string | null | undefined {
  return tokenProvider?.();
}

/** The session store registers what sees every failed call of the app's client. */
export function setErrorListener(
  listener: ((error: ApiClientError, channel: string) => void) | undefined,
): void {
  errorListener = listener;
}

/** The session's Authorization header for the station's streaming routes (backups); empty in Electron. */
export function authorizationHeader(): Record<string, string> {
  const token = tokenProvider?.();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** True in the desktop app: the main process keeps the session token, the renderer never sees it. */
export const isDesktop = Boolean(globalThis.window?.crm);

/** The app's client. */
export const api: CrmApi = createApiClient({
  getToken: () => tokenProvider?.(),
  onError: (error, channel) => errorListener?.(error, channel),
});

export function isApiClientError(err: unknown): err is ApiClientError {
  return err instanceof ApiClientError;
}
