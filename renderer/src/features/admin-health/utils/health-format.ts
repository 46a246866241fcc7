/** Figures on the health page in the reader's locale: sizes, durations, counts, engine states. */
import type { EngineState } from '../../../../../shared/engine-status';

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;

/** 0 → "0 bytes", 1536 → "1.5 KB", 10 485 760 → "10 MB" (binary multiples, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 bytes';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  const number = value.toLocaleString(undefined, { maximumFractionDigits: digits });
  return `${number} ${UNITS[unit] ?? ''}`.trim();
}

export function formatCount(n: number): string {
  return n.toLocaleString();
}

/** 3725 → "1 h 2 min", 42 → "42 s". */
export function formatUptime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${s % 60} s`;
  return `${s} s`;
}

export function formatMs(ms: number): string {
  return `${ms.toLocaleString(undefined, { maximumFractionDigits: ms < 10 ? 1 : 0 })} ms`;
}

export function formatTime(date: Date): string {
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export const ENGINE_STATE_LABELS: Readonly<Record<EngineState, string>> = {
  ready: 'Ready',
  starting: 'Starting',
  restarting: 'Restarting',
  stopped: 'Stopped',
  failed: 'Failed',
};

export const ENGINE_STATE_COLORS: Readonly<Record<EngineState, string>> = {
  ready: 'teal',
  starting: 'yellow',
  restarting: 'orange',
  stopped: 'gray',
  failed: 'red',
};

/** The share of lookups the handle cache answered, or null before any. */
export function hitRate(hits: number, misses: number): string | null {
  const all = hits + misses;
  return all === 0 ? null : `${Math.round((hits / all) * 100)}%`;
}
