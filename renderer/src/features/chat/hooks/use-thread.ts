/**
 * One open conversation: its messages oldest first, "load earlier" paging backwards with `before`, the newest
 * page fetched again when a pushed event says the thread changed (a message or a read receipt: `messages.`)
 * or, while no event stream is up, every 3 seconds; and markRead whenever the partner's unread messages are on
 * screen.
 */
import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import type { MessageDto } from '../../../../../shared/contract/messages';
import { usePolling } from '../../../hooks/use-polling';
import { api, type ApiClientError } from '../../../lib/api-client';
import { toApiClientError } from '../../../lib/api-reply';
import { notifyError } from '../../../lib/notify';
import { queryInvalidation } from '../../../lib/query-invalidation';
import { useLiveConnected } from '../../../stores/live-store';
import { refreshUnread } from '../../../stores/unread-store';
import { hasUnreadFrom, mergeMessages } from '../utils/messages';

/** Messages per page, first load and "load earlier". */
export const THREAD_PAGE = 30;
/** How often the open thread asks for new messages. */
export const THREAD_POLL_MS = 3_000;

interface ThreadState {
  partnerId: string | null;
  messages: MessageDto[];
  hasMore: boolean;
  /** The first page has arrived. */
  loaded: boolean;
  error: ApiClientError | null;
  loadingEarlier: boolean;
}

const EMPTY: Omit<ThreadState, 'partnerId'> = {
  messages: [],
  hasMore: false,
  loaded: false,
  error: null,
  loadingEarlier: false,
};

export interface ThreadResult extends Omit<ThreadState, 'partnerId'> {
  loadEarlier: () => Promise<void>;
  /** Puts a message this user just sent into the thread (the server's answer to messages.send). */
  addSent: (message: MessageDto) => void;
  retry: () => void;
}

export function useThread(partnerId: string | null): ThreadResult {
  const [state, setState] = useState<ThreadState>({ partnerId, ...EMPTY });
  const [attempt, setAttempt] = useState(0);
  // The conversation the answers must belong to; an answer for an earlier one is dropped.
  const current = useRef(partnerId);
  const markingRead = useRef(false);

  // A different partner starts from an empty thread (set during render: no flash of the old messages).
  if (state.partnerId !== partnerId) setState({ partnerId, ...EMPTY });

  const markRead = useCallback(async (userId: string) => {
    if (markingRead.current) return;
    markingRead.current = true;
    try {
      await api.invoke('messages.markRead', { userId });
      void refreshUnread();
      if (current.current !== userId) return;
      setState((s) => ({
        ...s,
        messages: s.messages.map((m) => (m.senderId === userId && !m.isRead ? { ...m, isRead: true } : m)),
      }));
    } catch {
      // The next poll tries again.
    } finally {
      markingRead.current = false;
    }
  }, []);

  /** Merges the newest page; a page that does not reach what is shown replaces it (no gap in between). */
  const applyNewest = useCallback(
    (userId: string, items: MessageDto[], hasMore: boolean) => {
      setState((s) => {
        if (s.partnerId !== userId) return s;
        const known = new Set(s.messages.map((m) => m.id));
        const overlaps = s.messages.length === 0 || items.length === 0 || items.some((m) => known.has(m.id));
        if (!s.loaded || !overlaps) {
          return { ...s, messages: mergeMessages([], items), hasMore, loaded: true, error: null };
        }
        const messages = mergeMessages(s.messages, items);
        return messages === s.messages && s.error === null ? s : { ...s, messages, error: null };
      });
      if (hasUnreadFrom(items, userId)) void markRead(userId);
    },
    [markRead],
  );

  useEffect(() => {
    current.current = partnerId;
    if (partnerId === null) return;
    let live = true;
    api.invoke('messages.thread', { userId: partnerId, limit: THREAD_PAGE }).then(
      (page) => {
        if (live) applyNewest(partnerId, page.items, page.hasMore);
      },
      (err: unknown) => {
        if (live) setState((s) => (s.partnerId === partnerId ? { ...s, error: toApiClientError(err) } : s));
      },
    );
    return () => {
      live = false;
    };
  }, [partnerId, attempt, applyNewest]);

  const live = useLiveConnected();
  const readNewest = async (): Promise<void> => {
    const userId = current.current;
    if (userId === null || !state.loaded) return;
    const page = await api.invoke('messages.thread', { userId, limit: THREAD_PAGE });
    if (current.current === userId) applyNewest(userId, page.items, page.hasMore);
  };
  usePolling(readNewest, partnerId === null || live ? null : THREAD_POLL_MS, { immediate: false });
  const onInvalidated = useEffectEvent(() => void readNewest().catch(() => undefined));
  useEffect(() => queryInvalidation.subscribe('messages.thread', onInvalidated), []);

  const loadEarlier = useCallback(async () => {
    const userId = current.current;
    const oldest = state.messages[0];
    if (userId === null || !oldest || state.loadingEarlier) return;
    setState((s) => ({ ...s, loadingEarlier: true }));
    try {
      const page = await api.invoke('messages.thread', {
        userId,
        before: oldest.timestamp,
        limit: THREAD_PAGE,
      });
      setState((s) =>
        s.partnerId === userId
          ? {
              ...s,
              messages: mergeMessages(s.messages, page.items),
              hasMore: page.hasMore,
              loadingEarlier: false,
            }
          : s,
      );
    } catch (err) {
      notifyError(err, 'Could not load earlier messages');
      setState((s) => ({ ...s, loadingEarlier: false }));
    }
  }, [state.messages, state.loadingEarlier]);

  const addSent = useCallback((message: MessageDto) => {
    setState((s) =>
      s.partnerId === message.receiverId ? { ...s, messages: mergeMessages(s.messages, [message]) } : s,
    );
  }, []);

  const retry = useCallback(() => {
    setState((s) => ({ ...s, error: null }));
    setAttempt((n) => n + 1);
  }, []);

  const { partnerId: _partner, ...rest } = state;
  return { ...rest, loadEarlier, addSent, retry };
}
