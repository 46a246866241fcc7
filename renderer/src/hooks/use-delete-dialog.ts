/**
 * An admin list's delete: which row is being asked about, and the write that deletes it. Render it with
 * `<AdminConfirmDeleteModal dialog={…}>` (components/admin-confirm-delete-modal.tsx).
 */
import { useState } from 'react';
import type { ChannelPattern } from '../lib/query-invalidation';
import { useMutation } from './use-mutation';

/** The channels that delete an admin list's row by its id. */
export type DeleteChannel = 'users.delete' | 'classes.delete' | 'subjects.delete' | 'rooms.delete';

export interface DeleteDialogOptions<T> {
  /** The notification once it is gone: "Class 10-A was deleted." */
  success: (item: T) => string;
  /** What the delete made stale. */
  invalidates: readonly ChannelPattern[];
}

export interface DeleteDialog<T> {
  /** The row asked about; null while no one is asked. */
  item: T | null;
  ask: (item: T) => void;
  close: () => void;
  /** Deletes the item; the dialog closes once it is gone, and stays open on a failure. */
  confirm: (item: T) => Promise<unknown>;
  loading: boolean;
}

export function useDeleteDialog<T extends { id: string }>(
  channel: DeleteChannel,
  options: DeleteDialogOptions<T>,
): DeleteDialog<T> {
  const [item, setItem] = useState<T | null>(null);
  const remove = useMutation(channel, {
    // Only asked-about items are deleted, so `item` is set whenever this runs.
    success: () => (item ? options.success(item) : 'Deleted.'),
    invalidates: options.invalidates,
    onSuccess: () => setItem(null),
  });
  return {
    item,
    ask: setItem,
    close: () => setItem(null),
    confirm: (target) => remove.mutate({ id: target.id }),
    loading: remove.loading,
  };
}
