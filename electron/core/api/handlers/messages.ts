import {
  clearConversation,
  deleteMessage,
  getThread,
  listConversations,
  markRead,
  sendMessage,
  unreadCounts,
} from '../../services/messages';
import { serve } from '../serve';
import type { HandlersOf } from '../handler-types';

export const messagesHandlers = {
  'messages.conversations': (_input, ctx) => listConversations(ctx.deps, ctx.actor),
  'messages.thread': serve(getThread),
  'messages.send': serve(sendMessage),
  'messages.markRead': serve(markRead),
  'messages.unreadCounts': (_input, ctx) => unreadCounts(ctx.deps, ctx.actor),
  'messages.delete': serve(deleteMessage),
  'messages.clear': serve(clearConversation),
} satisfies HandlersOf<
  | 'messages.conversations'
  | 'messages.thread'
  | 'messages.send'
  | 'messages.markRead'
  | 'messages.unreadCounts'
  | 'messages.delete'
  | 'messages.clear'
>;
