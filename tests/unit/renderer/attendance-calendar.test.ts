/** The pure rule behind the office's attendance calendar: one status per day, the one that needs attention. */
import { describe, expect, it } from 'vitest';
import { statusByDay } from '../../../renderer/src/features/attendance/utils/attendance-format';

describe('statusByDay', () => {
  it('shows absent over late over excused over present when a day has several registers', () => {
    const days = statusByDay([
      { date: '2026-03-02', status: 'present' },
      { date: '2026-03-02', status: 'late' },
      { date: '2026-03-02', status: 'excused' },
      { date: '2026-03-03', status: 'excused' },
      { date: '2026-03-03', status: 'present' },
      { date: '2026-03-04', status: 'late' },
      { date: '2026-03-04', status: 'absent' },
      { date: '2026-03-05', status: 'present' },
    ]);
    expect([...days]).toEqual([
      ['2026-03-02', 'late'],
      ['2026-03-03', 'excused'],
      ['2026-03-04', 'absent'],
      ['2026-03-05', 'present'],
    ]);
  });
});
