/** Which page a list reads beside the rows shown, and which by number (issue 12: people pages by keyset). */
import { describe, expect, it } from 'vitest';
import { anchorFor, pageCount } from '../../../renderer/src/lib/paging';

const row = (name: string, id: string) => ({ name, id });
const shown = { page: 7, items: [row('Asha', 'a1'), row('Asha', 'a2'), row('Bala', 'b1')] };
const cursorOf = (r: { name: string; id: string }) => ({ name: r.name, id: r.id });

describe('list paging', () => {
  it('reads the next page after the last row shown and the previous one before the first', () => {
    expect(anchorFor(8, shown, cursorOf)).toEqual({ after: { name: 'Bala', id: 'b1' } });
    expect(anchorFor(6, shown, cursorOf)).toEqual({ before: { name: 'Asha', id: 'a1' } });
  });

  it('reads a jump, page 1, the page shown and anything before an answer by number', () => {
    expect(anchorFor(9, shown, cursorOf)).toBeNull();
    expect(anchorFor(3, shown, cursorOf)).toBeNull();
    expect(anchorFor(7, shown, cursorOf)).toBeNull();
    expect(anchorFor(1, { page: 2, items: shown.items }, cursorOf)).toBeNull();
    expect(anchorFor(2, undefined, cursorOf)).toBeNull();
    // An empty page has no row to read beside.
    expect(anchorFor(8, { page: 7, items: [] }, cursorOf)).toBeNull();
  });

  it('counts pages, an empty list as one', () => {
    expect(pageCount(0, 25)).toBe(1);
    expect(pageCount(5300, 25)).toBe(212);
  });
});
