/** Figures on the health page in the reader's locale: sizes, durations, counts, engine states. */
import type { SystemHealth } from '../../../../../shared/contract';
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

/** Percent of the disk that is free, rounded. */
export function diskShare(disk: { free: number; total: number }): number {
  return disk.total > 0 ? Math.round((disk.free / disk.total) * 100) : 0;
}

/** Below this much free space (or share) the page asks for attention: backups need room. */
const LOW_DISK_BYTES = 2 * 1024 ** 3;
const LOW_DISK_SHARE = 10;

/** What needs the office's attention, in plain words; empty when everything is working. */
export function attentionPoints(health: SystemHealth): string[] {
  const points: string[] = [];
  const s = health.summary;
  if (health.engine.state !== 'ready') points.push('The database is not working right now.');
  if (s?.backup?.failedScheduled) points.push('The last scheduled backup failed.');
  else if (s?.backup?.last && !s.backup.last.ok) points.push('The last backup failed.');
  if (s?.backup && !s.backup.last) points.push('No backup has been made yet.');
  if (s?.disk && (s.disk.free < LOW_DISK_BYTES || diskShare(s.disk) < LOW_DISK_SHARE))
    points.push(`The disk is nearly full: ${formatBytes(s.disk.free)} free.`);
  if (s && s.problems > 0)
    points.push(s.problems === 1 ? 'There was 1 problem today.' : `There were ${s.problems} problems today.`);
  return points;
}

/** What support needs, as text for the clipboard: versions, engine state, recent problems, sizes. */
export function diagnosticsText(health: SystemHealth, now = new Date()): string {
  const s = health.summary;
  const lines = [
    `Smart School CRM diagnostics, ${now.toISOString()}`,
    `App version: ${health.version}; running for ${formatUptime(health.uptimeSeconds)}`,
    `Engine: ${health.engine.mode}, ${health.engine.state} since ${health.engine.since}, restarts ${health.engine.restarts}${health.engine.detail ? ` (${health.engine.detail})` : ''}`,
    `Connections: ${health.connections.current ?? '?'} open, pool ${health.connections.maxPoolSize}; tenant handles ${health.tenantHandles.open}/${health.tenantHandles.max}`,
    `Secrets: ${health.secrets.store} (${health.secrets.protection})`,
    ...health.storage.databases.map(
      (d) =>
        `Storage ${d.name}: ${formatBytes(d.storageSize)} on disk, ${d.objects} documents, ${d.collections} collections`,
    ),
    `Other institutions: ${health.storage.otherTenants.databases}, ${formatBytes(health.storage.otherTenants.storageSize)}`,
    s?.disk ? `Disk: ${formatBytes(s.disk.free)} free of ${formatBytes(s.disk.total)}` : 'Disk: not reported',
    s?.backup?.last
      ? `Last backup: ${s.backup.last.at.toISOString()} ${s.backup.last.ok ? `ok, ${formatBytes(s.backup.last.size ?? 0)}` : `failed: ${s.backup.last.message ?? ''}`}`
      : 'Last backup: none',
    `API errors since ${health.errors.since.toISOString()}: ${
      Object.entries(health.errors.byCode)
        .filter(([, n]) => n > 0)
        .map(([code, n]) => `${code} ${n}`)
        .join(', ') || 'none'
    }; failed log writes ${health.errors.loggingFailures}`,
    `Problems today: ${s?.problems ?? 0}`,
    ...(s?.recentProblems ?? []).map((p) => `  ${p.at.toISOString()} ${p.message}`),
  ];
  return lines.join('\n');
}
