/** Form checks mirroring the contract's text rules (shared/contract/common.ts); the server checks again. */
import { CONTROL_CHARACTERS, CONTROL_CHARACTERS_EXCEPT_NEWLINES } from '../../../../../shared/domain';

type Check = (value: string) => string | null;

export function checkRequiredText(max: number, emptyMessage = 'Required.'): Check {
  return (value) => {
    const v = value.trim();
    if (v === '') return emptyMessage;
    if (v.length > max) return `At most ${max} characters.`;
    return CONTROL_CHARACTERS.test(v) ? 'Contains control characters.' : null;
  };
}

/** Multi-line and optional: tabs and line breaks are fine. */
export function checkOptionalText(max: number): Check {
  return (value) => {
    const v = value.trim();
    if (v.length > max) return `At most ${max} characters.`;
    return CONTROL_CHARACTERS_EXCEPT_NEWLINES.test(v) ? 'Contains control characters.' : null;
  };
}
