import { getProfile, updateProfile } from '../../services/profile';
import { serve } from '../serve';
import type { HandlersOf } from '../handler-types';

export const profileHandlers = {
  'profile.get': (_input, ctx) => getProfile(ctx.deps, ctx.actor),
  'profile.update': serve(updateProfile),
} satisfies HandlersOf<'profile.get' | 'profile.update'>;
