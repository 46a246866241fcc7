import type { DatabaseManager } from '../db/database-manager';
import type { PasswordHasher } from '../security/passwords';
import type { ActivityLogger } from './activity-log';

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
}
