/**
 * Signing in and out, and turning a token back into the actor every other service works for. The tenant always
 * comes from the signed token; the user, the institution and the token version are checked on every request,
 * so a deleted or deactivated account, a deleted institution or a changed password ends the session at once.
 */
import type { TokenClaims, TokenService } from '../security/tokens';
import type { UrlTickets } from '../security/url-tickets';
import { waitPhrase, type Throttles } from '../security/throttles';
import {
  ADMIN_USERNAME_PATTERN,
  isStrongEnoughPassword,
  legacyTenantUsernameKey,
  tenantUsernameKey,
} from '../../../shared/domain';
import type { Types } from 'mongoose';
import type { TenantHandle } from '../db/database-manager';
import { adminUsernameKey } from '../db/names';
import { sessionGeneration } from '../db/session-generation';
import type { TenantModels } from '../db/tenant';
import { AppError } from '../errors/app-error';
import type { Actor, ServiceDeps } from './context';
import { sessionsChanged } from './events/publish';
import { LOCAL_CALLER, type Origin } from './institutions';
import type { SessionCache, SessionFacts } from './session-cache';

export interface AuthDeps extends ServiceDeps {
  tokens: TokenService;
  /** Tickets for URLs opened without an Authorization header (event stream, file links). */
  tickets: UrlTickets;
  throttles: Throttles;
  /** What the session check read, kept while nothing that could end a session was written (absent: none). */
  sessions?: SessionCache | undefined;
}

export interface SessionUser {
  id: string;
  role: 'admin' | 'teacher' | 'student';
  name: string;
  username: string;
  institutionName: string;
  mustChangePassword?: boolean;
}

export interface LoginInput {
  institution?: string | undefined;
  /** The institution's registry id, as auth.institutions lists it. */
  institutionKey?: string | undefined;
  username: string;
  password: string;
}

const WRONG_CREDENTIALS = 'The institution, username or password is not correct.';

/** Keys were NFC before they were NFKC: an account made then is still found by its old key. */
async function findTenantUser(models: TenantModels, username: string) {
  const key = tenantUsernameKey(username);
  const found = await models.User.findOne({ usernameKey: key }).select('+password').lean();
  const legacy = legacyTenantUsernameKey(username);
  if (found || legacy === key) return found;
  return models.User.findOne({ usernameKey: legacy }).select('+password').lean();
}

/** Look-alike spellings of one name (NFKC) share one record. */
function throttleKey(institution: string | undefined, username: string): string {
  return `${institution?.toLowerCase() ?? ''}|${tenantUsernameKey(username)}`;
}

function rateLimited(seconds: number, what = 'Too many failed sign-ins'): AppError {
  return new AppError('RATE_LIMITED', `${what}. Try again in ${waitPhrase(seconds)}.`);
}

/**
 * The institutions of this station by display name, for the sign-in screen (auth.institutions). The key is the
 * registry entry's id, not the admin username: that is the office's sign-in name, and a list anyone on the
 * network can read should not hand out half of the admin's credentials.
 */
export async function listInstitutions(
  deps: AuthDeps,
  origin: Origin,
): Promise<{ institutions: { key: string; name: string }[] }> {
  if (origin.ip !== LOCAL_CALLER) {
    const wait = deps.throttles.directory.take(origin.ip);
    if (wait > 0) throw rateLimited(wait, 'Too many requests for the list of schools');
  }
  const found = await deps.db.masterModels.AdminRegistry.find(
    { state: 'active', isActive: true },
    { institutionName: 1 },
  )
    .sort({ institutionName: 1, _id: 1 })
    .limit(1000)
    .lean();
  return { institutions: found.map((i) => ({ key: i._id.toString(), name: i.institutionName })) };
}

/**
 * The admin username behind an institution key, so signing in by key and by username share one throttle record
 * and one path. An unknown key answers a name no institution has, which fails like a wrong institution.
 */
async function institutionByKey(deps: AuthDeps, input: LoginInput): Promise<string | undefined> {
  if (input.institutionKey === undefined) return input.institution;
  const found = await deps.db.masterModels.AdminRegistry.findOne(
    { _id: input.institutionKey, state: 'active', isActive: true },
    { username: 1 },
  ).lean();
  return found?.username ?? `#${input.institutionKey}`;
}

export async function login(
  deps: AuthDeps,
  given: LoginInput,
  origin: Origin,
): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
  const input: LoginInput = {
    institution: await institutionByKey(deps, given),
    username: given.username,
    password: given.password,
  };
  const key = throttleKey(input.institution, input.username);
  const wait = deps.throttles.accounts.retryAfter(key);
  if (wait > 0) throw rateLimited(wait);
  // Many usernames tried from one address (password spraying) wait too, whichever name comes next.
  const fromAddress = deps.throttles.addresses.retryAfter(origin.ip);
  if (fromAddress > 0) throw rateLimited(fromAddress, 'Too many failed sign-ins from this computer');
  return input.institution === undefined
    ? adminLogin(deps, input, key, origin)
    : tenantLogin(deps, input, key, origin);
}

/**
 * Registering makes a database, so callers on the network may register a few an hour each and all together;
 * the desktop app's own window is a local action and stays free.
 */
export function allowRegistration(deps: AuthDeps, origin: Origin): void {
  if (origin.ip === LOCAL_CALLER) return;
  const wait = deps.throttles.registrations.take(origin.ip);
  if (wait > 0) throw rateLimited(wait, 'Too many institutions registered from here');
}

/**
 * Runs a password confirmation (e.g. deleting the institution) under the account throttle: its wrong password
 * answers VALIDATION on the `password` field, and 5 of them make the next tries wait.
 */
export async function throttledConfirmation<T>(
  deps: AuthDeps,
  what: string,
  actor: Actor,
  confirm: () => Promise<T>,
): Promise<T> {
  const key = `${what}|${actor.databaseName}|${actor.userId}`;
  const wait = deps.throttles.accounts.retryAfter(key);
  if (wait > 0) throw rateLimited(wait, 'Too many wrong passwords');
  try {
    const result = await confirm();
    deps.throttles.accounts.succeed(key);
    return result;
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION' && err.fields?.password) {
      deps.throttles.accounts.fail(key, true);
    }
    throw err;
  }
}

/** A failed sign-in counts for the name tried and for the caller's address. */
function signInFailed(deps: AuthDeps, key: string, origin: Origin, accountExists: boolean): void {
  deps.throttles.accounts.fail(key, accountExists);
  deps.throttles.addresses.fail(origin.ip, false);
}

async function adminLogin(deps: AuthDeps, input: LoginInput, key: string, origin: Origin) {
  const { AdminRegistry } = deps.db.masterModels;
  const usernameKey = adminUsernameKey(input.username);
  const admin = await AdminRegistry.findOne({ usernameKey }).select('+password').lean();
  const usable = admin && admin.state === 'active' && admin.isActive !== false;
  const ok = usable
    ? await deps.passwords.verify(input.password, admin.password)
    : await deps.passwords.verifyNothing(input.password);
  if (!ok || !admin) {
    signInFailed(deps, key, origin, admin !== null);
    if (admin) {
      await deps.activity.recordMaster(
        {
          userId: admin._id.toString(),
          username: input.username,
          role: 'admin',
          databaseName: admin.databaseName,
          ...origin,
        },
        { action: 'LOGIN_FAILED', targetType: 'SESSION', targetName: input.username },
      );
    }
    throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }
  deps.throttles.accounts.succeed(key);
  const mustChangePassword = await flagWeakPassword(
    deps.db.masterModels.AdminRegistry,
    admin,
    input.password,
  );
  return startSession(deps, origin, {
    userId: admin._id,
    role: 'admin',
    username: admin.username,
    name: admin.name,
    databaseName: admin.databaseName,
    institutionName: admin.institutionName,
    tokenVersion: admin.tokenVersion,
    mustChangePassword,
  });
}

async function tenantLogin(deps: AuthDeps, input: LoginInput, key: string, origin: Origin) {
  // An unknown institution key arrives as a name no admin can have: it fails like a wrong institution.
  const named = input.institution ?? '';
  const institution = ADMIN_USERNAME_PATTERN.test(named)
    ? await deps.db.masterModels.AdminRegistry.findOne({
        usernameKey: adminUsernameKey(named),
        state: 'active',
        isActive: true,
      }).lean()
    : null;
  const tenant = institution ? await deps.db.tenant(institution.databaseName) : undefined;
  const user = tenant ? await findTenantUser(tenant.models, input.username) : null;
  const usable = user && user.isActive !== false;
  const ok = usable
    ? await deps.passwords.verify(input.password, user.password)
    : await deps.passwords.verifyNothing(input.password);
  if (!ok || !user || !institution) {
    signInFailed(deps, key, origin, user !== null);
    if (institution) {
      await deps.activity.record(
        {
          userId: user?._id.toString(),
          username: input.username,
          role: user?.role ?? 'unknown',
          databaseName: institution.databaseName,
          ...origin,
        },
        { action: 'LOGIN_FAILED', targetType: 'SESSION', targetName: input.username },
      );
    }
    throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }
  deps.throttles.accounts.succeed(key);
  const mustChangePassword = tenant
    ? await flagWeakPassword(tenant.models.User, user, input.password)
    : false;
  return startSession(deps, origin, {
    userId: user._id,
    role: user.role,
    username: user.username,
    name: user.name,
    databaseName: institution.databaseName,
    institutionName: institution.institutionName,
    tokenVersion: user.tokenVersion ?? 0,
    mustChangePassword,
  });
}

/** The account a sign-in succeeded for, admin or tenant user: what its session and reply are made of. */
interface SignedIn {
  userId: Types.ObjectId;
  role: SessionUser['role'];
  username: string;
  name: string;
  databaseName: string;
  institutionName: string;
  tokenVersion: number;
  mustChangePassword: boolean;
}

/** Issues the session token, logs the sign-in and answers with the session's user. */
async function startSession(
  deps: AuthDeps,
  origin: Origin,
  account: SignedIn,
): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
  const { token, claims } = deps.tokens.issue({
    sub: account.userId.toString(),
    role: account.role,
    db: account.databaseName,
    ver: account.tokenVersion,
  });
  await deps.activity.record(
    {
      userId: account.userId.toString(),
      username: account.username,
      role: account.role,
      databaseName: account.databaseName,
      ...origin,
    },
    { action: 'LOGIN', targetType: 'SESSION', targetId: account.userId, targetName: account.username },
  );
  return {
    token,
    expiresAt: new Date(claims.exp * 1000),
    user: {
      id: account.userId.toString(),
      role: account.role,
      name: account.name,
      username: account.username,
      institutionName: account.institutionName,
      ...(account.mustChangePassword ? { mustChangePassword: true } : {}),
    },
  };
}

/**
 * A password that signs in but would not be accepted today (accounts moved in from the original system kept
 * their hashes, short passwords included) marks the account: the app asks for a new one until it is changed.
 */
async function flagWeakPassword(
  model: {
    updateOne(filter: object, update: object): { exec(): Promise<unknown> };
  },
  account: { _id: unknown; mustChangePassword?: boolean | null | undefined },
  password: string,
): Promise<boolean> {
  if (account.mustChangePassword === true) return true;
  if (isStrongEnoughPassword(password)) return false;
  await model.updateOne({ _id: account._id }, { $set: { mustChangePassword: true } }).exec();
  return true;
}

/**
 * The actor a token stands for, or UNAUTHENTICATED: a forged, expired or signed-out token, a deleted or
 * deactivated user or institution, or a token older than the last password change.
 */
export async function authenticate(
  deps: AuthDeps,
  token: string | undefined,
  origin: Origin,
): Promise<{ actor: Actor; claims: Readonly<TokenClaims> }> {
  const claims = token ? deps.tokens.verify(token) : null;
  if (!claims) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Please sign in again.');
  return { actor: await actorOfClaims(deps, claims, origin), claims };
}

/**
 * The actor of verified claims (a session token's, or a URL ticket's: security/url-tickets.ts), or
 * UNAUTHENTICATED when the session has ended since they were signed.
 */
export async function actorOfClaims(
  deps: AuthDeps,
  claims: Readonly<TokenClaims>,
  origin: Origin,
): Promise<Actor> {
  const { username } = await sessionFacts(deps, claims);
  return { userId: claims.sub, username, role: claims.role, databaseName: claims.db, ...origin };
}

/**
 * The session behind verified claims, or UNAUTHENTICATED: from the session cache when nothing that could end
 * it was written since it was read (services/session-cache.ts), otherwise read.
 */
async function sessionFacts(deps: AuthDeps, claims: Readonly<TokenClaims>): Promise<SessionFacts> {
  const kept = deps.sessions?.get(claims);
  if (kept) return kept;
  // Taken before the reads: a write that lands while they run moves it, and what they found is not kept.
  const generation = sessionGeneration();
  const facts = await readSession(deps, claims);
  deps.sessions?.set(claims, generation, facts);
  return facts;
}

async function readSession(deps: AuthDeps, claims: Readonly<TokenClaims>): Promise<SessionFacts> {
  const ended = new AppError('UNAUTHENTICATED', 'Your session has ended. Please sign in again.');
  // All at once: every uncached request pays for these. A tenant is opened only after the registry says it is
  // active (opening it would create a deleted institution's collections again); one already open in this
  // process is read beside the registry, and what it answers counts only if the registry agrees.
  const open = claims.role === 'admin' ? undefined : deps.db.openedTenant(claims.db);
  const [revoked, registry, early] = await Promise.all([
    deps.db.masterModels.RevokedToken.exists({ jti: claims.jti }),
    deps.db.masterModels.AdminRegistry.findOne(
      { databaseName: claims.db },
      {
        state: 1,
        isActive: 1,
        tokenVersion: 1,
        username: 1,
        name: 1,
        institutionName: 1,
        mustChangePassword: 1,
      },
    ).lean(),
    open ? sessionUserOf(open, claims.sub) : undefined,
  ]);
  if (revoked) throw ended;
  if (!registry || registry.state !== 'active' || registry.isActive === false) throw ended;

  if (claims.role === 'admin') {
    if (registry._id.toString() !== claims.sub || registry.tokenVersion !== claims.ver) throw ended;
    return {
      username: registry.username,
      name: registry.name,
      institutionName: registry.institutionName,
      mustChangePassword: registry.mustChangePassword === true,
    };
  }
  const user = early !== undefined ? early : await sessionUserOf(await deps.db.tenant(claims.db), claims.sub);
  if (
    !user ||
    user.isActive === false ||
    user.role !== claims.role ||
    (user.tokenVersion ?? 0) !== claims.ver
  )
    throw ended;
  return {
    username: user.username,
    name: user.name,
    institutionName: registry.institutionName,
    mustChangePassword: user.mustChangePassword === true,
  };
}

/** What the session check needs of a tenant's user. */
function sessionUserOf(tenant: TenantHandle, userId: string) {
  return tenant.models.User.findById(userId, {
    role: 1,
    isActive: 1,
    tokenVersion: 1,
    username: 1,
    name: 1,
    mustChangePassword: 1,
  }).lean();
}

export async function me(
  deps: AuthDeps,
  actor: Actor,
  claims: Readonly<TokenClaims>,
): Promise<{ user: SessionUser; expiresAt: Date }> {
  // The session check that let this call in has just read (or kept) these.
  const session = await sessionFacts(deps, claims);
  return {
    user: {
      id: actor.userId,
      role: actor.role,
      name: session.name,
      username: actor.username,
      institutionName: session.institutionName,
      ...(session.mustChangePassword ? { mustChangePassword: true } : {}),
    },
    expiresAt: new Date(claims.exp * 1000),
  };
}

export async function logout(
  deps: AuthDeps,
  actor: Actor,
  claims: Readonly<TokenClaims>,
): Promise<{ ok: true }> {
  await deps.db.masterModels.RevokedToken.updateOne(
    { jti: claims.jti },
    { $setOnInsert: { jti: claims.jti, expiresAt: new Date(claims.exp * 1000) } },
    { upsert: true },
  );
  await changedOwnSession(deps, actor, 'LOGOUT', 'SESSION');
  return { ok: true };
}

export async function changePassword(
  deps: AuthDeps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<{ token: string; expiresAt: Date }> {
  const key = `password|${actor.databaseName}|${actor.userId}`;
  const wait = deps.throttles.accounts.retryAfter(key);
  if (wait > 0) throw rateLimited(wait, 'Too many wrong passwords');

  const account =
    actor.role === 'admin'
      ? await deps.db.masterModels.AdminRegistry.findById(actor.userId).select('+password')
      : await (
          await deps.db.tenant(actor.databaseName)
        ).models.User.findById(actor.userId).select('+password');
  if (!account) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Please sign in again.');
  if (!(await deps.passwords.verify(input.currentPassword, account.password))) {
    deps.throttles.accounts.fail(key, true);
    throw new AppError('VALIDATION', 'The current password is not correct.', {
      currentPassword: 'Wrong password.',
    });
  }
  deps.throttles.accounts.succeed(key);
  account.password = await deps.passwords.hash(input.newPassword);
  account.tokenVersion = (account.tokenVersion ?? 0) + 1;
  account.mustChangePassword = undefined;
  await account.save();
  const { token, claims } = deps.tokens.issue({
    sub: actor.userId,
    role: actor.role,
    db: actor.databaseName,
    ver: account.tokenVersion,
  });
  await changedOwnSession(deps, actor, 'UPDATE', 'PASSWORD');
  return { token, expiresAt: new Date(claims.exp * 1000) };
}

/** Logs what the caller did to their own session or password, and tells their other windows. */
async function changedOwnSession(
  deps: AuthDeps,
  actor: Actor,
  action: 'LOGOUT' | 'UPDATE',
  targetType: 'SESSION' | 'PASSWORD',
): Promise<void> {
  await deps.activity.record(actor, {
    action,
    targetType,
    targetId: actor.userId,
    targetName: actor.username,
  });
  sessionsChanged(deps, actor.databaseName, actor.userId);
}

/** Removes revocation entries of tokens that have expired anyway. */
export async function pruneRevokedTokens(deps: ServiceDeps, now = new Date()): Promise<number> {
  return (await deps.db.masterModels.RevokedToken.deleteMany({ expiresAt: { $lt: now } })).deletedCount;
}
