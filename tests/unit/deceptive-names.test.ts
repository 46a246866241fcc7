/**
 * Issue 13 §6: characters that disguise a name are refused in names, titles, usernames and file names; the
 * joiners Indic scripts and emoji need are kept where they belong; look-alike usernames share one key.
 */
import { describe, expect, it } from 'vitest';
import { filesUpload } from '../../shared/contract';
import { personName, tenantUsername, text } from '../../shared/contract/common';
import { isDeceptive, tenantUsernameKey } from '../../shared/domain';

const RLO = '\u202e';
const ZWSP = '\u200b';
const ZWJ = '\u200d';
const ZWNJ = '\u200c';

describe('deceptive characters', () => {
  it.each([
    ['a right-to-left override', `homework${RLO}fdp.exe`],
    ['a zero-width space', `t1${ZWSP}`],
    ['a left-to-right mark', 'Asha\u200e'],
    ['an isolate', 'Ravi\u2066x\u2069'],
    ['a word joiner', 'Ra\u2060vi'],
    ['a byte-order mark inside', 'As\ufeffha'],
    ['a joiner at the end', `Asha${ZWJ}`],
    ['a joiner first', `${ZWNJ}Asha`],
    ['two joiners', `Ra${ZWJ}${ZWJ}vi`],
  ])('refuses %s', (_what, value) => {
    expect(isDeceptive(value)).toBe(true);
    expect(personName.safeParse(value).success).toBe(false);
    expect(tenantUsername.safeParse(value).success).toBe(false);
  });

  it('keeps joiners between letters in names and titles (Hindi, Malayalam, Persian, emoji), never in usernames', () => {
    const hindi = `क्${ZWJ}ष`; // a half form: virama + joiner
    const malayalam = `അവന്${ZWJ}റ`; // a chillu spelled with a joiner
    const persian = `می${ZWNJ}خواهم`;
    const family = `Family day 👨${ZWJ}👩${ZWJ}👧`;
    for (const value of [hindi, malayalam, persian, family]) {
      expect(isDeceptive(value)).toBe(false);
      expect(text(200).safeParse(value).success).toBe(true);
      expect(isDeceptive(value, { identifier: true })).toBe(true);
      expect(tenantUsername.safeParse(value).success).toBe(false);
    }
  });

  it('says why, on the field', () => {
    const result = personName.safeParse(`Asha${ZWSP}`);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/invisible or direction-changing/);
  });

  it('refuses a disguised file name on upload', () => {
    const upload = filesUpload.input.safeParse({
      name: `homework${RLO}fdp.exe`,
      mimeType: 'application/pdf',
      data: new Uint8Array([0x25, 0x50, 0x44, 0x46]),
      purpose: 'attachment',
    });
    expect(upload.success).toBe(false);
    expect(upload.error?.issues.map((i) => i.message).join(' ')).toMatch(/direction-changing/);
  });

  it('keeps multi-line prose as written (right-to-left writers may need direction marks)', () => {
    expect(text(4000, { multiline: true }).safeParse('שלום\u200f 123').success).toBe(true);
  });
});

describe('look-alike usernames', () => {
  it('fold into one key (NFKC, then lower case)', () => {
    expect(tenantUsernameKey('ｔ１')).toBe('t1');
    expect(tenantUsernameKey('T1')).toBe('t1');
    expect(tenantUsernameKey('ﬁona')).toBe('fiona');
    expect(tenantUsernameKey('e\u0301lise')).toBe(tenantUsernameKey('\u00e9lise'));
  });
});
