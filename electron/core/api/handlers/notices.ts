import {
  createNotice,
  deleteNotice,
  listNotices,
  markNoticeRead,
  updateNotice,
} from '../../services/notices';
import type { HandlersOf } from '../handler-types';

export const noticesHandlers = {
  'notices.list': (input, ctx) => listNotices(ctx.deps, ctx.actor, input),
  'notices.create': (input, ctx) => createNotice(ctx.deps, ctx.actor, input),
  'notices.delete': (input, ctx) => deleteNotice(ctx.deps, ctx.actor, input),
  'notices.markRead': (input, ctx) => markNoticeRead(ctx.deps, ctx.actor, input),
  'notices.update': (input, ctx) => updateNotice(ctx.deps, ctx.actor, input),
} satisfies HandlersOf<
  'notices.list' | 'notices.create' | 'notices.delete' | 'notices.markRead' | 'notices.update'
>;
