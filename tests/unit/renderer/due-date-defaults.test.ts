/** The assignment form's default due date and the typed due day (issue 19, finding 8). */
import { describe, expect, it } from 'vitest';
import {
  defaultDueDate,
  formatDay,
  parseDay,
  splitLocal,
} from '../../../renderer/src/features/assignments/utils/assignment-rules';

describe('defaultDueDate', () => {
  it('is a week ahead at 17:00, on a weekday', () => {
    // 30 Nov 2026 is a Monday.
    for (let offset = 0; offset < 14; offset += 1) {
      const now = new Date(2026, 10, 30 + offset, 10, 30);
      const due = defaultDueDate(now);
      expect([0, 6]).not.toContain(due.getDay());
      expect(splitLocal(due).time).toBe('17:00');
      const days = Math.round((due.getTime() - now.getTime()) / 86_400_000);
      expect(days).toBeGreaterThanOrEqual(7);
      expect(days).toBeLessThanOrEqual(9);
    }
    // From a Monday: the next Monday. From a Saturday: a week ahead is a Saturday, so the Monday after.
    expect(splitLocal(defaultDueDate(new Date(2026, 10, 30, 9))).day).toBe('2026-12-07');
    expect(splitLocal(defaultDueDate(new Date(2026, 11, 5, 9))).day).toBe('2026-12-14');
  });
});

describe('parseDay', () => {
  it('reads what the field shows and the ISO form; refuses a day without a year', () => {
    const day = new Date(2026, 11, 7);
    expect(parseDay(formatDay(day))).toBe('2026-12-07');
    expect(parseDay(' 2026-12-07 ')).toBe('2026-12-07');
    expect(parseDay('Mon, Dec 7, 2026')).toBe('2026-12-07');
    expect(parseDay('Dec 7')).toBeNull();
    expect(parseDay('soon')).toBeNull();
  });
});
