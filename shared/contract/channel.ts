import type { z } from 'zod';
import type { Role } from '../roles';
import { byId, deleted } from './common';

/** Who may call a channel: the listed roles (a valid token required), or anyone ('public'). */
export type ChannelRoles = readonly Role[] | 'public';

/** What a channel does to the caller's session: starts one (answers a `token`) or ends it. */
export type ChannelSession = 'issues' | 'ends';

/**
 * A request body's default ceiling: every text field at its longest, JSON-escaped, fits. Only channels that
 * carry files or imports declare more; the station refuses a larger body before reading it.
 */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * The body limit of a channel that carries up to `maxChars` characters of text (an import): each one
 * JSON-escaped at worst (`\uXXXX`, six bytes), plus the envelope.
 */
export function textBodyLimit(maxChars: number): number {
  return maxChars * 6 + DEFAULT_BODY_LIMIT;
}

export interface ChannelDefinition<
  Name extends string = string,
  Input extends z.ZodType = z.ZodType,
  Output extends z.ZodType = z.ZodType,
  Roles extends ChannelRoles = ChannelRoles,
> {
  /** `domain.action`, e.g. `users.create`. */
  readonly name: Name;
  readonly roles: Roles;
  /** Set on the channels that sign in (their answer carries a token) or sign out. */
  readonly session?: ChannelSession;
  /** Largest request body in bytes, as sent over HTTP (EJSON); DEFAULT_BODY_LIMIT when not said. */
  readonly maxBodyBytes?: number;
  /**
   * Calling it again with the same input leaves the same state (reads, marks, setting fields): a retry after a
   * lost answer is safe. Not said: a repeat would act twice (create, send, submit, delete, sign in).
   */
  readonly idempotent?: true;
  /**
   * Not idempotent (or, like a register, the same state but logged at each call), but may wait in a connected
   * app's offline outbox (a message, a voice note, a hand-in, a register): the app sends it with an
   * Idempotency-Key and the station answers a repeat of that key with the first answer, so a retry after a lost
   * answer acts once.
   */
  readonly outbox?: true;
  /** Validates the caller's input; the router answers VALIDATION with per-field messages when it fails. */
  readonly input: Input;
  /** What the service returns; the router checks it in tests and development. */
  readonly output: Output;
  /** One line for people reading the contract. */
  readonly summary: string;
}

const CHANNEL_NAME = /^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/;

export function defineChannel<
  const Name extends string,
  const Roles extends ChannelRoles,
  Input extends z.ZodType,
  Output extends z.ZodType,
>(definition: ChannelDefinition<Name, Input, Output, Roles>): ChannelDefinition<Name, Input, Output, Roles> {
  if (!CHANNEL_NAME.test(definition.name)) {
    throw new Error(`channel name "${definition.name}" is not domain.action (lower camel case)`);
  }
  if (definition.roles !== 'public' && definition.roles.length === 0) {
    throw new Error(`channel "${definition.name}" allows no role; use 'public' or list the roles`);
  }
  if (definition.maxBodyBytes !== undefined && !(definition.maxBodyBytes >= 1024)) {
    throw new Error(`channel "${definition.name}" declares a body limit below 1 KB`);
  }
  return Object.freeze({ ...definition });
}

/** A channel that deletes one record by its id (`byId`) and answers `deleted`. */
export function defineDeleteChannel<const Name extends string, const Roles extends ChannelRoles>(
  definition: Pick<ChannelDefinition<Name, typeof byId, typeof deleted, Roles>, 'name' | 'roles' | 'summary'>,
) {
  return defineChannel({ ...definition, input: byId, output: deleted });
}

/** Whether a signed-in person of this role may call the channel (never true of public channels: no role needed). */
export function allowsRole(definition: Pick<ChannelDefinition, 'roles'>, role: Role): boolean {
  const roles: ChannelRoles = definition.roles;
  return roles !== 'public' && roles.includes(role);
}

/** The body limit the station applies to a channel. */
export function bodyLimitOf(definition: Pick<ChannelDefinition, 'maxBodyBytes'>): number {
  return definition.maxBodyBytes ?? DEFAULT_BODY_LIMIT;
}

/** A public channel checks no session, so its UNAUTHENTICATED answer is about the credentials typed. */
export function endsSessionOnUnauthenticated(definition: Pick<ChannelDefinition, 'roles'>): boolean {
  return definition.roles !== 'public';
}
