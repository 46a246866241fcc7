import { Textarea, type TextareaProps } from '@mantine/core';
import { TEXT_LIMITS } from '../../../../../shared/domain';

/** A notice's text: required, growing with what is typed, no longer than the contract takes. */
export function NoticeBodyInput(props: TextareaProps) {
  return <Textarea withAsterisk autosize maxLength={TEXT_LIMITS.noticeBody} {...props} />;
}
