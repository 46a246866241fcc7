/**
 * Reads a channel: `useQuery('users.list', { role: 'teacher', page })`. It fetches when the channel, the
 * input (compared by value) or a dep changes, and again when a write invalidates the channel
 * (`useMutation(…, { invalidates: ['users.'] })`, see lib/query-invalidation.ts); answers to an older input
 * are dropped.
 *
 * - `input: null` waits (nothing is fetched, e.g. until an id is known).
 * - `data` stays from the last answer while a new input loads, so a table keeps its rows while the next
 *   page arrives; `loading` says a newer answer is on its way. Pass `{ keepPrevious: false }` where old data
 *   would mislead (a detail page switching ids, or one a write just made stale).
 * - Errors are returned, not notified: show them where the data would be (`<QueryError>`). UNAUTHENTICATED
 *   is handled by the session store (it signs out).
 */
import { useCallback, useEffect, useState } from 'react';
import type { AllChannelInput, AllChannelName, AllChannelOutput } from '../../../shared/contract';
import { decodeRpc, encodeRpc } from '../../../shared/rpc-encoding';
import { api, type ApiClientError } from '../lib/api-client';
import { toApiClientError } from '../lib/api-reply';
import { queryInvalidation } from '../lib/query-invalidation';

/** Extra reasons to fetch again, outside the input: primitives, compared by value. */
export type QueryDeps = readonly (string | number | boolean | null | undefined)[];

export interface QueryOptions {
  /** Keep the last answer while a new input loads (default true). */
  keepPrevious?: boolean;
}

export interface QueryResult<T> {
  data: T | undefined;
  error: ApiClientError | null;
  /** True while the answer for the current input (or a refetch) is on its way. */
  loading: boolean;
  /** Fetches again with the same input (a "Try again" button; after writes, prefer `invalidates`). */
  refetch: () => void;
}

interface QueryState<T> {
  key: string | null;
  data: T | undefined;
  /** The key `data` answered. */
  dataKey: string | null;
  error: ApiClientError | null;
}

export function useQuery<N extends AllChannelName>(
  channel: N,
  input: AllChannelInput<N> | null,
  deps: QueryDeps = [],
  options: QueryOptions = {},
): QueryResult<AllChannelOutput<N>> {
  const keepPrevious = options.keepPrevious ?? true;
  const [nonce, setNonce] = useState(0);
  // Bumped when a write invalidates the channel: like a changed dep (not a refetch), so a query with
  // `keepPrevious: false` drops the answer it knows is stale rather than show it until the new one.
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<QueryState<AllChannelOutput<N>>>({
    key: null,
    data: undefined,
    dataKey: null,
    error: null,
  });

  // The input travels through its EJSON text: the effect depends on its value, not its identity.
  const inputText = input === null ? null : encodeRpc(input);
  const key =
    inputText === null ? null : `${channel}\n${inputText}\n${JSON.stringify(deps)}\n${generation}\n${nonce}`;

  useEffect(() => {
    if (key === null || inputText === null) return;
    let current = true;
    const sent = decodeRpc(inputText) as AllChannelInput<N>;
    api.invoke(channel, sent).then(
      (data) => {
        if (current) setState({ key, data, dataKey: key, error: null });
      },
      (err: unknown) => {
        if (current) setState((prev) => ({ ...prev, key, error: toApiClientError(err) }));
      },
    );
    return () => {
      current = false;
    };
  }, [channel, inputText, key]);

  const refetch = useCallback(() => setNonce((n) => n + 1), []);
  useEffect(() => queryInvalidation.subscribe(channel, () => setGeneration((g) => g + 1)), [channel]);

  const answered = state.key === key;
  const data =
    keepPrevious || state.dataKey === key || (state.dataKey !== null && sameInput(state.dataKey, key))
      ? state.data
      : undefined;
  return {
    data: key === null && !keepPrevious ? undefined : data,
    error: answered ? state.error : null,
    loading: key !== null && !answered,
    refetch,
  };
}

/** Two keys for the same channel, input, deps and invalidations (only the refetch counter differs). */
function sameInput(a: string, b: string | null): boolean {
  if (b === null) return false;
  return a.slice(0, a.lastIndexOf('\n')) === b.slice(0, b.lastIndexOf('\n'));
}
