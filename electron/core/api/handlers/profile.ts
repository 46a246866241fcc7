import { getProfile, updateProfile } from '../../services/profile';
import type { HandlersOf } from '../handler-types';

export const profileHandlers = {
  'profile.get': (_input, ctx) => getProfile(ctx.deps, ctx.actor),
  'profile.update': (input, ctx) => updateProfile(ctx.deps, ctx.actor, input),
} satisfies HandlersOf<'profile.get' | 'profile.update'>;
