/**
 * Writes through a channel: `const create = useMutation('users.create', { success: 'Teacher added.',
 * invalidates: ['users.'] })`, then `await create.mutate(values)`. By default a success shows a notification
 * (a sentence per channel action unless `success` says otherwise) and a failure shows the server's message;
 * with `form`, field messages go next to the fields instead. A success invalidates the channels in
 * `invalidates`, so every mounted reader of them fetches again. `mutate` never throws: it answers the data,
 * or undefined after a failure.
 */
import { useCallback, useState } from 'react';
import type { AllChannelInput, AllChannelName, AllChannelOutput } from '../../../shared/contract';
import { api, type ApiClientError } from '../lib/api-client';
import { toApiClientError } from '../lib/api-reply';
import { applyFieldErrors, type FieldErrorTarget } from '../lib/form-errors';
import { notifyError, notifySuccess } from '../lib/notify';
import { invalidateChannels, type ChannelPattern } from '../lib/query-invalidation';

export interface MutationOptions<N extends AllChannelName> {
  /** The success notification: a sentence, one made from the answer, or false for none. */
  success?: string | false | ((data: AllChannelOutput<N>, input: AllChannelInput<N>) => string);
  /** Notify failures (default true). Field errors placed on `form` are never notified twice. */
  notifyErrors?: boolean;
  /** A Mantine form that receives the server's field messages. */
  form?: FieldErrorTarget;
  /**
   * What a success made stale: channels (`'classes.get'`) or namespaces (`'assignments.'`). Their mounted
   * readers fetch again; pages need no reload counters or refetch callbacks for it.
   */
  invalidates?: readonly ChannelPattern[];
  onSuccess?: (data: AllChannelOutput<N>, input: AllChannelInput<N>) => void;
  onError?: (error: ApiClientError, input: AllChannelInput<N>) => void;
}

export interface MutationResult<N extends AllChannelName> {
  mutate: (input: AllChannelInput<N>) => Promise<AllChannelOutput<N> | undefined>;
  loading: boolean;
  error: ApiClientError | null;
  data: AllChannelOutput<N> | undefined;
  reset: () => void;
}

const DEFAULT_SUCCESS: Readonly<Record<string, string>> = {
  create: 'Created.',
  update: 'Saved.',
  delete: 'Deleted.',
};

export function defaultSuccessMessage(channel: string): string {
  const action = channel.slice(channel.indexOf('.') + 1);
  return DEFAULT_SUCCESS[action] ?? 'Done.';
}

export function useMutation<N extends AllChannelName>(
  channel: N,
  options: MutationOptions<N> = {},
): MutationResult<N> {
  const [state, setState] = useState<{
    loading: boolean;
    error: ApiClientError | null;
    data: AllChannelOutput<N> | undefined;
  }>({ loading: false, error: null, data: undefined });
  const { success, notifyErrors = true, form, invalidates, onSuccess, onError } = options;

  const mutate = useCallback(
    async (input: AllChannelInput<N>) => {
      setState((s) => ({ ...s, loading: true, error: null }));
      try {
        const data = await api.invoke(channel, input);
        setState({ loading: false, error: null, data });
        // Stale as soon as the write is done, whatever onSuccess does next (close a modal, navigate away).
        if (invalidates) invalidateChannels(invalidates);
        if (success !== false) {
          const message =
            typeof success === 'function'
              ? success(data, input)
              : (success ?? defaultSuccessMessage(channel));
          notifySuccess(message);
        }
        onSuccess?.(data, input);
        return data;
      } catch (err) {
        const error = toApiClientError(err);
        setState((s) => ({ ...s, loading: false, error }));
        const placed = form ? applyFieldErrors(form, error) : false;
        // UNAUTHENTICATED: the session store signs out and says so.
        if (notifyErrors && !placed && error.code !== 'UNAUTHENTICATED') notifyError(error);
        onError?.(error, input);
        return undefined;
      }
    },
    [channel, success, notifyErrors, form, invalidates, onSuccess, onError],
  );

  const reset = useCallback(() => setState({ loading: false, error: null, data: undefined }), []);
  return { mutate, reset, ...state };
}
