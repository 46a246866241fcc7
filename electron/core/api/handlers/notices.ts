import {
  createNotice,
  deleteNotice,
  listNotices,
  markNoticeRead,
  updateNotice,
} from '../../services/notices';
import { serve } from '../serve';
import type { HandlersOf } from '../handler-types';

export const noticesHandlers = {
  'notices.list': serve(listNotices),
  'notices.create': serve(createNotice),
  'notices.delete': serve(deleteNotice),
  'notices.markRead': serve(markNoticeRead),
  'notices.update': serve(updateNotice),
} satisfies HandlersOf<
  'notices.list' | 'notices.create' | 'notices.delete' | 'notices.markRead' | 'notices.update'
>;
