/**
 * Everyone this user may chat with (messages.conversations), with unread counts kept fresh by pushed events
 * (a message event invalidates `messages.`: the list and the counts fetch again) or, while no event stream
 * is up, by polling messages.unreadCounts every 4 seconds. When the counts change (a new message, or one
 * read elsewhere), the list is fetched again for its last-message previews and order.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AllChannelOutput } from '../../../../../shared/contract';
import type { ConversationDto } from '../../../../../shared/contract/messages';
import { usePolling } from '../../../hooks/use-polling';
import { useQuery } from '../../../hooks/use-query';
import { api, type ApiClientError } from '../../../lib/api-client';
import { queryInvalidation } from '../../../lib/query-invalidation';
import { useLiveConnected } from '../../../stores/live-store';

export const UNREAD_POLL_MS = 4_000;

type UnreadCounts = AllChannelOutput<'messages.unreadCounts'>;

export interface ConversationsResult {
  items: ConversationDto[] | undefined;
  error: ApiClientError | null;
  loading: boolean;
  /** Unread messages in all conversations. */
  totalUnread: number;
  refetch: () => void;
}

function signatureOf(counts: UnreadCounts): string {
  return counts.byUser
    .map((u) => `${u.userId}:${u.unread}`)
    .sort()
    .join(',');
}

export function useConversations(): ConversationsResult {
  const { data, error, loading, refetch } = useQuery('messages.conversations', {});
  const [counts, setCounts] = useState<UnreadCounts | null>(null);
  const lastSignature = useRef<string | null>(null);

  const live = useLiveConnected();
  const readCounts = useCallback(async () => {
    const next = await api.invoke('messages.unreadCounts', {});
    const signature = signatureOf(next);
    if (lastSignature.current !== null && lastSignature.current !== signature) refetch();
    lastSignature.current = signature;
    setCounts((prev) => (prev && signatureOf(prev) === signature ? prev : next));
  }, [refetch]);
  usePolling(readCounts, live ? null : UNREAD_POLL_MS);
  useEffect(
    () =>
      queryInvalidation.subscribe('messages.unreadCounts', () => void readCounts().catch(() => undefined)),
    [readCounts],
  );

  const items = useMemo(() => {
    if (!data) return undefined;
    if (!counts) return data.items;
    const byUser = new Map(counts.byUser.map((u) => [u.userId, u.unread]));
    return data.items.map((c) => {
      const unread = byUser.get(c.userId) ?? 0;
      return unread === c.unread ? c : { ...c, unread };
    });
  }, [data, counts]);

  const totalUnread = counts?.total ?? data?.items.reduce((sum, c) => sum + c.unread, 0) ?? 0;
  const refresh = useCallback(() => refetch(), [refetch]);
  return { items, error, loading: loading && !data, totalUnread, refetch: refresh };
}
