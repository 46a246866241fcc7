import { TEXT_LIMITS } from '../../../../../shared/domain';
import { requiredText } from '../../../lib/form-rules';

/** A notice's title and text, checked alike when it is written and when it is edited. */
export const NOTICE_TEXT_RULES = {
  title: requiredText(TEXT_LIMITS.title, 'Give the notice a title.'),
  body: requiredText(TEXT_LIMITS.noticeBody, 'Write what the notice says.', true),
};
