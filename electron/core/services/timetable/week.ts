// The shape of the school week as slots: which day a slot is on, and where a block of periods may start.
import type { Slot, TimetableProblem } from './problem';

export type WeekShape = Pick<TimetableProblem, 'days' | 'periodsPerDay' | 'breaksAfter'>;

export function slotCount(week: WeekShape): number {
  return week.days * week.periodsPerDay;
}

export function dayOf(week: WeekShape, slot: Slot): number {
  return Math.floor(slot / week.periodsPerDay);
}

/** A block of `length` periods starting at `slot` stays on one day and does not straddle a break. */
export function blockFits(week: WeekShape, slot: Slot, length: number): boolean {
  if (!Number.isInteger(slot) || !Number.isInteger(length) || length < 1) return false;
  if (slot < 0 || slot >= slotCount(week)) return false;
  const first = slot % week.periodsPerDay;
  const last = first + length - 1;
  if (last >= week.periodsPerDay) return false;
  // A break after period b separates b and b + 1: a block may end at b but not run past it.
  return !week.breaksAfter.some((b) => b >= first && b < last);
}

/** How many groups of a lesson one day may hold: one, unless the lesson has more groups than the week days. */
export function groupsPerDayCap(week: WeekShape, groupCount: number): number {
  return Math.max(1, Math.ceil(groupCount / week.days));
}

export function nameOf(thing: { id: string; name?: string }): string {
  return thing.name ?? thing.id;
}
