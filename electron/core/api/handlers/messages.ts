import {
  clearConversation,
  deleteMessage,
  getThread,
  listConversations,
  markRead,
  sendMessage,
  unreadCounts,
} from '../../services/messages';
import type { HandlersOf } from '../handler-types';

export const messagesHandlers = {
  'messages.conversations': (_input, ctx) => listConversations(ctx.deps, ctx.actor),
  'messages.thread': (input, ctx) => getThread(ctx.deps, ctx.actor, input),
  'messages.send': (input, ctx) => sendMessage(ctx.deps, ctx.actor, input),
  'messages.markRead': (input, ctx) => markRead(ctx.deps, ctx.actor, input),
  'messages.unreadCounts': (_input, ctx) => unreadCounts(ctx.deps, ctx.actor),
  'messages.delete': (input, ctx) => deleteMessage(ctx.deps, ctx.actor, input),
  'messages.clear': (input, ctx) => clearConversation(ctx.deps, ctx.actor, input),
} satisfies HandlersOf<
  | 'messages.conversations'
  | 'messages.thread'
  | 'messages.send'
  | 'messages.markRead'
  | 'messages.unreadCounts'
  | 'messages.delete'
  | 'messages.clear'
>;
