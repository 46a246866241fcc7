import { randomBytes } from 'node:crypto';
import { expect, inject } from 'vitest';
import { DatabaseManager, type DatabaseManagerOptions } from '../../electron/core/db/database-manager';
import { createPasswordHasher } from '../../electron/core/security/passwords';
import { createActivityLogger, type ActivityLoggerOptions } from '../../electron/core/services/activity-log';
import type { Actor, ServiceDeps } from '../../electron/core/services/context';
import { registerInstitution, type InstitutionAdmin } from '../../electron/core/services/institutions';
import { AppError } from '../../electron/core/errors/app-error';
import { createThrottles } from '../../electron/core/security/throttles';
import { createTokenService } from '../../electron/core/security/tokens';
import { createUrlTickets } from '../../electron/core/security/url-tickets';
import type { AuthDeps } from '../../electron/core/services/auth';

export interface TestServices extends ServiceDeps {
  close(): Promise<void>;
}

/** The real data layer on the shared test engine; bcrypt cost 4 keeps tests quick (production uses 10). */
export async function openServices(
  options: DatabaseManagerOptions & { activity?: ActivityLoggerOptions } = {},
): Promise<TestServices> {
  // Command events on: tests count the commands a call sends (support/commands.ts).
  const db = await DatabaseManager.open(inject('engine'), {
    logger: () => undefined,
    monitorCommands: true,
    ...options,
  });
  const passwords = createPasswordHasher({ cost: 4 });
  const activity = createActivityLogger(db, { logger: () => undefined, ...options.activity });
  return {
    db,
    passwords,
    activity,
    close: async () => {
      await passwords.close();
      await db.close();
    },
  };
}

export const origin = { ip: '127.0.0.1', userAgent: 'vitest' };

/** A unique admin username for a test (3–32 characters). */
export function uniqueAdmin(prefix = 'adm'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export async function newInstitution(
  deps: ServiceDeps,
  username = uniqueAdmin(),
): Promise<{ admin: InstitutionAdmin; actor: Actor }> {
  const admin = await registerInstitution(
    deps,
    { username, password: 'Secret123', name: 'Office', institutionName: `School ${username}` },
    origin,
  );
  return {
    admin,
    actor: {
      userId: admin.id,
      username: admin.username,
      role: 'admin',
      databaseName: admin.databaseName,
      ...origin,
    },
  };
}

/** For `rejects.toSatisfy(errorCode('NOT_FOUND'))`: an AppError with this code. */
export const errorCode = (expected: string) => (err: unknown) =>
  err instanceof AppError && err.code === expected;

/** Asymmetric matchers are typed `any`; these name what they stand for. */
export const anyText = expect.any(String) as string;
export const matching = (pattern: RegExp) => expect.stringMatching(pattern) as string;

/** The actor a person of an institution acts as, from the test's origin. */
export function actorFor(
  user: { id: string; username: string; role: Actor['role'] },
  databaseName: string,
): Actor {
  return { userId: user.id, username: user.username, role: user.role, databaseName, ...origin };
}

/** What signing in needs on top of the services: token and ticket keys of its own, fresh throttles. */
export function authDeps(deps: ServiceDeps): AuthDeps {
  const secret = randomBytes(48).toString('base64url');
  return {
    ...deps,
    tokens: createTokenService(secret),
    tickets: createUrlTickets(secret),
    throttles: createThrottles(),
  };
}
