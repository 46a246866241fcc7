import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayKey, daySpans, perDaySeries } from '../../electron/core/db/aggregate-in-service';

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'Asia/Kolkata',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
];

describe('daySpans', () => {
  it('lists the days perDaySeries lists, each from the instant it starts to the instant the next starts', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom(...ZONES),
        (from, days, zone) => {
          const to = new Date(from.getTime() + days * 864e5);
          const spans = daySpans(from, to, zone);
          expect(spans.map((s) => s.day)).toEqual(perDaySeries([], from, to, zone).map((d) => d.day));
          for (const [i, s] of spans.entries()) {
            expect(dayKey(s.start, zone)).toBe(s.day);
            expect(dayKey(new Date(s.start.getTime() - 1), zone)).not.toBe(s.day);
            expect(dayKey(new Date(s.end.getTime() - 1), zone)).toBe(s.day);
            expect(dayKey(s.end, zone)).not.toBe(s.day);
            if (i > 0) expect(s.start).toEqual(spans[i - 1]!.end);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps a day of 23 and of 25 hours whole (daylight saving time)', () => {
    const spans = daySpans(
      new Date('2026-03-28T12:00:00Z'),
      new Date('2026-10-26T12:00:00Z'),
      'Europe/Berlin',
    );
    const hours = (day: string) => {
      const s = spans.find((x) => x.day === day)!;
      return (s.end.getTime() - s.start.getTime()) / 36e5;
    };
    expect(hours('2026-03-29')).toBe(23);
    expect(hours('2026-10-25')).toBe(25);
    expect(hours('2026-06-01')).toBe(24);
  });
});
