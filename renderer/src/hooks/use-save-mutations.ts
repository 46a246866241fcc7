/**
 * A create-or-edit dialog's two writes: `const { create, update, loading } = useSaveMutations('classes.create',
 * 'classes.update', { form, invalidates: ['classes.'], created: (c) => `${c.name} was created.`, saved: … })`.
 * Both share what a dialog sets once (the form for field messages, what goes stale, error handling); only the
 * success sentence differs. Hand `create.mutate` and `update.mutate` to `saveForm`.
 */
import type { AllChannelName, AllChannelOutput } from '../../../shared/contract';
import type { ApiClientError } from '../lib/api-client';
import type { FieldErrorTarget } from '../lib/form-errors';
import type { ChannelPattern } from '../lib/query-invalidation';
import { useMutation, type MutationResult } from './use-mutation';

export interface SaveMutationsOptions<C extends AllChannelName, U extends AllChannelName> {
  /** The success notification after a create, made from the answer. */
  created: (data: AllChannelOutput<C>) => string;
  /** The success notification after an edit, made from the answer. */
  saved: (data: AllChannelOutput<U>) => string;
  /** What either write made stale (see `useMutation`). */
  invalidates: readonly ChannelPattern[];
  /** A Mantine form that receives the server's field messages. */
  form?: FieldErrorTarget;
  /** Notify failures (default true). */
  notifyErrors?: boolean;
  onError?: (error: ApiClientError) => void;
  /** After either write succeeded (usually the dialog's close). */
  onSuccess?: () => void;
}

export interface SaveMutations<C extends AllChannelName, U extends AllChannelName> {
  create: MutationResult<C>;
  update: MutationResult<U>;
  /** Either write is under way. */
  loading: boolean;
}

export function useSaveMutations<C extends AllChannelName, U extends AllChannelName>(
  createChannel: C,
  updateChannel: U,
  { created, saved, ...shared }: SaveMutationsOptions<C, U>,
): SaveMutations<C, U> {
  const create = useMutation(createChannel, { ...shared, success: created });
  const update = useMutation(updateChannel, { ...shared, success: saved });
  return { create, update, loading: create.loading || update.loading };
}
