/** Form checks mirroring the contract's text rules (shared/contract/common.ts); the server checks again. */
import { CONTROL_CHARACTERS, CONTROL_CHARACTERS_EXCEPT_NEWLINES } from '../../../../../shared/domain';

type Check = (value: string) => string | null;

/** Required, trimmed, at most `max` characters; multi-line text may hold tabs and line breaks. */
export function checkRequiredText(max: number, emptyMessage: string, multiline = false): Check {
  const forbidden = multiline ? CONTROL_CHARACTERS_EXCEPT_NEWLINES : CONTROL_CHARACTERS;
  return (value) => {
    const v = value.trim();
    if (v === '') return emptyMessage;
    if (v.length > max) return `At most ${max} characters.`;
    return forbidden.test(v) ? 'Contains control characters.' : null;
  };
}
