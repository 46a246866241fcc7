import type { EngineStatus } from '../../../shared/engine-status';
import type { DatabaseManager } from '../db/database-manager';
import type { PasswordHasher } from '../security/passwords';
import type { ErrorCode } from '../../../shared/contract/errors';
import type { ActivityLogger } from './activity-log';
import type { ChatCircles, InstitutionReports } from './kept-values';
import type { EventBus } from './events/bus';
import type { NetworkOffice } from './network-office';

export type { Actor } from './actor';

/** What the router and the app know that the services do not: passed by the handler when available. */
export interface HealthSources {
  version?: string | undefined;
  /** API errors answered per code since a moment (the router counts them). */
  apiErrors?: (() => { since: Date; byCode: Partial<Record<ErrorCode, number>> }) | undefined;
  /** Where the signing key is kept (the runtime's secret store). */
  secrets?: { store: 'keychain' | 'file'; protection: string } | undefined;
  /** Problems logged today and the newest of them (the runtime's log file, redacted). */
  problems?: (() => { since: Date; count: number; recent: Array<{ at: Date; message: string }> }) | undefined;
  /** A folder on the disk that holds the app's data, for the free-space figure. */
  diskOf?: string | undefined;
}

/** Where backups go and what the host app can do with them (services/backup). */
export interface BackupHost {
  /** The folder holding one backup folder per institution (beside the engine's data directory). */
  root: string;
  appVersion: string;
  /** The desktop app: asks the admin where to save a copy (undefined: cancelled). The station has none. */
  chooseSavePath?: ((suggestedName: string) => Promise<string | undefined>) | undefined;
  /** The desktop app: asks the admin for a backup file to bring in (undefined: cancelled). */
  chooseOpenPath?: (() => Promise<string | undefined>) | undefined;
}

/** What services need; built once per app (Electron main or station). */
export interface ServiceDeps {
  db: DatabaseManager;
  passwords: PasswordHasher;
  activity: ActivityLogger;
  /** The engine supervisor's state for the health page; absent where no supervisor runs (tests, external URI). */
  engineStatus?: () => EngineStatus;
  /** Figures only the runtime knows (app version, API errors by code), for the health page. */
  health?: HealthSources;
  /** Where the services publish what they changed (services/events/bus.ts); absent where nothing listens. */
  events?: EventBus;
  /** The station's network service (devices, pairing), when it runs. */
  network?: NetworkOffice | undefined;
  /** Backups: absent where the runtime keeps none (most tests). */
  backups?: BackupHost;
  /** Who may chat with whom, kept per person where this process is the one writer (services/chat-circles.ts). */
  chatCircles?: ChatCircles | undefined;
  /** What the institution report reads that grows with the school, kept likewise (institution-report-base.ts). */
  institutionReports?: InstitutionReports | undefined;
}
