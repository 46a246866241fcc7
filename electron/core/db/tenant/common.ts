import type { Schema } from 'mongoose';
import { subsetGuardPlugin } from '../subset-plugin';

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;
/** `H:MM-HH:MM` or `HH:MM-HH:MM`, 24-hour clock (the original system writes "9:00-9:30"). */
export const TIME_SLOT = /^([01]?\d|2[0-3]):[0-5]\d-([01]?\d|2[0-3]):[0-5]\d$/;

/** Minutes since midnight of both ends of a time slot, or null when malformed. */
export function parseTimeSlot(slot: string): { start: number; end: number } | null {
  if (!TIME_SLOT.test(slot)) return null;
  const [start, end] = slot.split('-').map((part) => {
    const [h, m] = part.split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
  });
  return start !== undefined && end !== undefined ? { start, end } : null;
}

/** Every tenant schema gets the subset guard. */
export function guarded<S extends Schema>(schema: S): S {
  schema.plugin(subsetGuardPlugin);
  return schema;
}
