import type { EngineStatus } from '../../../shared/engine-status';
import type { DatabaseManager } from '../db/database-manager';
import type { PasswordHasher } from '../security/passwords';
import type { ActivityLogger } from './activity-log';
import type { HealthSources } from './system-health';

/** Who is acting, as the verified token and the transport tell it. Never taken from a request body. */
export interface Actor {
  userId: string;
  username: string;
  role: 'admin' | 'teacher' | 'student';
  /** The tenant database, from the token. */
  databaseName: string;
  ip: string;
  userAgent: string;
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
}
