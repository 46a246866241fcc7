/**
 * The real router over the real data layer on the shared test engine, as both transports call it.
 * Every successful reply is checked for password hashes on the way out.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { makeTempDir } from './temp-dir';
import type { ApiResult } from '../../shared/contract/errors';
import type { EngineStatus } from '../../shared/engine-status';
import { createRouter, type Router } from '../../electron/core/api/router';
import type { EngineSupervisor } from '../../electron/core/engine/supervisor';
import { createThrottles } from '../../electron/core/security/throttles';
import { LOCAL_CALLER } from '../../electron/core/services/institutions';
import { createTokenService, type TokenService } from '../../electron/core/security/tokens';
import { createUrlTickets } from '../../electron/core/security/url-tickets';
import { createEventBus } from '../../electron/core/services/events/bus';
import type { AuthDeps } from '../../electron/core/services/auth';
import { createSessionCache } from '../../electron/core/services/session-cache';
import { createChatCircles } from '../../electron/core/services/chat-circles';
import { createInstitutionReports } from '../../electron/core/services/institution-report-base';
import { openServices, uniqueAdmin } from './services';

/** The engine as the router sees it: the global setup's engine is already running. */
export function runningEngine(): EngineSupervisor {
  const status: EngineStatus = {
    state: 'ready',
    mode: 'embedded',
    since: new Date().toISOString(),
    restarts: 0,
  };
  return {
    start: () => Promise.reject(new Error('the test engine is started by the global setup')),
    stop: () => Promise.resolve(),
    status: () => status,
    connection: () => undefined,
    pid: () => undefined,
    on: () => () => undefined,
  };
}

export interface TestApi {
  router: Router;
  deps: AuthDeps;
  tokens: TokenService;
  /** `from`: the caller's address (127.0.0.1 when not said; LOCAL_CALLER for the desktop's own window). */
  call(channel: string, input: unknown, token?: string, from?: string): Promise<ApiResult<unknown>>;
  /** Calls and expects success; returns the data. */
  ok<T = Record<string, unknown>>(channel: string, input: unknown, token?: string, from?: string): Promise<T>;
  close(): Promise<void>;
}

const HASH = /\$2[aby]\$\d\d\$/;

function assertNoSecrets(value: unknown, path = 'data'): void {
  if (typeof value === 'string') {
    expect(value, path).not.toMatch(HASH);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertNoSecrets(v, `${path}.${i}`));
  } else if (
    value &&
    typeof value === 'object' &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  ) {
    for (const [k, v] of Object.entries(value)) {
      expect(k, path).not.toMatch(/password|hash/i);
      assertNoSecrets(v, `${path}.${k}`);
    }
  }
}

export async function openApi(): Promise<TestApi> {
  const services = await openServices();
  const secret = randomBytes(48).toString('base64url');
  const tokens = createTokenService(secret);
  // Backups in a throwaway folder; the dialogs answer as if the admin cancelled them.
  const backups = makeTempDir('crm-api-backups');
  const deps: AuthDeps = {
    ...services,
    tokens,
    tickets: createUrlTickets(secret),
    throttles: createThrottles(),
    // As the station on its embedded engine runs: every API test keeps sessions, chat partners and the report's base.
    sessions: createSessionCache(),
    chatCircles: createChatCircles(),
    institutionReports: createInstitutionReports(),
    events: createEventBus(),
    backups: {
      root: backups.dir,
      appVersion: 'test',
      chooseSavePath: () => Promise.resolve(undefined),
      chooseOpenPath: () => Promise.resolve(undefined),
    },
  };
  const router = createRouter({ engine: runningEngine(), services: () => deps, logger: () => undefined });
  const call = async (channel: string, input: unknown, token?: string, from = '127.0.0.1') => {
    const result = await router.dispatch(channel, input, { token, ip: from, userAgent: 'vitest' });
    if (result.ok) assertNoSecrets(result.data);
    return result;
  };
  return {
    router,
    deps,
    tokens,
    call,
    async ok<T>(channel: string, input: unknown, token?: string, from?: string) {
      const result = await call(channel, input, token, from);
      if (!result.ok)
        throw new Error(
          `${channel} failed: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`,
        );
      return result.data as T;
    },
    close: async () => {
      await services.close();
      backups.remove();
    },
  };
}

export interface School {
  admin: { id: string; username: string; token: string; databaseName: string };
  teacher: { id: string; username: string; token: string };
  students: Array<{ id: string; username: string; token: string }>;
  classId: string;
  password: string;
}

/**
 * Registers an institution through the API and fills it: a teacher, two students, a class. Registered from
 * the station's own window, as a school sets itself up (registering over the network is throttled).
 */
export async function buildSchool(api: TestApi): Promise<School> {
  const password = 'Campus-2026';
  const username = uniqueAdmin('sch');
  const registered = await api.ok<{ admin: { id: string }; databaseName: string }>(
    'auth.registerInstitution',
    {
      username,
      password,
      name: 'Office',
      institutionName: `School ${username}`,
    },
    undefined,
    LOCAL_CALLER,
  );
  const adminLogin = await api.ok<{ token: string }>('auth.login', { username, password });
  const token = adminLogin.token;
  const make = async (role: 'teacher' | 'student', name: string) => {
    const user = await api.ok<{ id: string; username: string }>(
      'users.create',
      { role, username: name, password, name },
      token,
    );
    const login = await api.ok<{ token: string }>('auth.login', {
      institution: username,
      username: name,
      password,
    });
    return { id: user.id, username: user.username, token: login.token };
  };
  const teacher = await make('teacher', 'Pratik sir');
  const students = [await make('student', 'Asha'), await make('student', 'Ravi')];
  const cls = await api.ok<{ id: string }>(
    'classes.create',
    { name: 'Class 7-A', grade: 7, section: 'A', teacherId: teacher.id, maxStudents: 30 },
    token,
  );
  await api.ok('classes.addStudents', { classId: cls.id, studentIds: students.map((s) => s.id) }, token);
  return {
    admin: { id: registered.admin.id, username, token, databaseName: registered.databaseName },
    teacher,
    students,
    classId: cls.id,
    password,
  };
}

/** The suite's API and school, filled in by `useSchool()`'s hooks before the file's own `beforeAll` runs. */
export let api: TestApi;
export let school: School;

/** Opens the API on the shared test engine and builds a school, once per test file; closes it after. */
export function useSchool(): void {
  beforeAll(async () => {
    api = await openApi();
    school = await buildSchool(api);
  });
  afterAll(() => api?.close());
}
