import type { z } from 'zod';
import type { Role } from '../roles';

/** Who may call a channel: the listed roles (a valid token required), or anyone ('public'). */
export type ChannelRoles = readonly Role[] | 'public';

export interface ChannelDefinition<
  Name extends string = string,
  Input extends z.ZodType = z.ZodType,
  Output extends z.ZodType = z.ZodType,
> {
  /** `domain.action`, e.g. `users.create`. */
  readonly name: Name;
  readonly roles: ChannelRoles;
  /** Validates the caller's input; the router answers VALIDATION with per-field messages when it fails. */
  readonly input: Input;
  /** What the service returns; the router checks it in tests and development. */
  readonly output: Output;
  /** One line for people reading the contract. */
  readonly summary: string;
}

const CHANNEL_NAME = /^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/;

export function defineChannel<const Name extends string, Input extends z.ZodType, Output extends z.ZodType>(
  definition: ChannelDefinition<Name, Input, Output>,
): ChannelDefinition<Name, Input, Output> {
  if (!CHANNEL_NAME.test(definition.name)) {
    throw new Error(`channel name "${definition.name}" is not domain.action (lower camel case)`);
  }
  if (definition.roles !== 'public' && definition.roles.length === 0) {
    throw new Error(`channel "${definition.name}" allows no role; use 'public' or list the roles`);
  }
  return Object.freeze({ ...definition });
}
