/**
 * The navbar's unread counts next to Chat and Notices (messages.unreadCounts; notices.list unread only).
 * Fetched when the workspace opens, again whenever an event or a write invalidates those channels, and every
 * 15 s while no event stream is up. Pages that mark something read call `refreshUnread()`.
 */
import { create } from 'zustand';
import type { Role } from '../../../shared/roles';
import { api } from '../lib/api-client';
import { queryInvalidation } from '../lib/query-invalidation';
import { useLiveStore } from './live-store';

export interface UnreadState {
  chat: number;
  notices: number;
}

export const useUnreadStore = create<UnreadState>(() => ({ chat: 0, notices: 0 }));

/** How often the counts are fetched while events do not arrive. */
export const UNREAD_FALLBACK_POLL_MS = 15_000;

let watchedRole: Role | null = null;

async function refreshChat(): Promise<void> {
  try {
    const { total } = await api.invoke('messages.unreadCounts', {});
    if (useUnreadStore.getState().chat !== total) useUnreadStore.setState({ chat: total });
  } catch {
    // The badge keeps its last figure; the next event or poll tries again.
  }
}

async function refreshNotices(): Promise<void> {
  // The admin writes the notices and has read them all.
  if (watchedRole === null || watchedRole === 'admin') return;
  try {
    const { total } = await api.invoke('notices.list', { unreadOnly: true, page: 1, pageSize: 1 });
    if (useUnreadStore.getState().notices !== total) useUnreadStore.setState({ notices: total });
  } catch {
    // as above
  }
}

/** Fetches both counts now. */
export function refreshUnread(): Promise<void> {
  return Promise.all([refreshChat(), refreshNotices()]).then(() => undefined);
}

/** Keeps the counts of the signed-in person fresh; answers the function that stops. */
export function watchUnread(role: Role): () => void {
  watchedRole = role;
  useUnreadStore.setState({ chat: 0, notices: 0 });
  void refreshUnread();
  const offChat = queryInvalidation.subscribe('messages.unreadCounts', () => void refreshChat());
  const offNotices = queryInvalidation.subscribe('notices.list', () => void refreshNotices());
  const timer = setInterval(() => {
    if (!useLiveStore.getState().connected && document.visibilityState !== 'hidden') void refreshUnread();
  }, UNREAD_FALLBACK_POLL_MS);
  return () => {
    watchedRole = null;
    offChat();
    offNotices();
    clearInterval(timer);
  };
}
